import MailSeries

/// One line of a hunk's new side (context or added; removed lines are not part of the new code).
struct CLine: Sendable {
  /// The code, without the diff's first column and the line ending.
  var text: String
  /// The line as it reads in the diff, first column included.
  var excerpt: String
  var isAdded: Bool
  /// 1-based line in the patch text.
  var patchLine: Int
  var hasComment: Bool
  var isDirective: Bool
  /// This line's tokens in `CHunk.tokens`.
  var tokens: Range<Int>

  var isBlank: Bool { text.allSatisfy { $0 == " " || $0 == "\t" } }
}

/// A function whose body (or part of it) the hunk shows. Kernel style is assumed: a body opens
/// with `{` and closes with `}` in column 0. A hunk that starts inside a function gets it from
/// git's function context (`Hunk.section`), with `headerVisible` false.
struct CFunction: Sendable {
  var name: String?
  var headerVisible: Bool
  /// Line indices in the hunk, header included when visible.
  var lines: ClosedRange<Int>
  /// Token indices in the hunk.
  var tokens: Range<Int>
  /// Index of the body's `{`, when visible.
  var bodyOpen: Int?
}

/// The new side of one hunk, scanned.
struct CHunk: Sendable {
  var section: String
  var lines: [CLine] = []
  var tokens: [CToken] = []
  var functions: [CFunction] = []

  init(_ hunk: Hunk) {
    section = hunk.section
    var scanner = CScanner()
    for (k, hl) in hunk.lines.enumerated() where hl.kind == .added || hl.kind == .context {
      var excerpt = hl.raw
      while excerpt.hasSuffix("\n") || excerpt.hasSuffix("\r") || excerpt.hasSuffix("\r\n") { excerpt.removeLast() }
      let text = hl.text
      let index = lines.count
      let wasComment = scanner.inBlockComment
      let (toks, comment) = scanner.scan(text, line: index)
      let start = tokens.count
      tokens += toks
      let directive = !wasComment && toks.first?.text == "#"
      lines.append(
        CLine(
          text: text, excerpt: excerpt, isAdded: hl.kind == .added, patchLine: hunk.line + 1 + k, hasComment: comment,
          isDirective: directive, tokens: start..<tokens.count))
    }
    functions = Self.segment(lines: lines, tokens: tokens, section: section)
  }

  /// Cuts the lines into functions (kernel style: `{` and `}` in column 0 open and close a body).
  private static func segment(lines: [CLine], tokens: [CToken], section: String) -> [CFunction] {
    var out: [CFunction] = []
    var current: CFunction?
    var pending: Int?
    var inInitializer = false
    if section.contains("("), !section.contains("="), let name = Self.nameBeforeParen(section) {
      current = CFunction(name: name, headerVisible: false, lines: 0...0, tokens: 0..<0, bodyOpen: nil)
    }
    for (i, line) in lines.enumerated() {
      let t = line.text
      if var f = current {
        f.lines = f.lines.lowerBound...i
        if t.hasPrefix("}") {
          f.tokens = lines[f.lines.lowerBound].tokens.lowerBound..<line.tokens.upperBound
          out.append(f)
          current = nil
        } else {
          current = f
        }
        continue
      }
      if line.isDirective { continue }
      if inInitializer {
        if t.hasPrefix("}") { inInitializer = false }
        continue
      }
      if t.hasPrefix("{") {
        let first = pending ?? i
        let header = tokens[lines[first].tokens.lowerBound..<line.tokens.lowerBound]
        let paren = header.firstIndex { $0.text == "(" }
        let name = paren.flatMap { p in p > header.startIndex ? tokens[p - 1] : nil }.flatMap { $0.isIdentifier ? $0.text : nil }
        current = CFunction(
          name: name, headerVisible: pending != nil, lines: first...i, tokens: 0..<0, bodyOpen: line.tokens.lowerBound)
        pending = nil
        continue
      }
      if line.isBlank {
        pending = nil
        continue
      }
      let code = line.tokens.map { tokens[$0] }
      guard let last = code.last else { continue }
      if last.text == "{" {
        inInitializer = true
        pending = nil
      } else if last.text == ";" {
        pending = nil
      } else if pending == nil, let first = t.unicodeScalars.first, first != " ", first != "\t" {
        pending = i
      }
    }
    // A hunk with no lines under a function's section header opens nothing.
    if var f = current, lines.indices.contains(f.lines.lowerBound) {
      f.tokens = lines[f.lines.lowerBound].tokens.lowerBound..<(lines.last?.tokens.upperBound ?? 0)
      out.append(f)
    }
    return out
  }

