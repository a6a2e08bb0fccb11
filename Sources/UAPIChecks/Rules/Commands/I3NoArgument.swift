import Diagnostics

/// I3: `_IO` commands take no argument. Flagged: an `_IO` command whose documentation names a
/// struct, pointer or argument structure, and `_IOC(_IOC_NONE, ...)` with a size.
enum NoArgumentRule: HeaderCheck {
  static let rule = RuleCatalogue.i3

  static func check(_ c: HeaderContext) -> [RuleFinding] {
    c.primary.macros.compactMap { m in
      guard let io = m.ioctl, io.direction == .none else { return nil }
      if io.builder == "_IOC", io.size != 0 {
        return c.finding(rule, "'\(m.name)' has no direction but encodes a \(io.size)-byte argument", at: m.location)
      }
      let doc = m.doc?.text ?? ""
      if io.builder == "_IO", doc.contains(#/&struct|\bstruct [a-z_]|pointer to|\bargument: /#) {
        return c.finding(
          rule, "'\(m.name)' is defined with _IO but its documentation describes an argument; use _IOR/_IOW/_IOWR",
          at: m.location)
      }
      return nil
    }
  }
}
