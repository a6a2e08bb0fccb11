/// Escaping for the HTML the site writer builds itself (highlighted code, SVG); everything else
/// goes through the templates' `{{ }}`, which escapes the same five characters.
enum HTML {
  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for s in text.unicodeScalars {
      switch s {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      // Controls other than tab and newline are not allowed in HTML text.
      case "\u{0}"..."\u{8}", "\u{B}", "\u{C}", "\u{E}"..."\u{1F}", "\u{7F}": out += "\u{FFFD}"
      default: out.unicodeScalars.append(s)
      }
    }
    return out
  }

  /// Text whose `backticked` parts are code (the changelog writes names that way), escaped. An
  /// unpaired last backtick stays text.
  static func inlineCode(_ text: String) -> String {
    var parts = text.split(separator: "`", omittingEmptySubsequences: false).map(String.init)
    var tail = ""
    if parts.count % 2 == 0, let last = parts.popLast() { tail = "`" + last }
    var out = ""
    for (k, p) in parts.enumerated() { out += k % 2 == 1 ? "<code>" + escape(p) + "</code>" : escape(p) }
    return out + escape(tail)
  }
}
