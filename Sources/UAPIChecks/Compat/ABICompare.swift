public import Diagnostics
public import UAPIModel
import Dispatch

/// How the driver behind the header dispatches ioctls, which decides what a changed argument
/// size means (`UAPI-RULES.md` I8).
public struct ABICompareOptions: Sendable, Hashable {
  /// Whether the driver tolerates a changed argument size.
  ///
  /// The driver looks commands up by `_IOC_NR` and copies max(user, kernel) bytes, zero-filling
  /// the rest (the DRM core, habanalabs `_hl_ioctl`). A changed argument size then keeps old
  /// binaries working and is reported as compatible; by default it is an ABI break.
  public var sizeTolerantDispatch: Bool
  /// How far the header reader goes (`--limit`).
  public var limits: InputLimits

  public init(sizeTolerantDispatch: Bool = false, limits: InputLimits = .standard) {
    self.sizeTolerantDispatch = sizeTolerantDispatch
    self.limits = limits
  }
}

/// The ABI compatibility classifier: what changed between two versions of a uAPI header, judged
/// on every ABI both were read on, by kernel policy (additions fine, appended members fine,
/// reserved fields used fine, enum values before a sentinel fine; removals, renames, renumbering,
/// reordering, retyping and changed ioctl numbers not).
public enum ABICompare {
  /// Compares two versions of a header.
  ///
  /// The paths may differ: comparing the header a file moved
  /// from with the one it moved to is how a declared move is checked.
  public static func compare(old: HeaderModel, new: HeaderModel, options: ABICompareOptions = .init()) -> ABIDiff {
    let abis = ABI.allCases.filter { old.unit($0) != nil && new.unit($0) != nil }
    let oldUnits = abis.compactMap { old.unit($0) }
    let newUnits = abis.compactMap { new.unit($0) }
    guard !abis.isEmpty else { return ABIDiff(oldPath: old.path, newPath: new.path, abis: [], changes: []) }
    // Records on one core, the rest on another: they read the units only, so the halves are
    // independent, and one header pair is then compared in about half the time.
    let start = Comparison(old: oldUnits, new: newUnits, abis: abis, options: options)
    nonisolated(unsafe) var halves = [start, start]
    halves.withUnsafeMutableBufferPointer { buffer in
      nonisolated(unsafe) let slots = buffer
      DispatchQueue.concurrentPerform(iterations: 2) { k in
        if k == 0 {
          slots[0].compareRecords()
        } else {
          slots[1].compareTypedefs()
          slots[1].compareEnums()
          slots[1].compareMacros()
        }
      }
    }
    return ABIDiff(oldPath: old.path, newPath: new.path, abis: abis, changes: halves[0].changes + halves[1].changes)
  }

  /// Reads both headers on `abis` and compares them.
  ///
  /// The loader's diagnostics come back too.
  /// `old` and `new` may name different paths (a header move).
  public static func compare(
    old: HeaderInput, new: HeaderInput, abis: [ABI] = ABI.allCases, includeRoots: [String] = [],
    options: ABICompareOptions = .init()
  ) -> (diff: ABIDiff, diagnostics: [Diagnostic]) {
    // Two loads: the loader caches sources by path, and both versions may share one.
    let before = UAPILoader.load([old], abis: abis, includeRoots: includeRoots, limits: options.limits)
    let after = UAPILoader.load([new], abis: abis, includeRoots: includeRoots, limits: options.limits)
    let diff = compare(old: before.headers[0], new: after.headers[0], options: options)
    return (diff, before.diagnostics + after.diagnostics)
  }
}

/// One comparison in progress: the two sides, unit by unit, and the changes found so far.
struct Comparison {
  let old: [HeaderUnit]
  let new: [HeaderUnit]
  let abis: [ABI]
  let options: ABICompareOptions
  var changes: [ABIChange] = []

  init(old: [HeaderUnit], new: [HeaderUnit], abis: [ABI], options: ABICompareOptions) {
    self.old = old
    self.new = new
    self.abis = abis
    self.options = options
  }

  var oldRef: HeaderUnit { old[0] }
  var newRef: HeaderUnit { new[0] }

