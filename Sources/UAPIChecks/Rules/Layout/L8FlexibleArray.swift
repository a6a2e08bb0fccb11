import Diagnostics
import UAPIModel

/// L8: no flexible (`[]`) or zero-length (`[0]`) array in a record an `_IOx` command names, or in
/// a record it contains.
enum FlexibleArrayRule: HeaderCheck {
  static let rule = RuleCatalogue.l8

  static func check(_ c: HeaderContext) -> [RuleFinding] {
    let used = c.ioctlRecords()
    guard !used.isEmpty else { return [] }
    var out: [RuleFinding] = []
    for r in c.primary.records.indices where used.contains(r) {
      for m in c.primary.records[r].members ?? [] where c.facts(m.type).isFlexible {
        let field = c.fields.first { $0.member.location == m.location }
        let message = "'\(c.name(ofRecord: r)).\(m.name ?? "?")' is a variable-length array in an ioctl argument; "
          + "pass a __u64 pointer and a count"
        if let field {
          out.append(c.finding(rule, message, field: field))
        } else {
          out.append(c.finding(rule, message, at: m.location))
        }
      }
    }
    return out
  }
}
