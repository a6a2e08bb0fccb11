import Diagnostics

/// The tokens and comments of one file.
struct LexedFile {
  var tokens: [Token]
  var comments: [Comment]
  var diagnostics: [Diagnostic]
}

/// Splits a C file into preprocessing tokens in one pass over its bytes.
///
/// Bad bytes (NUL, control characters, stray non-ASCII) become `.other` tokens with a diagnostic;
/// the lexer never stops early, so everything after a bad byte is still read. Diagnostics per file
/// are capped so a binary or 50 MB file cannot flood the output.
enum Lexer {
  static let maxDiagnosticsPerFile = 20
  /// A file with this many bad bytes is not C (a binary or a wrong file): the rest is not read.
  static let maxBadBytesPerFile = 10_000

  static func lex(_ file: SourceFile, fileIndex: Int32, interner: Interner) -> LexedFile {
    var tokens: [Token] = []
    tokens.reserveCapacity(file.bytes.count / 5)
    var comments: [Comment] = []
    var diagnostics: [Diagnostic] = []
    var suppressed = 0

    func report(_ id: String, _ message: String, at offset: Int) {
      if diagnostics.count < maxDiagnosticsPerFile {
        diagnostics.append(file.diagnostic(.error, id, message, at: offset))
      } else {
        suppressed += 1
      }
    }

    file.bytes.withUnsafeBufferPointer { buf in
      let n = buf.count
      var i = 0
      var flags: UInt8 = Token.atLineStart

      @inline(__always) func at(_ k: Int) -> UInt8 { k < n ? buf[k] : 0 }

      while i < n {
        if suppressed + diagnostics.count >= maxBadBytesPerFile {
          diagnostics.append(
            file.diagnostic(
              .error, "lex.not-c", "\(maxBadBytesPerFile) bytes that start no C token: not a C file? The rest is not read",
              at: i))
          break
        }
        let c = buf[i]
        switch c {
        case 0x20, 0x09, 0x0B, 0x0C, 0x0D:
          flags |= Token.spaceBefore
          i += 1
          continue
        case 0x0A:
          flags = Token.atLineStart
          i += 1
          continue
        case UInt8(ascii: "\\") where spliceLength(buf, i) != nil:
          // Line splice between tokens (gcc also takes spaces before the newline): the logical
          // line goes on.
          i += spliceLength(buf, i)!
          flags |= Token.spaceBefore
          continue
        case UInt8(ascii: "/") where at(i + 1) == UInt8(ascii: "*"):
          let start = i
          let isDoc = at(i + 2) == UInt8(ascii: "*") && at(i + 3) != UInt8(ascii: "/")
          i += 2
          var closed = false
          while i < n {
            if buf[i] == UInt8(ascii: "*") && at(i + 1) == UInt8(ascii: "/") {
              i += 2
              closed = true
              break
            }
            i += 1
          }
          if !closed { report("lex.unterminated-comment", "unterminated /* comment", at: start) }
          comments.append(Comment(start: Int32(start), end: Int32(i), isDoc: isDoc))
          flags |= Token.spaceBefore
          continue
        case UInt8(ascii: "/") where at(i + 1) == UInt8(ascii: "/"):
          let start = i
          while i < n && buf[i] != 0x0A {
            if buf[i] == UInt8(ascii: "\\"), let splice = spliceLength(buf, i) { i += splice } else { i += 1 }
          }
          comments.append(Comment(start: Int32(start), end: Int32(i), isDoc: false))
          flags |= Token.spaceBefore
          continue
        default:
          break
        }

        let start = i
        var kind: TokenKind
        if isIdentStart(c) {
          // String and character prefixes: L"", u"", U"", u8"".
          if (c == UInt8(ascii: "L") || c == UInt8(ascii: "U") || c == UInt8(ascii: "u")),
            at(i + 1) == UInt8(ascii: "\"") || at(i + 1) == UInt8(ascii: "'")
          {
            i += 1
            kind = lexQuoted(buf, &i, report: report)
          } else if c == UInt8(ascii: "u"), at(i + 1) == UInt8(ascii: "8"),
            at(i + 2) == UInt8(ascii: "\"") || at(i + 2) == UInt8(ascii: "'")
          {
            i += 2
            kind = lexQuoted(buf, &i, report: report)
          } else {
            i += 1
            while i < n && isIdentContinue(buf[i]) { i += 1 }
            kind = .identifier
          }
        } else if isDigit(c) || (c == UInt8(ascii: ".") && isDigit(at(i + 1))) {
          i += 1
          while i < n {
            let d = buf[i]
            if (d == UInt8(ascii: "+") || d == UInt8(ascii: "-")),
              [UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "p"), UInt8(ascii: "P")].contains(buf[i - 1])
            {
              i += 1
            } else if isIdentContinue(d) || d == UInt8(ascii: ".") {
              i += 1
            } else {
              break
            }
          }
          kind = .number
        } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
          kind = lexQuoted(buf, &i, report: report)
        } else if let (sym, length) = punctuator(buf, i) {
          tokens.append(Token(kind: .punctuator, flags: flags, id: sym.rawValue, file: fileIndex, offset: Int32(i)))
          i += length
          flags = 0
          continue
        } else {
          // Not a C character. Consume one UTF-8 sequence (or one bad byte) so we always progress.
          i += 1
          if c >= 0xC0 { while i < n && buf[i] & 0xC0 == 0x80 && i - start < 4 { i += 1 } }
          let message: String
          if c == 0 {
            message = "NUL byte in source (binary file?)"
          } else if c < 0x20 || c == 0x7F {
            message = "control character 0x\(String(c, radix: 16)) in source"
          } else if c >= 0x80 {
            let valid = String(validating: buf[start..<i], as: UTF8.self) != nil
            message = valid ? "non-ASCII character outside a comment or string" : "invalid UTF-8 byte sequence"
          } else {
            message = "stray '\(Character(Unicode.Scalar(c)))' in program"
          }
          report("lex.bad-character", message, at: start)
          kind = .other
        }
        let id = interner.intern(UnsafeBufferPointer(rebasing: buf[start..<i]))
        tokens.append(Token(kind: kind, flags: flags, id: id, file: fileIndex, offset: Int32(start)))
        flags = 0
      }
    }
    if suppressed > 0, let last = diagnostics.last {
      diagnostics.append(
        Diagnostic(
          .note, id: "lex.suppressed", message: "\(suppressed) more lexical errors in this file not shown",
          location: last.location))
    }
    return LexedFile(tokens: tokens, comments: comments, diagnostics: diagnostics)
  }

  /// A string or character literal starting at the quote `buf[i]`; stops at an unescaped newline.
  private static func lexQuoted(
    _ buf: UnsafeBufferPointer<UInt8>, _ i: inout Int, report: (String, String, Int) -> Void
  ) -> TokenKind {
    let quote = buf[i]
    let start = i
    i += 1
    while i < buf.count {
      let c = buf[i]
      if c == quote {
        i += 1
        return quote == UInt8(ascii: "'") ? .character : .string
      }
      if c == 0x0A { break }
      if c == UInt8(ascii: "\\") && i + 1 < buf.count { i += 2 } else { i += 1 }
    }
    let what = quote == UInt8(ascii: "'") ? "character constant" : "string literal"
    report("lex.unterminated-literal", "missing terminating \(Character(Unicode.Scalar(quote))) of \(what)", start)
    return quote == UInt8(ascii: "'") ? .character : .string
  }

  private static func punctuator(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Sym, Int)? {
    let n = buf.count
    let c = buf[i]
    let c1: UInt8 = i + 1 < n ? buf[i + 1] : 0
    let c2: UInt8 = i + 2 < n ? buf[i + 2] : 0
    switch c {
    case UInt8(ascii: "("): return (.lparen, 1)
    case UInt8(ascii: ")"): return (.rparen, 1)
    case UInt8(ascii: "["): return (.lbracket, 1)
    case UInt8(ascii: "]"): return (.rbracket, 1)
    case UInt8(ascii: "{"): return (.lbrace, 1)
    case UInt8(ascii: "}"): return (.rbrace, 1)
    case UInt8(ascii: ","): return (.comma, 1)
    case UInt8(ascii: ";"): return (.semicolon, 1)
    case UInt8(ascii: ":"): return (.colon, 1)
    case UInt8(ascii: "?"): return (.question, 1)
    case UInt8(ascii: "~"): return (.tilde, 1)
    case UInt8(ascii: "!"): return c1 == UInt8(ascii: "=") ? (.notEqual, 2) : (.bang, 1)
    case UInt8(ascii: "%"): return c1 == UInt8(ascii: "=") ? (.percentAssign, 2) : (.percent, 1)
    case UInt8(ascii: "&"):
      if c1 == UInt8(ascii: "&") { return (.ampAmp, 2) }
      return c1 == UInt8(ascii: "=") ? (.ampAssign, 2) : (.amp, 1)
    case UInt8(ascii: "*"): return c1 == UInt8(ascii: "=") ? (.starAssign, 2) : (.star, 1)
    case UInt8(ascii: "+"):
      if c1 == UInt8(ascii: "+") { return (.plusPlus, 2) }
      return c1 == UInt8(ascii: "=") ? (.plusAssign, 2) : (.plus, 1)
    case UInt8(ascii: "-"):
      if c1 == UInt8(ascii: "-") { return (.minusMinus, 2) }
      if c1 == UInt8(ascii: ">") { return (.arrow, 2) }
      return c1 == UInt8(ascii: "=") ? (.minusAssign, 2) : (.minus, 1)
    case UInt8(ascii: "."):
      return c1 == UInt8(ascii: ".") && c2 == UInt8(ascii: ".") ? (.ellipsis, 3) : (.dot, 1)
    case UInt8(ascii: "/"): return c1 == UInt8(ascii: "=") ? (.slashAssign, 2) : (.slash, 1)
    case UInt8(ascii: "<"):
      if c1 == UInt8(ascii: "<") { return c2 == UInt8(ascii: "=") ? (.shiftLeftAssign, 3) : (.shiftLeft, 2) }
      return c1 == UInt8(ascii: "=") ? (.lessEqual, 2) : (.less, 1)
    case UInt8(ascii: "="): return c1 == UInt8(ascii: "=") ? (.equalEqual, 2) : (.assign, 1)
    case UInt8(ascii: ">"):
      if c1 == UInt8(ascii: ">") { return c2 == UInt8(ascii: "=") ? (.shiftRightAssign, 3) : (.shiftRight, 2) }
      return c1 == UInt8(ascii: "=") ? (.greaterEqual, 2) : (.greater, 1)
    case UInt8(ascii: "^"): return c1 == UInt8(ascii: "=") ? (.caretAssign, 2) : (.caret, 1)
    case UInt8(ascii: "|"):
      if c1 == UInt8(ascii: "|") { return (.pipePipe, 2) }
      return c1 == UInt8(ascii: "=") ? (.pipeAssign, 2) : (.pipe, 1)
    case UInt8(ascii: "#"): return c1 == UInt8(ascii: "#") ? (.hashHash, 2) : (.hash, 1)
    default: return nil
    }
  }

  /// Length of a line splice at `i`: a backslash, optional blanks, then `\n` or `\r\n`.
  static func spliceLength(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
    var k = i + 1
    while k < buf.count && (buf[k] == 0x20 || buf[k] == 0x09) { k += 1 }
    if k < buf.count && buf[k] == 0x0A { return k + 1 - i }
    if k + 1 < buf.count && buf[k] == 0x0D && buf[k + 1] == 0x0A { return k + 2 - i }
    return nil
  }

  @inline(__always) static func isIdentStart(_ c: UInt8) -> Bool {
    (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || c == 0x5F || c == 0x24
  }
  @inline(__always) static func isIdentContinue(_ c: UInt8) -> Bool { isIdentStart(c) || isDigit(c) }
  @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
}
