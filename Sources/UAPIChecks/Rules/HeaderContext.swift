import Diagnostics
import Foundation
import UAPIModel

/// One member of a header's own top-level record, in the order the layout engine flattens it
/// (members of inline records follow their parent), so `layoutIndex` finds it in every ABI's
/// `RecordLayout.members`.
struct Field: Sendable {
  /// The record that declares the member (index in the primary unit).
  var record: Int
  /// The top-level record whose layout holds it.
  var top: Int
  var member: Member
  /// `alloc.mem_size`: the layout's designator (anonymous levels left out).
  var path: String?
  var depth: Int
  var layoutIndex: Int
  /// The records from `top` down to `record`.
  var enclosing: [Int]
}

/// A member's type with arrays and typedefs peeled off.
struct TypeFacts: Sendable {
  /// Array dimensions, outermost first (nil for `[]`).
  var arrayCounts: [Int?]
  /// Typedef names met on the way, outermost first (`__aligned_u64`? no: that one is a macro).
  var typedefNames: [String]
  var base: CType
  /// A typedef on the way carries `aligned(8)`.
  var typedefAligned8: Bool

  var isArray: Bool { !arrayCounts.isEmpty }
  var isFlexible: Bool { arrayCounts.contains { $0 == nil || $0 == 0 } }
}

/// What an integer-ish member type is, for U1, U2, U5, U6 and U7.
enum IntegerKind: Equatable {
  case fixed(String)
  case long(String)
  case plain(String)
  case char
  case bool
  case time(String)
  case notInteger
}

/// Everything a header rule reads: the model on every ABI, the primary (x86_64) unit, the
/// header's text, and the flattened members of its top-level records.
struct HeaderContext {
  /// The header's path, as findings name it.
  let path: String
  /// The header on each ABI.
  let units: [HeaderUnit]
  let primary: HeaderUnit
  let source: HeaderSource
  let options: HeaderRules.Options
  /// Top-level records defined by the header, in source order (primary unit indices).
  let topRecords: [Int]
  let fields: [Field]
  /// Per ABI: the unit's record index for a primary record's location.
  private let recordIndex: [ABI: [Int: Int]]

  init(path: String, units: [HeaderUnit], text: String, options: HeaderRules.Options) {
    self.path = path
    self.units = units
    let primary = units.first { $0.abi == .x86_64 } ?? units[0]
    self.primary = primary
    self.options = options
    self.source = HeaderSource(path: path, text: text)
    let tops = primary.ownRecords.filter { !primary.records[$0].isNested }
    self.topRecords = tops
    var fields: [Field] = []
    for top in tops {
      var counter = 0
      Self.walk(primary, record: top, top: top, prefix: "", depth: 1, chain: [top], counter: &counter, into: &fields)
    }
    self.fields = fields
    var index: [ABI: [Int: Int]] = [:]
    for unit in units {
      var map: [Int: Int] = [:]
      for r in unit.records.indices where unit.isMain(unit.records[r].location) {
        map[Self.key(unit.records[r].location)] = r
      }
      index[unit.abi] = map
    }
    self.recordIndex = index
  }

  private static func key(_ l: DeclLocation) -> Int { l.line << 20 | l.column }

  private static func walk(
    _ unit: HeaderUnit, record r: Int, top: Int, prefix: String, depth: Int, chain: [Int], counter: inout Int,
    into fields: inout [Field]
  ) {
    for m in unit.records[r].members ?? [] {
      let path = m.name.map { prefix + $0 }
      fields.append(
        Field(
          record: r, top: top, member: m, path: (m.bitWidth != nil && m.name == nil) ? nil : path, depth: depth,
          layoutIndex: counter, enclosing: chain))
      counter += 1
      if m.bitWidth == 0 { continue }
      if let inner = inlineRecord(unit, m) {
        var innerPrefix = prefix
        if let name = m.name {
          if case .array = m.type { innerPrefix = prefix + name + "[0]." } else { innerPrefix = prefix + name + "." }
        }
        walk(unit, record: inner, top: top, prefix: innerPrefix, depth: depth + 1, chain: chain + [inner], counter: &counter, into: &fields)
      }
    }
  }

