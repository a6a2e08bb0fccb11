import Diagnostics

/// H6: no function prototypes or object declarations in the header's code.
enum DeclarationRule: HeaderCheck {
  static let rule = RuleCatalogue.h6

  static func check(_ c: HeaderContext) -> [RuleFinding] {
    c.primary.functions.compactMap { fn in
      guard c.primary.isMain(fn.location) else { return nil }
      let what = fn.isFunction ? "function prototype" : "variable declaration"
      let p = c.position(fn.location)
      return c.finding(rule, "\(what) '\(fn.name)' in a uAPI header", line: p.line, column: c.declarationStart(line: p.line))
    }
  }
}
