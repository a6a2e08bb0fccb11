import Diagnostics

/// H1: the SPDX line; a GPL expression must carry `WITH Linux-syscall-note`. Looked for in the
/// first 5 lines (where headers_install looks); missing is a warning.
enum SPDXRule: HeaderCheck {
  static let rule = RuleCatalogue.h1

  /// The problem with one SPDX line, or nil when it is fine.
  static func problem(_ line: String) -> (column: Int, message: String)? {
    guard let r = line.range(of: "SPDX-License-Identifier:") else { return nil }
    let expression = line[r.upperBound...]
    guard expression.contains("GPL"), !expression.contains("Linux-syscall-note") else { return nil }
    let column = line.utf8.distance(from: line.utf8.startIndex, to: r.lowerBound) + 1
    return (column, "SPDX license names GPL without 'WITH Linux-syscall-note'")
  }

  static func check(_ c: HeaderContext) -> [RuleFinding] {
    for n in 1...max(1, min(5, c.source.lines.count)) where c.source.line(n).contains("SPDX-License-Identifier:") {
      guard let p = problem(c.source.line(n)) else { return [] }
      return [c.finding(rule, p.message, line: n, column: p.column)]
    }
    return [c.finding(rule, "no SPDX-License-Identifier line at the top of the header", line: 1, column: 1, severity: .warning)]
  }
}
