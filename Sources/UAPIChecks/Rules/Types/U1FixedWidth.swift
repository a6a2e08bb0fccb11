import Diagnostics

/// U1: integer members use the kernel's fixed-width types. `long` is left to U2, plain `char` to
/// U6, `_Bool` to U5 and time types to U7, so one member gets one type finding.
enum FixedWidthRule: HeaderCheck {
  static let rule = RuleCatalogue.u1

  static func check(_ c: HeaderContext) -> [RuleFinding] {
    c.fields.compactMap { f in
      guard f.member.bitWidth == nil else { return nil }
      let facts = c.facts(f.member.type)
      guard case .plain(let name) = c.integerKind(facts, spelling: f.member.typeSpelling) else { return nil }
      return c.finding(
        rule, "'\(c.fieldName(f))' is declared '\(c.typeName(f.member))' (\(name)), not a fixed-width __u*/__s* type",
        field: f)
    }
  }
}
