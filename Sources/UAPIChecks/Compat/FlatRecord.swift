import UAPIModel

/// Where one member sits on one ABI.
struct Placement: Hashable {
  var offset: Int
  var size: Int
}

/// One member of a record, placed on every ABI.
///
/// The members of records defined inline (anonymous or named) follow their parent. Paths leave
/// anonymous levels out, as `offsetof` does, so anonymous structs and unions are matched by the
/// names inside them, not by their position.
struct FlatMember {
  /// `in.op`, `export_dmabuf_fd.handle`; nil for an anonymous record member or unnamed bitfield.
  var path: String?
  var name: String?
  var type: CType
  /// The type as C spells it: `__u64`, `__u32[4]`, `struct hl_foo`.
  var spelled: String
  /// Index of the inline record member this one is inside, nil at the top.
  var parent: Int?
  var parentIsUnion: Bool
  /// The member defines a record inline, whose members follow.
  var isInline: Bool
  var isFlexibleArray: Bool
  var location: DeclLocation
  var placement: [ABI: Placement] = [:]
}

/// A record flattened on every ABI, with its size on each.
struct FlatRecord {
  var kind: RecordKind
  var name: String
  var location: DeclLocation
  var members: [FlatMember]
  var size: [ABI: Int]
  /// The unit the declarations were read from (the first ABI), for spelling and typedefs.
  var unit: HeaderUnit

  func index(ofPath path: String) -> Int? { members.firstIndex { $0.path == path } }

  /// True when `i` is `ancestor` or lies inside it.
  func isInside(_ i: Int, _ ancestor: Int) -> Bool {
    var k: Int? = i
    while let j = k {
      if j == ancestor { return true }
      k = members[j].parent
    }
    return false
  }

  /// The size of the container `member` sits in: its parent's, or the record's.
  func containerSize(of i: Int, on abi: ABI) -> Int? {
    if let p = members[i].parent { return members[p].placement[abi]?.size }
    return size[abi]
  }

  /// Reads record `name` from each unit; nil when it is missing or could not be laid out on the
  /// first ABI.
  static func read(_ name: String, units: [HeaderUnit], indexes: [[String: Int]]) -> FlatRecord? {
    guard let first = units.first, let r = indexes.first?[name] else { return nil }
    let rec = first.records[r]
    var flat = FlatRecord(kind: rec.kind, name: name, location: rec.location, members: [], size: [:], unit: first)
    flat.members = walk(first, record: r)
    for (unit, index) in zip(units, indexes) {
      guard let r = index[name], let layout = unit.layouts[r] else { continue }
      flat.size[unit.abi] = layout.size
      // The layout engine flattens the same way (members of inline records follow their
      // parent, none after a zero-width bitfield), so the lists line up index by index.
      let mine = unit.abi == first.abi ? flat.members : walk(unit, record: r, spelling: false)
      guard mine.count == layout.members.count, mine.count == flat.members.count else { continue }
      for (i, m) in layout.members.enumerated() {
        let size = m.bitWidth.map { ($0 + 7) / 8 } ?? m.size
        flat.members[i].placement[unit.abi] = Placement(offset: m.offset, size: size)
      }
    }
    return flat
  }

  /// `spelling: false` leaves `spelled` empty: the other ABIs' walks only line members up.
  private static func walk(_ unit: HeaderUnit, record r: Int, spelling: Bool = true) -> [FlatMember] {
    var out: [FlatMember] = []
    func visit(_ r: Int, parent: Int?, prefix: String) {
      guard let members = unit.records[r].members else { return }
      let isUnion = unit.records[r].kind == .union
      for m in members {
        let inner = inlineRecord(unit, m)
        var flexible = false
        if case .array(_, nil) = m.type { flexible = true }
        let path = m.name.map { prefix + $0 }
        out.append(
          FlatMember(
            path: path, name: m.name, type: m.type, spelled: spelling ? spell(unit, m.type) : "", parent: parent,
            parentIsUnion: isUnion,
            isInline: inner != nil, isFlexibleArray: flexible, location: m.location))
        let me = out.count - 1
        if m.bitWidth == 0 { continue }
        if let inner, unit.records[inner].isComplete {
          var nested = prefix
          if let name = m.name {
            if case .array = m.type { nested = prefix + name + "[0]." } else { nested = prefix + name + "." }
          }
          visit(inner, parent: me, prefix: nested)
        }
      }
    }
    visit(r, parent: nil, prefix: "")
    return out
  }

  /// The record a member defines inline, as the layout engine expands it.
  private static func inlineRecord(_ unit: HeaderUnit, _ m: Member) -> Int? {
    var t = m.type
    while case .array(let e, _) = t { t = e }
    guard case .record(let r) = t, unit.records[r].isNested || unit.records[r].tag == nil else { return nil }
    return r
  }
}

/// `__u32[4]` rather than the speller's `__u32 [4]`.
func spell(_ unit: HeaderUnit, _ type: CType) -> String {
  let s = unit.speller.spell(type)
  guard s.utf8.contains(UInt8(ascii: "[")) else { return s }
  return s.split(separator: " [", omittingEmptySubsequences: false).joined(separator: "[")
}

extension HeaderUnit {
  /// The header's own complete records by name (`struct x`, `union y` or a typedef name).
  var ownRecordIndex: [String: Int] {
    let s = speller
    return Dictionary(
      ownRecords.compactMap { r in s.cName(ofRecord: r).map { ($0, r) } }, uniquingKeysWith: { a, _ in a })
  }

  /// nil when `type` is not an integer here; otherwise whether it is signed (typedefs followed).
  func integerSignedness(_ type: CType) -> Bool? {
    var t = type
    var guardCount = 0
    while guardCount < 64 {
      guardCount += 1
      switch t {
      case .typedef(let i): t = typedefs[i].type
      case .enumeration: return false
      case .builtin(let b):
        guard b.isInteger else { return nil }
        switch b {
        case .signedChar, .short, .int, .long, .longLong, .int128: return true
        case .char: return abi == .x86_64 || abi == .i386 || abi == .x32
        default: return false
        }
      default: return nil
      }
    }
    return nil
  }
}
