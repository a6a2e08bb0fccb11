import Diagnostics
import UAPIModel

/// H5: a header using `__u*`/`__s*` includes `<linux/types.h>` (directly or through another
/// include), and does not include `<asm/types.h>` directly.
enum TypesIncludeRule: HeaderCheck {
  static let rule = RuleCatalogue.h5

  static func check(_ c: HeaderContext) -> [RuleFinding] {
    var out: [RuleFinding] = []
    for inc in c.primary.includes where c.primary.isMain(inc.location) && inc.spelling == "asm/types.h" {
      out.append(c.finding(rule, "include <linux/types.h> rather than <asm/types.h>", line: inc.location.line, column: c.declarationStart(line: inc.location.line)))
    }
    let hasTypes = c.primary.includes.contains { $0.spelling == "linux/types.h" || ($0.resolved?.hasSuffix("linux/types.h") ?? false) }
    guard !hasTypes else { return out }
    // The text, not the model: a member whose type nobody declared is not in the model.
    for (k, code) in c.source.code.enumerated() where !c.source.inKernelBlock[k] && HeaderSource.directive(code) == nil {
      if let id = HeaderSource.identifiers(code).first(where: { HeaderContext.fixedNames.contains($0.name) }) {
        out.append(c.finding(rule, "'\(id.name)' is used but <linux/types.h> is not included", line: k + 1, column: id.column))
        break
      }
    }
    return out
  }

  /// A type the parser could not read because it is a __u*/__s* name nobody declared.
  static func unknownFixed(_ t: UAPIModel.CType) -> Bool {
    if case .unknown(let s) = t { return HeaderContext.fixedNames.contains { s.contains($0) } }
    return false
  }
}
