import Diagnostics

/// F2: a member documented as unused, not in use or reserved (but not named like padding, which
/// F1 covers) is documented as must-be-zero too.
enum NotInUseRule: HeaderCheck {
  static let rule = RuleCatalogue.f2

  static func check(_ c: HeaderContext) -> [RuleFinding] {
    c.fields.compactMap { f in
      guard let name = f.member.name, !MustBeZeroRule.isPadName(name), let doc = c.doc(f) else { return nil }
      let t = doc.lowercased()
      guard t.contains("not in use") || t.contains("unused") || t.contains("not used") || t.contains("reserved")
      else { return nil }
      guard !HeaderContext.saysZero(t) else { return nil }
      return c.finding(
        rule, "'\(c.fieldName(f))' is documented as unused or reserved but not as must-be-zero", field: f)
    }
  }
}
