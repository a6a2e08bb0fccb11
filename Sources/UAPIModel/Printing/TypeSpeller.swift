/// Writes a `CType` back as C: `__u64`, `struct hl_mem_in`, `char *[4]`, `void (*)(int)`.
struct TypeSpeller {
  let records: [RecordDecl]
  let enums: [EnumDecl]
  let typedefs: [TypedefDecl]

  init(unit: UnitParser) {
    records = unit.records
    enums = unit.enums
    typedefs = unit.typedefs
  }

  init(records: [RecordDecl], enums: [EnumDecl], typedefs: [TypedefDecl]) {
    self.records = records
    self.enums = enums
    self.typedefs = typedefs
  }

  func spell(_ type: CType, name: String = "") -> String {
    var base = type
    var declarator = name
    // Peel derivations from the outside in, building the declarator around the name.
    while true {
      switch base {
      case .pointer(let inner):
        declarator = "*" + declarator
        base = inner
        continue
      case .array(let inner, let count):
        if declarator.hasPrefix("*") { declarator = "(" + declarator + ")" }
        declarator += "[" + (count.map(String.init) ?? "") + "]"
        base = inner
        continue
      case .function(let returns, let params, let variadic):
        if declarator.hasPrefix("*") { declarator = "(" + declarator + ")" }
        var list = params.map { spell($0) }
        if variadic { list.append("...") }
        declarator += "(" + (list.isEmpty ? "void" : list.joined(separator: ", ")) + ")"
        base = returns
        continue
      default:
        break
      }
      break
    }
    let head = baseName(base)
    if declarator.isEmpty { return head }
    return declarator.hasPrefix("*") ? head + " " + declarator : head + " " + declarator
  }

  func baseName(_ type: CType) -> String {
    switch type {
    case .void: return "void"
    case .builtin(let b): return b.rawValue
    case .typedef(let t): return typedefs[t].name
    case .record(let r): return recordName(r)
    case .enumeration(let e): return enums[e].tag.map { "enum " + $0 } ?? enums[e].typedefName ?? "enum"
    case .unknown(let text): return text
    default: return spell(type)
    }
  }

  func recordName(_ r: Int) -> String {
    let rec = records[r]
    if let tag = rec.tag { return rec.kind.rawValue + " " + tag }
    return rec.typedefName ?? rec.kind.rawValue
  }

  /// How to name the record at file scope in C, nil if it cannot be named.
  func cSpelling(_ r: Int) -> String? {
    let rec = records[r]
    if let tag = rec.tag { return rec.kind.rawValue + " " + tag }
    return rec.typedefName
  }
}
