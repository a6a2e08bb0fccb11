import Diagnostics

/// I1: a macro named like an ioctl command (`*_IOCTL_*`, `IOCTL_*`) with an integer value is
/// built with `_IO*` (or a wrapper that expands to it). Names that are parts of a command
/// (`*_BASE`, `*_MAGIC`, `*_NR`, ...) are skipped.
enum CommandBuilderRule: HeaderCheck {
  static let rule = RuleCatalogue.i1

  static let partSuffixes = [
    "_BASE", "_MAGIC", "_TYPE", "_NR", "_NUM", "_MAX", "_COUNT", "_VERSION", "_SIZE", "_START", "_END", "_FIRST",
    "_LAST", "_CODE", "_MIN",
  ]

  static func check(_ c: HeaderContext) -> [RuleFinding] {
    c.primary.macros.compactMap { m in
      guard !m.isFunctionLike, m.ioctl == nil, m.value != nil,
        m.name.contains("_IOCTL_") || m.name.hasPrefix("IOCTL_"),
        !partSuffixes.contains(where: { m.name.hasSuffix($0) })
      else { return nil }
      return c.finding(rule, "ioctl command '\(m.name)' is a raw number (\(m.body)); build it with _IO/_IOR/_IOW/_IOWR", at: m.location)
    }
  }
}
