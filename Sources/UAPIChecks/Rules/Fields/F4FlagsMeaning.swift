import Diagnostics

/// F4: a flags word documented both as the header's own flag family (`HL_MEM_*`, or names of
/// flag macros the header defines) and as O_* file flags.
enum FlagsMeaningRule: HeaderCheck {
  static let rule = RuleCatalogue.f4

  static func check(_ c: HeaderContext) -> [RuleFinding] {
    c.fields.compactMap { f in
      guard let name = f.member.name, MustBeZeroRule.isFlagsName(name), let doc = c.doc(f) else { return nil }
      let fileFlags = doc.contains(#/\bO_[A-Z]+\b/#) || doc.lowercased().contains("file flags")
        || doc.lowercased().contains("fcntl")
      guard fileFlags else { return nil }
      let family = doc.firstMatch(of: #/\b([A-Z][A-Z0-9]*_(?:[A-Z0-9]+_)*)\*/#).map { String($0.output.1) + "*" }
      let own = c.primary.macros.first { m in
        m.value != nil && m.ioctl == nil && !m.name.hasPrefix("O_") && doc.contains(m.name) && m.name.contains("FLAG")
      }?.name
      guard let other = family ?? own, !other.hasPrefix("O_") else { return nil }
      return c.finding(
        rule, "'\(c.fieldName(f))' holds \(other) flags for some operations and O_* file flags for another", field: f)
    }
  }
}