  /// The record a member's type defines in place (anonymous, or defined in the declaration).
  static func inlineRecord(_ unit: HeaderUnit, _ m: Member) -> Int? {
    var t = m.type
    while case .array(let e, _) = t { t = e }
    guard case .record(let r) = t, unit.records[r].isNested || unit.records[r].tag == nil else { return nil }
    return r
  }

  // MARK: Layouts on each ABI

  /// `unit`'s index of the primary record `r`.
  func record(_ r: Int, in unit: HeaderUnit) -> Int? {
    recordIndex[unit.abi]?[Self.key(primary.records[r].location)]
  }

  func layout(_ r: Int, in unit: HeaderUnit) -> RecordLayout? {
    record(r, in: unit).flatMap { unit.layouts[$0] }
  }

  /// The layouts of a primary record on every ABI that could lay it out, in ABI order.
  func layouts(_ r: Int) -> [(abi: ABI, layout: RecordLayout)] {
    units.compactMap { u in layout(r, in: u).map { (u.abi, $0) } }
  }

  /// The fields of one top-level record.
  func fields(of top: Int) -> [Field] { fields.filter { $0.top == top } }

  func name(ofRecord r: Int) -> String { primary.speller.displayName(ofRecord: r) }

  func fieldName(_ f: Field) -> String {
    "\(name(ofRecord: f.top)).\(f.path ?? f.member.name ?? "(anonymous)")"
  }

  // MARK: Types

  func facts(_ type: CType) -> TypeFacts {
    var t = type
    var counts: [Int?] = []
    var names: [String] = []
    var aligned8 = false
    var steps = 0
    loop: while steps < 64 {
      steps += 1
      switch t {
      case .array(let e, let c):
        counts.append(c)
        t = e
      case .typedef(let i) where i < primary.typedefs.count:
        names.append(primary.typedefs[i].name)
        if primary.typedefs[i].aligned == 8 { aligned8 = true }
        t = primary.typedefs[i].type
      default: break loop
      }
    }
    return TypeFacts(arrayCounts: counts, typedefNames: names, base: t, typedefAligned8: aligned8)
  }

  static let fixedNames: Set<String> = [
    "__u8", "__u16", "__u32", "__u64", "__s8", "__s16", "__s32", "__s64", "__be16", "__be32", "__be64", "__le16",
    "__le32", "__le64", "__sum16", "__wsum", "__poll_t",
  ]
  static let timeNames: Set<String> = [
    "time_t", "__kernel_time_t", "__kernel_old_time_t", "suseconds_t", "__kernel_suseconds_t", "clock_t",
    "__kernel_clock_t",
  ]
  static let longNames: Set<String> = ["__kernel_long_t", "__kernel_ulong_t"]
  static let plainNames: Set<String> = [
    "size_t", "ssize_t", "off_t", "loff_t", "ptrdiff_t", "intptr_t", "uintptr_t", "pid_t", "uid_t", "gid_t", "mode_t",
    "dev_t", "ino_t", "wchar_t",
  ]

