/// Sizes and alignments per ABI, and record layout as gcc/clang do it on the five ABIs
/// (`UAPI-RULES.md` §3.1): in-struct alignment (i386's 4-byte `long long`), `packed`,
/// `aligned(N)` on records, members and typedefs, SysV bitfield allocation, flexible arrays and
/// GNU empty structs.
extension UnitParser: TypeContext {
  /// Larger objects are refused (gcc's limit is PTRDIFF_MAX); keeps all bit arithmetic in range.
  static let maxObjectBytes = 1 << 48

  struct TypeInfo {
    var size: Int
    var alignment: Int
  }

  func size(of type: CType) -> Int? { info(type)?.size }
  func alignment(of type: CType) -> Int? { info(type)?.alignment }

  func canonical(_ type: CType) -> CType {
    var t = type
    var guardCount = 0
    while case .typedef(let i) = t, guardCount < 1000 {
      t = typedefs[i].type
      guardCount += 1
    }
    return t
  }

  func enumConstant(_ name: Int32) -> IntegerValue? { enumConstants[name] }

  func member(_ name: String, of type: CType) -> (CType, Int)? {
    guard case .record(let r) = canonical(type), let members = records[r].members, let layout = recordLayout(r) else {
      return nil
    }
    // Direct members, then members of anonymous members (C11 lets them be named directly).
    var k = 0
    for m in members {
      defer { k += 1 }
      guard k < layout.directOffsets.count else { break }
      let offset = layout.directOffsets[k]
      if m.name == name { return (m.type, offset) }
      if m.name == nil, case .record = canonical(m.type), let (t, o) = self.member(name, of: m.type) {
        return (t, offset + o)
      }
    }
    return nil
  }

  func info(_ type: CType) -> TypeInfo? {
    switch type {
    case .void: return TypeInfo(size: 1, alignment: 1)
    case .builtin(let b): return builtinInfo(b)
    case .pointer: return TypeInfo(size: abi.pointerSize, alignment: abi.pointerSize)
    case .array(let element, let count):
      guard let e = info(element) else { return nil }
      let (total, overflow) = e.size.multipliedReportingOverflow(by: count ?? 0)
      return overflow || total > UnitParser.maxObjectBytes ? nil : TypeInfo(size: total, alignment: e.alignment)
    case .record(let r):
      guard let l = recordLayout(r) else { return nil }
      return TypeInfo(size: l.layout.size, alignment: l.layout.alignment)
    case .enumeration(let e): return enumInfo(e)
    case .typedef(let t):
      guard var i = info(typedefs[t].type) else { return nil }
      if let a = typedefs[t].aligned { i.alignment = a }
      return i
    case .function: return TypeInfo(size: 1, alignment: 1)
    case .unknown: return nil
    }
  }

  private func builtinInfo(_ b: BuiltinType) -> TypeInfo? {
    switch b {
    case .char, .signedChar, .unsignedChar, .bool: return TypeInfo(size: 1, alignment: 1)
    case .short, .unsignedShort: return TypeInfo(size: 2, alignment: 2)
    case .int, .unsignedInt, .float: return TypeInfo(size: 4, alignment: 4)
    case .long, .unsignedLong: return TypeInfo(size: abi.longSize, alignment: abi.longSize)
    case .longLong, .unsignedLongLong: return TypeInfo(size: 8, alignment: abi.longLongAlignment)
    case .double: return TypeInfo(size: 8, alignment: abi.doubleAlignment)
    case .longDouble: return TypeInfo(size: abi.longDouble.size, alignment: abi.longDouble.alignment)
    case .int128, .unsignedInt128, .float128:
      return abi.hasInt128 || b == .float128 ? TypeInfo(size: 16, alignment: 16) : nil
    case .vaList: return TypeInfo(size: abi.vaList.size, alignment: abi.vaList.alignment)
    }
  }

