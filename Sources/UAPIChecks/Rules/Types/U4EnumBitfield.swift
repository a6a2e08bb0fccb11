import Diagnostics
import UAPIModel

/// U4: bitfields are errors, enum-typed members warnings.
enum EnumBitfieldRule: HeaderCheck {
  static let rule = RuleCatalogue.u4

  static func check(_ c: HeaderContext) -> [RuleFinding] {
    c.fields.compactMap { f in
      if let width = f.member.bitWidth {
        return c.finding(
          rule, "'\(c.fieldName(f))' is a \(width)-bit bitfield; bitfield layout is up to the compiler", field: f,
          severity: .error)
      }
      if case .enumeration = c.facts(f.member.type).base {
        return c.finding(
          rule, "'\(c.fieldName(f))' has enum type '\(c.typeName(f.member))'; store the value in a __u32",
          field: f, severity: .warning)
      }
      return nil
    }
  }
}
