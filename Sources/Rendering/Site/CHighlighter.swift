/// Syntax colouring for one line of C as HTML: keywords, types, numbers, strings, comments and
/// preprocessor lines in `tok-*` spans, everything escaped. A line is coloured on its own (a
/// comment opened on an earlier line is not tracked), which is what a diff shows anyway.
enum CHighlighter {
  static let keywords: Set<String> = [
    "auto", "break", "case", "const", "continue", "default", "do", "else", "enum", "extern", "for", "goto", "if",
    "inline", "register", "restrict", "return", "sizeof", "static", "struct", "switch", "typedef", "union", "volatile",
    "while", "__attribute__", "__packed", "__aligned",
  ]
  static let types: Set<String> = [
    "void", "char", "short", "int", "long", "float", "double", "signed", "unsigned", "bool", "_Bool", "size_t",
    "__u8", "__u16", "__u32", "__u64", "__s8", "__s16", "__s32", "__s64", "__le16", "__le32", "__le64", "__be16",
    "__be32", "__be64", "u8", "u16", "u32", "u64", "s8", "s16", "s32", "s64", "__aligned_u64", "__kernel_size_t",
  ]

  /// `line` without its diff marker; `marker` (`+`, `-`, ` `) is written first, uncoloured.
  static func html(_ line: String, marker: String = "") -> String {
    var out = HTML.escape(marker)
    let chars = Array(line.unicodeScalars)
    var i = 0
    func span(_ cls: String, _ from: Int, _ to: Int) {
      var s = ""
      s.unicodeScalars.append(contentsOf: chars[from..<to])
      out += "<span class=\"tok-\(cls)\">\(HTML.escape(s))</span>"
    }
    func plain(_ from: Int, _ to: Int) {
      var s = ""
      s.unicodeScalars.append(contentsOf: chars[from..<to])
      out += HTML.escape(s)
    }
    // A preprocessor line is one colour up to any comment.
    var k = 0
    while k < chars.count, chars[k] == " " || chars[k] == "\t" { k += 1 }
    if k < chars.count, chars[k] == "#" {
      plain(0, k)
      var end = k
      while end < chars.count, !(chars[end] == "/" && end + 1 < chars.count && (chars[end + 1] == "*" || chars[end + 1] == "/")) { end += 1 }
      span("pp", k, end)
      if end < chars.count { span("com", end, chars.count) }
      return out
    }
    while i < chars.count {
      let c = chars[i]
      if c == "/", i + 1 < chars.count, chars[i + 1] == "/" {
        span("com", i, chars.count)
        break
      }
      if c == "/", i + 1 < chars.count, chars[i + 1] == "*" {
        var j = i + 2
        while j + 1 < chars.count, !(chars[j] == "*" && chars[j + 1] == "/") { j += 1 }
        let end = j + 1 < chars.count ? j + 2 : chars.count
        span("com", i, end)
        i = end
        continue
      }
      // A line inside a block comment (` * text`, `*/`).
      if i == k, c == "*" {
        span("com", i, chars.count)
        break
      }
      if c == "\"" || c == "'" {
        var j = i + 1
        while j < chars.count, chars[j] != c {
          if chars[j] == "\\" { j += 1 }
          j += 1
        }
        let end = min(j + 1, chars.count)
        span("str", i, end)
        i = end
        continue
      }
      if c.properties.isAlphabetic || c == "_" {
        var j = i
        while j < chars.count, chars[j].properties.isAlphabetic || chars[j] == "_" || ("0"..."9").contains(chars[j]) { j += 1 }
        var word = ""
        word.unicodeScalars.append(contentsOf: chars[i..<j])
        if keywords.contains(word) { span("kw", i, j) } else if types.contains(word) { span("type", i, j) } else { plain(i, j) }
        i = j
        continue
      }
      if ("0"..."9").contains(c) {
        var j = i
        while j < chars.count, chars[j].properties.isAlphabetic || ("0"..."9").contains(chars[j]) || chars[j] == "." { j += 1 }
        span("num", i, j)
        i = j
        continue
      }
      plain(i, i + 1)
      i += 1
    }
    return out
  }

  /// Whether a file's lines are worth colouring as C.
  static func isC(_ path: String?) -> Bool {
    guard let path else { return false }
    return path.hasSuffix(".c") || path.hasSuffix(".h")
  }
}
