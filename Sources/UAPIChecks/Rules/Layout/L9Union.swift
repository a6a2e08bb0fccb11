import Diagnostics
import UAPIModel

/// L9: a union with members smaller than itself leaves bytes the driver must clear. Accepted when
/// the union, a record around it, a smaller member or that member's record type is documented as
/// zeroed/cleared. Reported once per union, at the union.
enum UnionRule: HeaderCheck {
  static let rule = RuleCatalogue.l9

  static func saysCleared(_ text: String?) -> Bool {
    guard let text else { return false }
    let t = text.lowercased()
    return HeaderContext.saysZero(t) || t.contains("clear") || t.contains("memset")
  }

  static func check(_ c: HeaderContext) -> [RuleFinding] {
    var out: [RuleFinding] = []
    for r in c.primary.records.indices where c.primary.records[r].kind == .union && c.primary.records[r].isComplete
      && c.primary.isMain(c.primary.records[r].location)
    {
      guard let layout = c.primary.layouts[r] else { continue }
      let members = c.primary.records[r].members ?? []
      var smaller: [String] = []
      var documented = false
      let direct = layout.members.filter { $0.depth == 1 }
      for (m, ml) in zip(members, direct) where ml.size < layout.size && m.bitWidth == nil {
        smaller.append("\(m.name ?? "(anonymous)") (\(ml.size) of \(layout.size) bytes)")
        if saysCleared(m.doc?.text) { documented = true }
        if case .record(let inner) = c.facts(m.type).base, saysCleared(c.recordDoc(inner)) { documented = true }
        if let name = m.name, saysCleared(c.primary.records[r].doc?.parameter(name)) { documented = true }
      }
      guard !smaller.isEmpty else { continue }
      // The union itself, and the records it is nested in.
      if saysCleared(c.recordDoc(r)) { documented = true }
      for f in c.fields where Self.declares(f, union: r, c) {
        for e in f.enclosing where saysCleared(c.recordDoc(e)) { documented = true }
        if saysCleared(c.doc(f)) { documented = true }
      }
      guard !documented else { continue }
      let owner = c.fields.first { Self.declares($0, union: r, c) }
      let name = c.primary.records[r].tag == nil && c.primary.records[r].typedefName == nil
        ? "the union in '\(owner.map { c.fieldName($0) } ?? c.name(ofRecord: r))'" : "'\(c.name(ofRecord: r))'"
      out.append(
        c.finding(
          rule, "\(name) has members smaller than the union; document that the driver clears the rest",
          at: c.primary.records[r].location, evidence: smaller))
    }
    return out
  }

  /// The field whose type is the union `r` (for an anonymous or nested union).
  static func declares(_ f: Field, union r: Int, _ c: HeaderContext) -> Bool {
    if case .record(let u) = c.facts(f.member.type).base { return u == r }
    return false
  }
}
