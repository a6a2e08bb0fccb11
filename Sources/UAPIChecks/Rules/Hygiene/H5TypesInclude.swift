import Diagnostics

/// H5: a header using `__u*`/`__s*` includes `<linux/types.h>` (directly or through another
/// include), and does not include `<asm/types.h>` directly.
enum TypesIncludeRule: HeaderCheck {
  static let rule = RuleCatalogue.h5

  static func check(_ c: HeaderContext) -> [RuleFinding] {
    var out: [RuleFinding] = []
    for inc in c.primary.includes where c.primary.isMain(inc.location) && inc.spelling == "asm/types.h" {
      out.append(c.finding(rule, "include <linux/types.h> rather than <asm/types.h>", at: inc.location))
    }
    let hasTypes = c.primary.includes.contains { $0.spelling == "linux/types.h" || ($0.resolved?.hasSuffix("linux/types.h") ?? false) }
    guard !hasTypes else { return out }
    let user = c.fields.first { f in
      c.facts(f.member.type).typedefNames.contains { HeaderContext.fixedNames.contains($0) }
    }
    if let user {
      out.append(c.finding(rule, "'\(user.member.typeSpelling)' is used but <linux/types.h> is not included", field: user))
    }
    return out
  }
}
