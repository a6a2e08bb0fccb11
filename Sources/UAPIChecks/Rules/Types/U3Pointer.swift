import Diagnostics
import UAPIModel

/// U3: no pointer (or function pointer) members, also as array elements.
enum PointerRule: HeaderCheck {
  static let rule = RuleCatalogue.u3

  static func check(_ c: HeaderContext) -> [RuleFinding] {
    c.fields.compactMap { f in
      switch c.facts(f.member.type).base {
      case .pointer, .function:
        return c.finding(
          rule, "'\(c.fieldName(f))' is a pointer ('\(c.typeName(f.member))'); pass user addresses as __u64",
          field: f)
      default: return nil
      }
    }
  }
}
