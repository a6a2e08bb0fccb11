import Diagnostics

/// U5: no `bool`/`_Bool` members.
enum BoolRule: HeaderCheck {
  static let rule = RuleCatalogue.u5

  static func check(_ c: HeaderContext) -> [RuleFinding] {
    c.fields.compactMap { f in
      guard c.integerKind(c.facts(f.member.type), spelling: f.member.typeSpelling) == .bool else { return nil }
      return c.finding(rule, "'\(c.fieldName(f))' is '\(c.typeName(f.member))'; use a __u8 or __u32 flag", field: f)
    }
  }
}
