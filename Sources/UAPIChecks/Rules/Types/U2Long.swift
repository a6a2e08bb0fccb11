import Diagnostics

/// U2: no `long`, `unsigned long` or `__kernel_long_t` members (4 bytes on ILP32, 8 on LP64).
enum LongRule: HeaderCheck {
  static let rule = RuleCatalogue.u2

  static func check(_ c: HeaderContext) -> [RuleFinding] {
    c.fields.compactMap { f in
      let facts = c.facts(f.member.type)
      guard case .long(let name) = c.integerKind(facts, spelling: f.member.typeSpelling) else { return nil }
      let sizes = c.layouts(f.top).compactMap { abi, l in
        f.layoutIndex < l.members.count ? "\(abi.rawValue): \(l.members[f.layoutIndex].size) bytes" : nil
      }
      return c.finding(
        rule, "'\(c.fieldName(f))' is declared '\(c.typeName(f.member))' (\(name)), whose size depends on the ABI",
        field: f, evidence: sizes)
    }
  }
}
