extension Escape {
  /// Prose for Markdown documents: only what would change the rendering is escaped (emphasis,
  /// code, links, raw HTML, table pipes), so the source still reads like the text it shows.
  /// Line breaks fold to spaces.
  public static func markdownText(_ text: String) -> String {
    let scalars = Array(text.unicodeScalars)
    func isWord(_ k: Int) -> Bool {
      guard scalars.indices.contains(k) else { return false }
      let p = scalars[k].properties
      return p.isAlphabetic || ("0"..."9").contains(scalars[k]) || scalars[k] == "_"
    }
    var out = ""
    var atStart = true
    var lastWasSpace = false
    for (k, s) in scalars.enumerated() {
      if foldsToSpace(s) {
        if !lastWasSpace && !atStart { out += " " }
        lastWasSpace = true
        continue
      }
      lastWasSpace = s == " "
      switch s {
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      // `&` starts an entity only before a letter or `#`.
      case "&": out += scalars.indices.contains(k + 1) && (scalars[k + 1].properties.isAlphabetic || scalars[k + 1] == "#") ? "&amp;" : "&"
      case "\\", "`", "*", "[", "]", "|": out += "\\" + String(s)
      // Inside a word (`__u64`, `dev_err`) `_` cannot start emphasis; at its edges it can.
      case "_":
        if isWord(k - 1) && isWord(k + 1) && !(k >= 1 && scalars[k - 1] == "_" && !isWord(k - 2)) { out += "_" } else { out += "\\_" }
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