  /// The identifier right before the first `(` of a declaration written as text.
  static func nameBeforeParen(_ text: String) -> String? {
    guard let p = text.firstIndex(of: "(") else { return nil }
    let head = text[..<p].reversed().drop { $0 == " " || $0 == "\t" }
    let name = String(head.prefix { $0.isLetter || $0.isNumber || $0 == "_" }.reversed())
    return name.isEmpty ? nil : name
  }

  // MARK: Token helpers

  func tok(_ i: Int) -> CToken? { tokens.indices.contains(i) ? tokens[i] : nil }
  func text(_ i: Int) -> String? { tok(i)?.text }

  /// True when token `i` is an identifier followed by `(`.
  func isCall(_ i: Int, _ names: Set<String>? = nil) -> Bool {
    guard let t = tok(i), t.isIdentifier, text(i + 1) == "(" else { return false }
    return names.map { $0.contains(t.text) } ?? true
  }

  /// Token indices of calls to any of `names`.
  func calls(_ names: Set<String>, in range: Range<Int>? = nil) -> [Int] {
    (range ?? tokens.indices).filter { isCall($0, names) }
  }

  func isAdded(_ i: Int) -> Bool { tok(i).map { lines[$0.line].isAdded } ?? false }

  /// The bracket that closes the one at `open` (`(`, `[` or `{`), if the hunk shows it.
  func close(of open: Int) -> Int? {
    guard let o = text(open) else { return nil }
    let c = o == "(" ? ")" : o == "[" ? "]" : "}"
    var depth = 0
    var i = open
    while i < tokens.count {
      if tokens[i].text == o { depth += 1 } else if tokens[i].text == c {
        depth -= 1
        if depth == 0 { return i }
      }
      i += 1
    }
    return nil
  }

  /// The arguments of the call whose name is token `i`, each as a token range.
  func args(ofCall i: Int) -> [Range<Int>] {
    guard isCall(i) else { return [] }
    let open = i + 1
    let end = close(of: open) ?? tokens.count
    var out: [Range<Int>] = []
    var depth = 0
    var start = open + 1
    for k in (open + 1)..<end {
      switch tokens[k].text {
      case "(", "[", "{": depth += 1
      case ")", "]", "}": depth -= 1
      case "," where depth == 0:
        out.append(start..<k)
        start = k + 1
      default: break
      }
    }
    if start < end || !out.isEmpty { out.append(start..<end) }
    return out
  }

  /// First token of the statement holding token `i`: just after the previous `;`, `{` or `}`.
  func statementStart(_ i: Int, floor: Int = 0) -> Int {
    var k = i
    while k > floor, ![";", "{", "}"].contains(tokens[k - 1].text) { k -= 1 }
    return k
  }

  /// Index of the `;` ending the statement that starts at or holds token `i` (outside brackets).
  func statementEnd(_ i: Int, limit: Int? = nil) -> Int {
    let end = limit ?? tokens.count
    var depth = 0
    var k = i
    while k < end {
      switch tokens[k].text {
      case "(", "[": depth += 1
      case ")", "]": depth -= 1
      case ";" where depth <= 0: return k
      case "{" where depth <= 0, "}" where depth <= 0: return k
      default: break
      }
      k += 1
    }
    return max(end - 1, i)
  }

  /// The tokens as one string without spaces, for simple pattern tests.
  func joined(_ r: Range<Int>) -> String { r.clamped(to: tokens.indices).map { tokens[$0].text }.joined() }

  func function(containing i: Int) -> CFunction? { functions.first { $0.tokens.contains(i) } }
  func function(named name: String) -> CFunction? { functions.first { $0.name == name } }

  /// True when line `l` is a goto label (`name:` alone, in column 0).
  func isLabel(_ l: Int) -> Bool {
    let line = lines[l]
    guard line.tokens.count == 2, let f = line.text.unicodeScalars.first, f != " ", f != "\t" else { return false }
    let t = tokens[line.tokens.lowerBound]
    return t.isIdentifier && t.text != "default" && tokens[line.tokens.lowerBound + 1].text == ":"
  }

  /// Error codes that mean "the caller passed something wrong": what a validation failure returns.
  static let validationErrnos: Set<String> = [
    "EINVAL", "EPERM", "EFAULT", "ERANGE", "EOVERFLOW", "E2BIG", "EBUSY", "ENOTTY", "EBADF", "EACCES", "ENOSPC", "EEXIST",
    "ENOENT",
  ]

  /// The first validation error code (`-EINVAL`, …) among tokens `range`.
  func validationErrno(in range: Range<Int>) -> Int? {
    range.clamped(to: tokens.indices).first {
      tokens[$0].text == "-" && Self.validationErrnos.contains(text($0 + 1) ?? "")
    }.map { $0 + 1 }
  }