  func integerKind(_ f: TypeFacts, spelling: String) -> IntegerKind {
    for name in f.typedefNames {
      if Self.fixedNames.contains(name) || name.hasPrefix("__aligned_") { return .fixed(name) }
      if Self.timeNames.contains(name) { return .time(name) }
      if Self.longNames.contains(name) { return .long(name) }
      if name.hasPrefix("__kernel_") {
        if case .builtin(let b) = f.base, b == .long || b == .unsignedLong { return .long(name) }
        return .fixed(name)
      }
      if Self.plainNames.contains(name) || name.wholeMatch(of: #/u?int(8|16|32|64)_t/#) != nil { return .plain(name) }
    }
    switch f.base {
    case .builtin(let b):
      switch b {
      case .long, .unsignedLong: return .long(b.rawValue)
      case .char: return .char
      case .bool: return .bool
      case .float, .double, .longDouble, .float128, .vaList: return .notInteger
      default: return .plain(b.rawValue)
      }
    case .unknown(let s) where s.contains("bool") || s.contains("_Bool") || spelling == "bool": return .bool
    default:
      return spelling == "bool" ? .bool : .notInteger
    }
  }

  /// A 64-bit scalar member that is not `__aligned_u64` (L5's subject).
  func isPlain64(_ f: Field) -> Bool {
    let t = facts(f.member.type)
    guard case .builtin(let b) = t.base, b == .longLong || b == .unsignedLongLong || b == .double else { return false }
    return !(t.typedefAligned8 || (f.member.attributes.aligned ?? 0) >= 8 || f.member.typeSpelling.contains("__aligned"))
  }

  // MARK: Documentation

  /// The member's documentation: its own comment (or its kernel-doc `@name:` entry) and the
  /// `@path:` entries of the kernel-doc of the records around it.
  func doc(_ f: Field) -> String? {
    var parts: [String] = []
    if let d = f.member.doc {
      parts.append(f.member.name.flatMap { d.parameter($0) } ?? d.text)
    }
    if let path = f.path, let d = primary.records[f.top].doc, d.isKernelDoc, let t = d.parameter(path) {
      parts.append(t)
    }
    for r in f.enclosing.dropFirst() {
      if let name = f.member.name, let d = primary.records[r].doc, d.isKernelDoc, let t = d.parameter(name) { parts.append(t) }
    }
    return parts.isEmpty ? nil : parts.joined(separator: "\n")
  }

  /// Documentation of a record: its own comment.
  func recordDoc(_ r: Int) -> String? { primary.records[r].doc.map { [$0.summary ?? "", $0.text].joined(separator: "\n") } }

  private static func firstWord(_ text: String) -> String {
    String(text.lowercased().drop { !$0.isLetter }.prefix { $0.isLetter || $0 == "/" })
  }

  enum Flow { case input, output, both }

  /// The direction a member's documentation states by its first word (`in;`, `out:`,
  /// `in/out`), else the one its records state: a tag ending in `_in`/`_out`, or a kernel-doc
  /// summary with `(in` / `(out`.
  func flow(_ f: Field) -> Flow? {
    if let d = doc(f) {
      switch Self.firstWord(d) {
      case "in", "input": return .input
      case "out", "output": return .output
      case "in/out": return .both
      default: break
      }
    }
    for r in f.enclosing.reversed() {
      let rec = primary.records[r]
      let summary = rec.doc?.summary?.lowercased() ?? ""
      if rec.tag?.hasSuffix("_out") == true || summary.contains("(out") || summary.hasPrefix("out") { return .output }
      if rec.tag?.hasSuffix("_in") == true || summary.contains("(in,") || summary.contains("(in)") || summary.hasPrefix("in ") {
        return .input
      }
    }
    return nil
  }

  /// Documented as written by the kernel only.
  func isOutput(_ f: Field) -> Bool { flow(f) == .output }

  /// Documented as written by userspace.
  func isInput(_ f: Field) -> Bool { flow(f) == .input }

  /// True when the text states that something is, or must be, zero.
  static func saysZero(_ text: String) -> Bool {
    let t = text.lowercased().replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\t", with: " ")
    let patterns: [Regex<Substring>] = [
      #/(?:must|should|shall|has to|have to|needs? to) (?:be|stay|remain) (?:set to |left as |left at |initiali[sz]ed to )?(?:zero|0\b|zeroe?s|cleared|zeroed)/#,
      #/(?:written|set|read|reads|returned|filled|cleared|initiali[sz]ed) (?:as|to|with) (?:zero|0\b|zeroe?s)/#,
      #/(?:is|are) (?:always )?(?:zero|0\b|zeroed|cleared)/#,
      #/zero[- ]filled|zeroed|must be 0\b/#,
    ]
    for p in patterns where t.contains(p) {
      // "must not be zero" says the opposite.
      if t.contains(#/must not be (zero|0\b)/#), !t.contains(#/must be (zero|0\b)/#), !t.contains(#/(is|are) zero/#) {
        continue
      }
      return true
    }
    return false
  }

  // MARK: ioctl arguments

  /// The record an `_IOx` argument names (`union hl_mem_args`, `struct x`, a typedef name).
  func argumentRecord(_ spelling: String) -> Int? {
    var s = spelling.replacingOccurrences(of: "const ", with: "").trimmingCharacters(in: .whitespaces)
    for kind in [RecordKind.struct, .union] where s.hasPrefix(kind.rawValue + " ") {
      s = String(s.dropFirst(kind.rawValue.count + 1)).trimmingCharacters(in: .whitespaces)
      return primary.records.indices.first { primary.records[$0].kind == kind && primary.records[$0].tag == s && primary.records[$0].isComplete }
    }
    guard let t = primary.typedefs.first(where: { $0.name == s }) else { return nil }
    if case .record(let r) = facts(t.type).base { return r }
    return nil
  }

  /// The records of every ioctl command's argument, with the records they contain.
  func ioctlRecords() -> Set<Int> {
    contained(in: primary.macros.compactMap { $0.ioctl?.argument }.compactMap { argumentRecord($0) })
  }

  /// `roots` and every record their members' types name, directly or through other records.
  func contained(in roots: [Int]) -> Set<Int> {
    var out = Set<Int>()
    var queue = roots
    while let r = queue.popLast() {
      guard out.insert(r).inserted else { continue }
      for m in primary.records[r].members ?? [] {
        if case .record(let inner) = facts(m.type).base { queue.append(inner) }
      }
    }
    return out
  }

  /// The ABIs on which a field's offset is not a multiple of `alignment`, as `abi offset N`.
  func misaligned(_ f: Field, to alignment: Int) -> [String] {
    layouts(f.top).compactMap { abi, l in
      guard f.layoutIndex < l.members.count, l.members[f.layoutIndex].offset % alignment != 0 else { return nil }
      return "\(abi.rawValue) offset \(l.members[f.layoutIndex].offset)"
    }
  }

  // MARK: Findings

  /// 1-based column of the first non-blank character of `line`, or 1.
  func declarationStart(line: Int) -> Int {
    let text = source.line(line)
    return (text.utf8.firstIndex { $0 != 0x20 && $0 != 0x09 }.map { text.utf8.distance(from: text.utf8.startIndex, to: $0) } ?? 0) + 1
  }

  /// Where a field finding points: the start of the member's declaration (its type), found by
  /// walking back from the member's name to the previous `;`, `{`, `}` or `,` on its line.
  func position(_ f: Field) -> (line: Int, column: Int) {
    let l = f.member.location
    guard primary.isMain(l) else { return (1, 1) }
    let bytes = Array(source.code.indices.contains(l.line - 1) ? source.code[l.line - 1].utf8 : "".utf8)
    var i = min(l.column - 1, bytes.count)
    while i > 0, ![UInt8(ascii: ";"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: ",")].contains(bytes[i - 1]) {
      i -= 1
    }
    while i < l.column - 1, i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
    return (l.line, i + 1)
  }

  /// The member's type as C spells it (`__u64`, `struct hl_mem_in`, `char [16]`).
  func typeName(_ m: Member) -> String {
    if !m.typeSpelling.isEmpty { return m.typeSpelling }
    return primary.speller.spell(m.type)
  }

  func position(_ l: DeclLocation) -> (line: Int, column: Int) {
    primary.isMain(l) ? (l.line, l.column) : (1, 1)
  }

  func finding(
    _ rule: Rule, _ message: String, line: Int, column: Int, severity: Severity? = nil, evidence: [String] = []
  ) -> RuleFinding {
    RuleFinding(
      rule: rule.id, severity: severity ?? rule.severity, message: message,
      location: SourceLocation(file: path, line: line, column: column), excerpt: source.line(line),
      help: rule.help, evidence: evidence)
  }

  func finding(_ rule: Rule, _ message: String, field f: Field, severity: Severity? = nil, evidence: [String] = [])
    -> RuleFinding
  {
    let p = position(f)
    return finding(rule, message, line: p.line, column: p.column, severity: severity, evidence: evidence)
  }

  func finding(_ rule: Rule, _ message: String, at l: DeclLocation, severity: Severity? = nil, evidence: [String] = [])
    -> RuleFinding
  {
    let p = position(l)
    return finding(rule, message, line: p.line, column: p.column, severity: severity, evidence: evidence)
  }
}
