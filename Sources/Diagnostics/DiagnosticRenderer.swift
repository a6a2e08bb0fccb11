/// Prints diagnostics the way gcc and clang do, so editors and CI logs link them:
///
///     include/uapi/misc/hl.h:12:5: error: expected ';' after member [parse.expected-semicolon]
///         __u32 op
///         ^
public enum DiagnosticRenderer {
  public static func render(_ diagnostic: Diagnostic) -> String {
    var out = ""
    if let location = diagnostic.location {
      out += "\(location): "
    }
    out += "\(diagnostic.severity.rawValue): \(escapingControls(diagnostic.message)) [\(diagnostic.id)]"
    if let excerpt = diagnostic.excerpt, let column = diagnostic.location?.column {
      out += "\n" + caretExcerpt(line: excerpt, column: column)
    }
    return out
  }

  public static func render(_ diagnostics: some Sequence<Diagnostic>) -> String {
    diagnostics.map { render($0) + "\n" }.joined()
  }

  /// The message with control characters written as `\xNN`: a message that quotes a token of a
  /// binary file (a NUL byte) stays one line of text, as gcc's `stray '\1'` does.
  public static func escapingControls(_ message: String) -> String {
    guard message.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) else { return message }
    return message.unicodeScalars.map { s in
      guard s.value < 0x20 || s.value == 0x7f else { return String(s) }
      return "\\x" + (s.value < 0x10 ? "0" : "") + String(s.value, radix: 16)
    }.joined()
  }

  /// The source line (shortened around the column when long) with a caret under `column`.
  /// Tabs before the column are kept in the caret line so the caret lines up in a terminal;
  /// control characters print as `?`. Every output format that draws a caret uses this.
  public static func caretExcerpt(line: String, column: Int, width: Int = 160) -> String {
    let scalars = Array(line.unicodeScalars)
    let index = max(0, min(column - 1, scalars.count))
    let start = index > width / 2 ? index - width / 2 : 0
    let end = min(scalars.count, start + width)
    let shown = scalars[start..<end].map { printable($0) }
    let pad = scalars[start..<index].map { $0 == "\t" ? "\t" : " " }
    let prefix = start > 0 ? "..." : ""
    let padPrefix = start > 0 ? "   " : ""
    return "    " + prefix + shown.joined() + "\n    " + padPrefix + pad.joined() + "^"
  }

  /// The scalar as shown in an excerpt: control characters and U+FFFD become `?`, tabs stay.
  public static func printable(_ scalar: Unicode.Scalar) -> String {
    if scalar == "\t" { return "\t" }
    if scalar.value < 0x20 || scalar.value == 0x7f || scalar == "\u{FFFD}" { return "?" }
    return String(scalar)
  }
}
