/// Escaping for the text-based formats.
///
/// Findings quote patches, mail and headers, so any field may hold hostile text (`</failure>`, `]]>`, `<script>`, table pipes, control characters).
public enum Escape {
  /// True for a scalar XML 1.0 allows in a document (`Char` production): tab, newline, carriage
  /// return, and U+0020 on, less the surrogates and U+FFFE/U+FFFF.
  static func isXMLChar(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x9, 0xA, 0xD: true
    case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
    default: false
    }
  }

  /// Character data for an XML element: `&`, `<` and `>` as entities (so `]]>` cannot occur),
  /// characters XML 1.0 forbids dropped.
  public static func xmlText(_ text: String) -> String {
    var out = ""
    out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
    for s in text.unicodeScalars where isXMLChar(s) {
      switch s {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\r": out += "&#13;"  // a literal CR would be normalised away by the parser
      default: out.unicodeScalars.append(s)
      }
    }
    return out
  }

  /// An XML attribute value for double quotes: as `xmlText`, plus quotes and the whitespace a
  /// parser would otherwise normalise to spaces (tab, newline) as character references.
  public static func xmlAttribute(_ text: String) -> String {
    var out = ""
    for s in text.unicodeScalars where isXMLChar(s) {
      switch s {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      case "\t": out += "&#9;"
      case "\n": out += "&#10;"
      case "\r": out += "&#13;"
      default: out.unicodeScalars.append(s)
      }
    }
    return out
  }

  /// Inline Markdown that renders as the literal text under CommonMark and GFM: `<`, `>` and `&`
  /// as entities (no raw HTML, no entity tricks), every other ASCII punctuation character that
  /// Markdown gives meaning to backslash-escaped (emphasis, links, code spans, table pipes),
  /// line breaks and other control characters folded to a space, so a message stays on its line
  /// or in its table cell.
  /// Line breaks and other control characters: folded to one space in inline Markdown.
  static func foldsToSpace(_ s: Unicode.Scalar) -> Bool {
    s.value < 0x20 || s.value == 0x7F || (0x80...0x9F).contains(s.value) || s == "\u{2028}" || s == "\u{2029}"
  }

  public static func markdownInline(_ text: String) -> String {
    var out = ""
    var lastWasSpace = false
    for s in text.unicodeScalars {
      if foldsToSpace(s) {
        if !lastWasSpace { out += " " }
        lastWasSpace = true
        continue
      }
      lastWasSpace = s == " "
      switch s {
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "&": out += "&amp;"
      case "\\", "`", "*", "_", "[", "]", "(", ")", "#", "+", "-", ".", "!", "|", "~", "$", "@":
        out += "\\"
        out.unicodeScalars.append(s)
      default: out.unicodeScalars.append(s)
      }
    }
    return out
  }

  /// A fenced code block around `code` that the code cannot close.
  ///
  /// The fence is longer than any backtick run inside. Control characters other than tab print as `?`.
  public static func markdownFence(_ code: String, info: String = "") -> String {
    var longest = 0
    var run = 0
    for s in code.unicodeScalars {
      run = s == "`" ? run + 1 : 0
      longest = max(longest, run)
    }
    let fence = String(repeating: "`", count: max(3, longest + 1))
    let body = code.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      line.unicodeScalars.map { $0 == "\t" ? "\t" : printable($0) }.joined()
    }.joined(separator: "\n")
    return fence + info + "\n" + body + "\n" + fence
  }

  static func printable(_ s: Unicode.Scalar) -> String {
    if s.value < 0x20 || s.value == 0x7F || (0x80...0x9F).contains(s.value) { return "?" }
    return String(s)
  }

  /// One line for a terminal: tabs and line breaks as spaces, other control characters
  /// (including the ESC of escape sequences) as `?`, so a hostile message cannot fake a line of
  /// its own, move the cursor or recolour the log.
  public static func terminalLine(_ text: String) -> String {
    text.unicodeScalars.map { ["\t", "\n", "\r"].contains($0) ? " " : printable($0) }.joined()
  }
}
