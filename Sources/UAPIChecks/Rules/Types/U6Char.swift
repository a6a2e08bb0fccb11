import Diagnostics

/// U6: plain `char` only as a fixed-length string (`char name[N]`); a single `char` is a number
/// whose signedness depends on the architecture.
enum CharRule: HeaderCheck {
  static let rule = RuleCatalogue.u6

  static func check(_ c: HeaderContext) -> [RuleFinding] {
    c.fields.compactMap { f in
      let facts = c.facts(f.member.type)
      guard !facts.isArray, f.member.bitWidth == nil,
        c.integerKind(facts, spelling: f.member.typeSpelling) == .char
      else { return nil }
      return c.finding(
        rule, "'\(c.fieldName(f))' is a single char; char is signed on x86 and unsigned on arm, use __u8 or __s8",
        field: f)
    }
  }
}