  func location(_ unit: HeaderUnit, _ l: DeclLocation) -> SourceLocation {
    let file = unit.files.indices.contains(l.file) ? unit.files[l.file] : unit.path
    return SourceLocation(file: file, line: l.line, column: l.column)
  }

  mutating func add(
    _ kind: ABIChangeKind, _ verdict: CompatVerdict, _ symbol: String, old: String? = nil, new: String? = nil,
    note: String? = nil, abis: [ABI]? = nil, facts: [ABIFact] = [], at location: SourceLocation?
  ) {
    changes.append(
      ABIChange(
        kind: kind, verdict: verdict, symbol: symbol, old: old, new: new, note: note,
        abis: abis ?? facts.flatMap(\.abis).sortedUnique(or: self.abis), facts: facts, location: location))
  }

  // MARK: Typedefs

  mutating func compareTypedefs() {
    func table(_ u: HeaderUnit) -> [(String, TypedefDecl)] {
      u.ownTypedefs.map { (u.typedefs[$0].name, u.typedefs[$0]) }
    }
    let before = table(oldRef)
    let after = table(newRef)
    let oldByName = Dictionary(before, uniquingKeysWith: { a, _ in a })
    let newByName = Dictionary(after, uniquingKeysWith: { a, _ in a })
    // Typedefs of records are compared as those records (`typedef struct {…} name`).
    let recordNames = Set(oldRef.ownRecords.compactMap { oldRef.speller.cName(ofRecord: $0) })
      .union(newRef.ownRecords.compactMap { newRef.speller.cName(ofRecord: $0) })
    for (name, t) in after where !recordNames.contains(name) {
      let spelledNew = spell(newRef, t.type)
      if let o = oldByName[name] {
        let spelledOld = spell(oldRef, o.type)
        if spelledOld != spelledNew || o.aligned != t.aligned {
          add(
            .typedefChanged, .abiBreak, name, old: spelledOld, new: spelledNew,
            note: "every member and argument of this type changes with it", at: location(newRef, t.location))
        }
      } else {
        add(.typeAdded, .addition, name, new: "typedef \(spelledNew)", at: location(newRef, t.location))
      }
    }
    for (name, t) in before where newByName[name] == nil && !recordNames.contains(name) {
      add(
        .typeRemoved, .sourceBreak, name, old: "typedef \(spell(oldRef, t.type))",
        note: "sources naming it no longer compile", at: location(oldRef, t.location))
    }
  }

  // MARK: Enums

  struct EnumeratorInfo {
    var name: String
    var value: Int64?
    var enumName: String?
    var enumIndex: Int
    var position: Int
    var isSentinel: Bool
    var location: DeclLocation

    var symbol: String { enumName.map { "\($0).\(name)" } ?? name }
  }

  static func enumName(_ e: EnumDecl) -> String? { e.tag.map { "enum " + $0 } ?? e.typedefName }

  static func enumerators(_ u: HeaderUnit) -> [EnumeratorInfo] {
    var out: [EnumeratorInfo] = []
    for e in u.ownEnums {
      let list = u.enums[e].enumerators ?? []
      // Sentinels are the run of sentinel-named values at the end.
      var sentinelFrom = list.count
      while sentinelFrom > 0 && isSentinelName(list[sentinelFrom - 1].name) { sentinelFrom -= 1 }
      for (k, v) in list.enumerated() {
        out.append(
          EnumeratorInfo(
            name: v.name, value: v.value, enumName: enumName(u.enums[e]), enumIndex: e, position: k,
            isSentinel: k >= sentinelFrom, location: v.location))
      }
    }
    return out
  }

  /// `*_MAX`, `*_COUNT`, `__*_LAST`, `NR_*`: a value that counts the others, not one of them.
  static func isSentinelName(_ name: String) -> Bool {
    let upper = name.uppercased()
    for suffix in ["_MAX", "_COUNT", "_CNT", "_LAST", "_NUM", "_NR", "_END"] where upper.hasSuffix(suffix) {
      return true
    }
    for prefix in ["NR_", "NUM_", "MAX_", "__NR_"] where upper.hasPrefix(prefix) { return true }
    return false
  }