  private func enumInfo(_ e: Int) -> TypeInfo? {
    guard let enumerators = enums[e].enumerators else { return TypeInfo(size: 4, alignment: 4) }
    let values = enumerators.compactMap(\.value)
    let minValue = values.min() ?? 0
    let maxValue = values.max() ?? 0
    if enums[e].attributes.packed {
      for size in [1, 2, 4] {
        let bits = Int64(size * 8)
        let fits =
          minValue < 0
          ? (minValue >= -(1 << (bits - 1)) && maxValue < (1 << (bits - 1)))
          : (UInt64(bitPattern: maxValue) < (1 << UInt64(bits)))
        if fits { return TypeInfo(size: size, alignment: size) }
      }
    }
    let fitsInt = minValue >= Int64(Int32.min) && (maxValue <= Int64(UInt32.max) && (minValue >= 0 || maxValue <= Int64(Int32.max)))
    var info = fitsInt ? TypeInfo(size: 4, alignment: 4) : TypeInfo(size: 8, alignment: abi.longLongAlignment)
    if let a = enums[e].attributes.aligned { info.alignment = max(info.alignment, a) }
    return info
  }

  // MARK: Records

  struct ComputedLayout {
    var layout: RecordLayout
    /// Byte offset of each direct member, for `member(_:of:)` and `offsetof`.
    var directOffsets: [Int]
    /// Bit offset and size of each direct member.
    var directBits: [(offset: Int, size: Int)]
  }

  /// The layout of record `r`, computed once; nil for incomplete records or unknown member types
  /// (a diagnostic says which).
  func recordLayout(_ r: Int) -> ComputedLayout? {
    if let cached = computedLayouts[r] { return cached }
    if layoutFailures[r] != nil { return nil }
    guard let members = records[r].members else { return nil }
    if layoutsInProgress.contains(r) {
      layoutFailures[r] = "contains itself"
      return nil
    }
    layoutsInProgress.insert(r)
    defer { layoutsInProgress.remove(r) }
    let record = records[r]
    let isUnion = record.kind == .union
    var offsetBits = 0
    var maxEndBits = 0
    var alignment = 1
    var directOffsets: [Int] = []
    var directBits: [(Int, Int)] = []
    for m in members {
      let packed = record.attributes.packed || m.attributes.packed
      guard let ti = info(m.type) else {
        layoutFailures[r] = "member '\(m.name ?? "<anonymous>")' has an incomplete or unknown type"
        return nil
      }
      if let width = m.bitWidth {
        let unitBits = ti.size * 8
        var alignBits = (packed ? 1 : ti.alignment) * 8
        if let a = m.attributes.aligned { alignBits = max(alignBits, a * 8) }
        if let limit = record.packLimit { alignBits = min(alignBits, limit * 8) }
        if width < 0 || width > unitBits {
          layoutFailures[r] = "bitfield '\(m.name ?? "")' is wider than its type"
          return nil
        }
        if isUnion { offsetBits = 0 }
        if width == 0 {
          offsetBits = alignUp(offsetBits, ti.alignment * 8)
          directOffsets.append(offsetBits / 8)
          directBits.append((offsetBits, 0))
          continue
        }
        if !packed {
          // A bitfield may not cross a boundary of a storage unit of its type, aligned as the type.
          let unitStart = offsetBits - offsetBits % alignBits
          if offsetBits + width > unitStart + unitBits { offsetBits = alignUp(offsetBits, alignBits) }
        } else if m.attributes.aligned != nil {
          offsetBits = alignUp(offsetBits, alignBits)
        }
        directOffsets.append(offsetBits / 8)
        directBits.append((offsetBits, width))
        // Unnamed bitfields do not affect the record's alignment (SysV, AAPCS).
        if m.name != nil { alignment = max(alignment, alignBits / 8) }
        offsetBits += width
        maxEndBits = max(maxEndBits, offsetBits)
        continue
      }
      var a = ti.alignment
      if let explicit = m.attributes.aligned { a = max(a, explicit) }
      if packed { a = m.attributes.aligned ?? 1 }
      if let limit = record.packLimit { a = min(a, limit) }
      if isUnion { offsetBits = 0 }
      offsetBits = alignUp(offsetBits, a * 8)
      directOffsets.append(offsetBits / 8)
      directBits.append((offsetBits, ti.size * 8))
      offsetBits += ti.size * 8
      maxEndBits = max(maxEndBits, offsetBits)
      alignment = max(alignment, a)
      if offsetBits > UnitParser.maxObjectBytes * 8 {
        layoutFailures[r] = "larger than \(UnitParser.maxObjectBytes) bytes"
        return nil
      }
    }
    if let a = record.attributes.aligned {
      alignment = record.attributes.packed ? max(1, a) : max(alignment, a)
      if record.attributes.packed { alignment = a }
    }
    let size = alignUp((maxEndBits + 7) / 8, alignment)
    var computed = ComputedLayout(
      layout: RecordLayout(size: size, alignment: alignment, members: [], holes: [], tailPadding: 0),
      directOffsets: directOffsets, directBits: directBits)
    computedLayouts[r] = computed
    computed.layout = flattened(r, computed: computed)
    computedLayouts[r] = computed
    return computed
  }

