import Diagnostics

/// H4: the header's own `#include`s name exported uAPI headers: the first directory is one of
/// include/uapi's (or the file is a quoted sibling), and the file was found.
enum IncludeRule: HeaderCheck {
  static let rule = RuleCatalogue.h4

  static let uapiDirectories: Set<String> = [
    "linux", "asm", "asm-generic", "drm", "misc", "mtd", "rdma", "scsi", "sound", "video", "xen", "regulator", "fwctl",
    "cxl",
  ]

  static func check(_ c: HeaderContext) -> [RuleFinding] {
    c.primary.includes.compactMap { inc in
      guard c.primary.isMain(inc.location) else { return nil }
      let first = inc.spelling.split(separator: "/").first.map(String.init) ?? ""
      if inc.isAngled, !inc.spelling.contains("/") || !uapiDirectories.contains(first) {
        return c.finding(rule, "<\(inc.spelling)> is not a uAPI header", line: inc.location.line, column: c.declarationStart(line: inc.location.line))
      }
      if inc.resolved == nil {
        return c.finding(rule, "'\(inc.spelling)' is not among the exported headers (not found)", line: inc.location.line, column: c.declarationStart(line: inc.location.line))
      }
      return nil
    }
  }
}
