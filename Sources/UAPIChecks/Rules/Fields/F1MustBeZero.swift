import Diagnostics

/// F1: pad/reserved/unused members and flags words are documented as zero. A member is padding
/// by name (`pad*`, `__pad*`, `reserved*`, `rsvd*`, `resv*`, `unused*`); a flags word is named
/// `flags` or `*_flags` and must say that bits it does not define are zero (or rejected).
enum MustBeZeroRule: HeaderCheck {
  static let rule = RuleCatalogue.f1

  static func isPadName(_ name: String) -> Bool {
    let n = name.lowercased().drop { $0 == "_" }
    return n.hasPrefix("pad") || n.hasPrefix("reserved") || n.hasPrefix("rsvd") || n.hasPrefix("resv")
      || n.hasPrefix("unused")
  }

  static func isFlagsName(_ name: String) -> Bool {
    let n = name.lowercased()
    return n == "flags" || n.hasSuffix("_flags")
  }

  static func check(_ c: HeaderContext) -> [RuleFinding] {
    c.fields.compactMap { f in
      guard let name = f.member.name else { return nil }
      let doc = c.doc(f)
      if isPadName(name) {
        guard !HeaderContext.saysZero(doc ?? "") else { return nil }
        return c.finding(
          rule, doc == nil
            ? "'\(c.fieldName(f))' is padding but has no documentation saying it must be zero"
            : "'\(c.fieldName(f))' is padding but its documentation does not say it must be zero", field: f)
      }
      if isFlagsName(name), !c.isOutput(f) {
        let t = (doc ?? "").lowercased()
        guard !(HeaderContext.saysZero(t) || t.contains("einval") || t.contains("rejected")) else { return nil }
        return c.finding(
          rule, "flags word '\(c.fieldName(f))' does not document that undefined bits must be zero", field: f)
      }
      return nil
    }
  }
}