  private func alignUp(_ x: Int, _ a: Int) -> Int { a <= 1 ? x : (x + a - 1) / a * a }

  /// Members flattened with absolute offsets, holes and tail padding.
  private func flattened(_ r: Int, computed: ComputedLayout) -> RecordLayout {
    var out = computed.layout
    out.members = []
    out.holes = []
    appendMembers(of: r, computed: computed, baseBits: 0, depth: 1, pathPrefix: "", into: &out)
    // Tail padding: bytes after the last member's end.
    let endBits = computed.directBits.map { $0.offset + $0.size }.max() ?? 0
    out.tailPadding = max(0, out.size - (endBits + 7) / 8)
    return out
  }

  private func appendMembers(
    of r: Int, computed: ComputedLayout, baseBits: Int, depth: Int, pathPrefix: String, into out: inout RecordLayout
  ) {
    guard let members = records[r].members else { return }
    let isUnion = records[r].kind == .union
    var previousEnd: Int?
    var previousIndex: Int?
    for (k, m) in members.enumerated() where k < computed.directBits.count {
      let bits = computed.directBits[k]
      let absBits = baseBits + bits.offset
      if !isUnion, let end = previousEnd, absBits > end, !(m.bitWidth == 0) {
        out.holes.append(Hole(offset: end / 8, bits: absBits - end, after: previousIndex))
      }
      let path: String?
      if let name = m.name { path = pathPrefix + name } else { path = nil }
      let typeText = TypeSpeller(unit: self).spell(m.type)
      let flexible: Bool
      if case .array(_, nil) = canonical(m.type) { flexible = true } else { flexible = false }
      let isBitfield = m.bitWidth != nil
      out.members.append(
        MemberLayout(
          name: m.name, path: (isBitfield && m.name == nil) ? nil : path, type: typeText, offset: absBits / 8,
          size: isBitfield ? 0 : bits.size / 8, bitOffset: isBitfield ? absBits : nil, bitWidth: m.bitWidth, depth: depth,
          isFlexibleArray: flexible, inlineRecord: inlineRecord(m)))
      let memberIndex = out.members.count - 1
      if m.bitWidth == 0 { continue }
      // Members of records defined inline follow, one level deeper.
      if let inner = inlineRecord(m), let innerLayout = recordLayout(inner) {
        let prefix: String
        if let name = m.name {
          if case .array = canonical(m.type) { prefix = pathPrefix + name + "[0]." } else { prefix = pathPrefix + name + "." }
        } else {
          prefix = pathPrefix
        }
        appendMembers(of: inner, computed: innerLayout, baseBits: absBits, depth: depth + 1, pathPrefix: prefix, into: &out)
        // Padding at the end of an inline record is padding inside this one.
        let innerTail = innerLayout.layout.tailPadding
        if innerTail > 0 {
          let endOfInner = absBits + (innerLayout.layout.size - innerTail) * 8
          out.holes.append(Hole(offset: endOfInner / 8, bits: innerTail * 8, after: out.members.count - 1))
        }
      }
      if isUnion { continue }
      previousEnd = absBits + bits.size
      previousIndex = memberIndex
    }
  }

  /// The record a member's type defines inline (anonymous, or defined in the member declaration).
  func inlineRecord(_ m: Member) -> Int? {
    var t = m.type
    while case .array(let e, _) = t { t = e }
    guard case .record(let r) = t, records[r].isNested || records[r].tag == nil else { return nil }
    return r
  }
}