  mutating func compareEnums() {
    // Named enum types.
    let oldNames = Dictionary(
      oldRef.ownEnums.compactMap { e in Self.enumName(oldRef.enums[e]).map { ($0, e) } },
      uniquingKeysWith: { a, _ in a })
    let newNamed = newRef.ownEnums.compactMap { e in Self.enumName(newRef.enums[e]).map { ($0, e) } }
    let newNames = Dictionary(newNamed, uniquingKeysWith: { a, _ in a })
    for (name, e) in newNamed where oldNames[name] == nil {
      let count = newRef.enums[e].enumerators?.count ?? 0
      add(.typeAdded, .addition, name, new: "\(count) values", at: location(newRef, newRef.enums[e].location))
    }
    for (name, e) in oldNames.sorted(by: { $0.value < $1.value }) where newNames[name] == nil {
      add(
        .typeRemoved, .sourceBreak, name, old: "\(oldRef.enums[e].enumerators?.count ?? 0) values",
        note: "sources naming it no longer compile", at: location(oldRef, oldRef.enums[e].location))
    }
    // Enumerators share one namespace, like macros.
    let before = Self.enumerators(oldRef)
    let after = Self.enumerators(newRef)
    let oldByName = Dictionary(before.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    let newByName = Dictionary(after.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    var added = after.filter { oldByName[$0.name] == nil }
    var removed = before.filter { newByName[$0.name] == nil }
    // A removed and an added value in the same enum with the same (unique) value: a rename.
    for r in removed {
      let sameValue = added.filter { $0.value == r.value && $0.enumName == r.enumName }
      guard sameValue.count == 1, removed.filter({ $0.value == r.value && $0.enumName == r.enumName }).count == 1,
        let a = sameValue.first
      else { continue }
      add(
        .enumeratorRenamed, .sourceBreak, a.enumName.map { "\($0).\(r.name)" } ?? r.name, old: r.name, new: a.name,
        note: "same value \(Self.show(a.value)); sources using the old name break", at: location(newRef, a.location))
      added.removeAll { $0.name == a.name }
      removed.removeAll { $0.name == r.name }
    }
    for v in after {
      if let o = oldByName[v.name] {
        guard o.value != v.value else { continue }
        let grew = (v.value ?? 0) > (o.value ?? 0)
        if v.isSentinel && o.isSentinel && grew {
          let before = added.filter { $0.enumName == v.enumName }.count
          add(
            .sentinelChanged, .compatible, v.symbol, old: Self.show(o.value), new: Self.show(v.value),
            note: before > 0 ? "sentinel moved past \(before) new value\(before == 1 ? "" : "s")" : "sentinel grew",
            at: location(newRef, v.location))
        } else {
          add(
            .enumeratorValueChanged, .abiBreak, v.symbol, old: Self.show(o.value), new: Self.show(v.value),
            note: "binaries carry the old value", at: location(newRef, v.location))
        }
      } else if added.contains(where: { $0.name == v.name }) {
        let list = newRef.enums[v.enumIndex].enumerators ?? []
        let sentinel = list[(v.position + 1)...].first { s in after.contains { $0.name == s.name && $0.isSentinel } }
        var note = "appended"
        if let sentinel,
          list[(v.position + 1)...].allSatisfy({ s in
            after.contains { $0.name == s.name && ($0.isSentinel || oldByName[$0.name] == nil) }
          })
        {
          note = "appended before the sentinel \(sentinel.name)"
        } else if list[(v.position + 1)...].contains(where: { oldByName[$0.name] != nil }) {
          note = "inserted before existing values"
        }
        add(
          .enumeratorAdded, .addition, v.symbol, new: Self.show(v.value), note: note, at: location(newRef, v.location))
      }
    }
    for r in removed {
      add(
        .enumeratorRemoved, .sourceBreak, r.symbol, old: Self.show(r.value),
        note: "sources naming it no longer compile",
        at: location(oldRef, r.location))
    }
  }

  static func show(_ v: Int64?) -> String { v.map(String.init) ?? "?" }
}

extension Array where Element == ABI {
  /// The ABIs named, each once, in `order`'s order.
  func sortedUnique(or order: [ABI]) -> [ABI] {
    if isEmpty { return order }
    return order.filter { contains($0) }
  }
}
