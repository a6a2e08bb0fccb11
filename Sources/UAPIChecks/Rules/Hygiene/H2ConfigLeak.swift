import Diagnostics

/// H2: no `CONFIG_*` identifier in code once comments and `__KERNEL__` blocks are removed.
enum ConfigLeakRule: HeaderCheck {
  static let rule = RuleCatalogue.h2

  static func check(_ c: HeaderContext) -> [RuleFinding] {
    var out: [RuleFinding] = []
    for (k, code) in c.source.code.enumerated() where !c.source.inKernelBlock[k] {
      for id in HeaderSource.identifiers(code) where id.name.hasPrefix("CONFIG_") {
        out.append(c.finding(rule, "'\(id.name)' leaks kernel configuration to userspace", line: k + 1, column: id.column))
      }
    }
    return out
  }
}