  /// The tokens of the branch an `if` head runs: its block, or its one statement.
  func branch(afterIfHead close: Int) -> Range<Int> {
    let next = close + 1
    if text(next) == "{" { return next..<((self.close(of: next) ?? tokens.count - 1) + 1) }
    return next..<(statementEnd(next) + 1)
  }

  /// The name token of a function shown from its header.
  func nameToken(of f: CFunction) -> Int? {
    guard f.headerVisible, let open = f.bodyOpen else { return nil }
    return (lines[f.lines.lowerBound].tokens.lowerBound..<open).first { tokens[$0].text == f.name && text($0 + 1) == "(" }
  }

  /// A finding at token `i`.
  func hit(_ i: Int, _ message: String) -> Hit {
    let t = tokens[i]
    return hit(line: t.line, offset: t.offset, message)
  }

  func hit(line l: Int, offset: Int = 0, _ message: String) -> Hit {
    Hit(patchLine: lines[l].patchLine, column: offset + 2, excerpt: lines[l].excerpt, message: message)
  }
}

/// One file of the patch, its hunks scanned.
struct CFile: Sendable {
  enum Kind: Sendable { case c, kconfig }
  var path: String
  var kind: Kind
  var hunks: [CHunk]

  /// Every (hunk, token) pair whose token is any of `names` called as a function.
  func calls(_ names: Set<String>) -> [(hunk: Int, token: Int)] {
    hunks.indices.flatMap { h in hunks[h].calls(names).map { (h, $0) } }
  }

  /// True when any visible line (added or context) has an identifier in `names`.
  func mentions(_ names: Set<String>) -> Bool {
    hunks.contains { h in h.tokens.contains { $0.isIdentifier && names.contains($0.text) } }
  }

  /// Every `struct dma_buf_ops NAME = {` initializer: hunk, the `{` token, and the members
  /// (`.name = value`, value as the first token) when the closing brace is visible.
  func dmaBufOps() -> [OpsInitializer] {
    var out: [OpsInitializer] = []
    for (h, hunk) in hunks.enumerated() {
      for i in hunk.tokens.indices where hunk.tokens[i].text == "dma_buf_ops" && hunk.text(i - 1) == "struct" {
        guard let eq = (i..<min(i + 4, hunk.tokens.count)).first(where: { hunk.tokens[$0].text == "=" }),
          hunk.text(eq + 1) == "{", let end = hunk.close(of: eq + 1)
        else { continue }
        var members: [String: Int] = [:]
        for k in (eq + 2)..<end where hunk.tokens[k].text == "." && hunk.text(k + 2) == "=" {
          if let name = hunk.text(k + 1) { members[name] = k + 1 }
        }
        out.append(OpsInitializer(hunk: h, name: i, open: eq + 1, members: members))
      }
    }
    return out
  }
}

/// A `struct dma_buf_ops` initializer seen in full.
struct OpsInitializer {
  var hunk: Int
  /// Token of `dma_buf_ops`.
  var name: Int
  var open: Int
  /// Member name → its token index.
  var members: [String: Int]

  /// The callback assigned to `member` (`.map_dma_buf = hl_map_dmabuf` → `hl_map_dmabuf`).
  func callback(_ member: String, in file: CFile) -> String? {
    members[member].flatMap { file.hunks[hunk].text($0 + 2) }
  }
}

/// The whole patch as the rules see it: C files under `drivers/` and Kconfig files.
struct CPatch: Sendable {
  var files: [CFile]

  init(_ diffs: [FileDiff]) {
    files = diffs.compactMap { d in
      let path = d.path
      let base = path.split(separator: "/").last.map(String.init) ?? path
      let kind: CFile.Kind
      if base.hasPrefix("Kconfig") {
        kind = .kconfig
      } else if (path.hasPrefix("drivers/") || path.contains("/drivers/")) && (base.hasSuffix(".c") || base.hasSuffix(".h")) {
        kind = .c
      } else {
        return nil
      }
      guard !d.isBinary, d.change != .deleted else { return nil }
      return CFile(path: path, kind: kind, hunks: d.hunks.map(CHunk.init))
    }
  }

  var cFiles: [CFile] { files.filter { $0.kind == .c } }
}

/// What a rule reports before the runner turns it into a `Finding`.
struct Hit: Sendable, Hashable {
  var patchLine: Int
  /// 1-based column in the diff line (its first column is 1).
  var column: Int
  var excerpt: String
  var message: String
}

/// The matching logic of one rule.
protocol DriverPatchRule {
  static var rule: DriverRule { get }
  static func check(_ patch: CPatch) -> [Hit]
}
