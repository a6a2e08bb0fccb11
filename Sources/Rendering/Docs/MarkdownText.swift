extension Escape {
  /// Prose for Markdown documents: only what would change the rendering is escaped (emphasis,
  /// code, links, raw HTML, table pipes), so the source still reads like the text it shows.
  /// Line breaks fold to spaces.
  public static func markdownText(_ text: String) -> String {
    var out = ""
    var atStart = true
    var lastWasSpace = false
    for s in text.unicodeScalars {
      if s.value < 0x20 || s.value == 0x7F || (0x80...0x9F).contains(s.value) || s == "\u{2028}" || s == "\u{2029}" {
        if !lastWasSpace && !atStart { out += " " }
        lastWasSpace = true
        continue
      }
      lastWasSpace = s == " "
      switch s {
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "&": out += "&amp;"
      case "\\", "`", "*", "[", "]", "|": out += "\\" + String(s)
      // `_` only starts emphasis next to a space or the edge; names like __u64 are common.
      case "_": out += "\\_"
      // (A `where` after several patterns guards only the last one, hence the test inside.)
      case "#", "-", "+":
        if atStart { out += "\\" }
        out.unicodeScalars.append(s)
      default: out.unicodeScalars.append(s)
      }
      atStart = false
    }
    return out
  }
}
