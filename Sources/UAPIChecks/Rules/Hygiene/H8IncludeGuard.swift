import Diagnostics

/// H8: the first directive is `#ifndef X` (or `#if !defined(X)`), the next one `#define X`, and
/// the last one `#endif`; `#pragma once` is accepted too. The compile check in H7 also includes
/// the header twice.
enum IncludeGuardRule: HeaderCheck {
  static let rule = RuleCatalogue.h8

  static func check(_ c: HeaderContext) -> [RuleFinding] {
    let directives = c.source.code.enumerated().compactMap { k, code in HeaderSource.directive(code).map { (k + 1, $0) } }
    if directives.contains(where: { $0.1.name == "pragma" && $0.1.rest.hasPrefix("once") }) { return [] }
    guard directives.count >= 3 else {
      return [c.finding(rule, "no include guard (#ifndef X / #define X ... #endif)", line: 1, column: 1)]
    }
    let (line0, first) = directives[0]
    var guardName: String?
    if first.name == "ifndef" {
      guardName = HeaderSource.identifiers(first.rest).first?.name
    } else if first.name == "if", let m = first.rest.firstMatch(of: #/^!\s*defined\s*\(?\s*([A-Za-z_][A-Za-z0-9_]*)/#) {
      guardName = String(m.output.1)
    }
    let second = directives[1].1
    guard let name = guardName, second.name == "define", HeaderSource.identifiers(second.rest).first?.name == name,
      directives.last?.1.name == "endif"
    else {
      return [c.finding(rule, "the header is not wrapped in an include guard (#ifndef X / #define X ... #endif)", line: line0, column: 1)]
    }
    return []
  }
}
