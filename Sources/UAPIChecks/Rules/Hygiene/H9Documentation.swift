import Diagnostics

/// H9: every top-level record, named member, command and object-like constant has a comment: its
/// own, or a kernel-doc `@member` entry of a record around it. The include guard and
/// function-like macros are skipped.
enum DocumentationRule: HeaderCheck {
  static let rule = RuleCatalogue.h9

  static func check(_ c: HeaderContext) -> [RuleFinding] {
    var out: [RuleFinding] = []
    for r in c.topRecords where c.primary.records[r].doc == nil {
      out.append(c.finding(rule, "'\(c.name(ofRecord: r))' has no documentation comment", at: c.primary.records[r].location))
    }
    for f in c.fields where f.member.name != nil && c.doc(f) == nil {
      out.append(c.finding(rule, "member '\(c.fieldName(f))' is not documented", field: f))
    }
    let guardName = c.source.code.lazy.compactMap { HeaderSource.directive($0) }.first { $0.name == "ifndef" }
      .flatMap { HeaderSource.identifiers($0.rest).first?.name }
    for m in c.primary.macros where !m.isFunctionLike && m.name != guardName && m.doc == nil && !m.body.isEmpty {
      let kind = m.ioctl != nil ? "command" : "constant"
      out.append(c.finding(rule, "\(kind) '\(m.name)' is not documented", at: m.location))
    }
    return out
  }
}
