/// One C token on a hunk line. Comments are not tokens (a line only records that it has one).
struct CToken: Sendable, Hashable {
  enum Kind: Sendable, Hashable { case identifier, number, string, char, punct }
  var kind: Kind
  var text: String
  /// Index of the line in `CHunk.lines`.
  var line: Int
  /// 0-based UTF-8 offset in the line text (the diff's first column not counted).
  var offset: Int

  var isIdentifier: Bool { kind == .identifier }
}

/// A lightweight C scanner for diff lines: identifiers, numbers, string and character literals,
/// punctuators (the two-character ones rules need), and comments, which may span lines. It does
/// not preprocess and does not parse: rules work on the token stream.
struct CScanner {
  /// Inside a `/* … */` that started on an earlier line.
  private(set) var inBlockComment = false

  private static let twoCharPuncts: Set<String> = [
    "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "+=", "-=", "*=", "/=", "|=", "&=", "^=", "%=", "##",
  ]

  /// Scans one line; returns its tokens and whether any part of it is comment.
  mutating func scan(_ text: String, line: Int) -> (tokens: [CToken], hasComment: Bool) {
    let b = Array(text.utf8)
    var tokens: [CToken] = []
    var hasComment = inBlockComment
    var i = 0
    func isIdentStart(_ c: UInt8) -> Bool { c == 0x5F || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A) || c >= 0x80 }
    func isIdentChar(_ c: UInt8) -> Bool { isIdentStart(c) || (c >= 0x30 && c <= 0x39) }
    func str(_ r: Range<Int>) -> String { String(decoding: b[r], as: UTF8.self) }
    while i < b.count {
      if inBlockComment {
        hasComment = true
        if b[i] == 0x2A, i + 1 < b.count, b[i + 1] == 0x2F {
          inBlockComment = false
          i += 2
        } else {
          i += 1
        }
        continue
      }
      let c = b[i]
      if c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0C {
        i += 1
      } else if c == 0x2F, i + 1 < b.count, b[i + 1] == 0x2A {
        inBlockComment = true
        hasComment = true
        i += 2
      } else if c == 0x2F, i + 1 < b.count, b[i + 1] == 0x2F {
        hasComment = true
        break
      } else if isIdentStart(c) {
        let s = i
        while i < b.count, isIdentChar(b[i]) { i += 1 }
        tokens.append(CToken(kind: .identifier, text: str(s..<i), line: line, offset: s))
      } else if c >= 0x30 && c <= 0x39 {
        let s = i
        while i < b.count, isIdentChar(b[i]) || b[i] == 0x2E { i += 1 }
        tokens.append(CToken(kind: .number, text: str(s..<i), line: line, offset: s))
      } else if c == 0x22 || c == 0x27 {
        // A literal ends at its unescaped quote or, unterminated, at the end of the line.
        let s = i
        i += 1
        while i < b.count, b[i] != c {
          i += b[i] == 0x5C ? 2 : 1
        }
        i = min(i + 1, b.count)
        tokens.append(CToken(kind: c == 0x22 ? .string : .char, text: str(s..<i), line: line, offset: s))
      } else {
        if i + 1 < b.count, Self.twoCharPuncts.contains(str(i..<(i + 2))) {
          tokens.append(CToken(kind: .punct, text: str(i..<(i + 2)), line: line, offset: i))
          i += 2
        } else {
          tokens.append(CToken(kind: .punct, text: str(i..<(i + 1)), line: line, offset: i))
          i += 1
        }
      }
    }
    return (tokens, hasComment)
  }
}
