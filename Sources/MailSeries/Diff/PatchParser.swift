import Foundation
public import Diagnostics

/// Reads unified diffs and git's extended diff headers out of any text (a mail body, a
/// `format-patch` file, `git diff` output). Never throws: problems are diagnostics, and what
/// could be read is kept.
public struct PatchParser {
  public let path: String
  private var lines: [String] = []
  private var index = 0
  public private(set) var diagnostics: [Diagnostic] = []

  public init(path: String) { self.path = path }

  /// Splits text into lines that keep their `\n` or `\r\n`. Works on the UTF-8 bytes with
  /// memchr: `\n` ends every line either way, and a 100 MB patch must not be walked one
  /// `Character` at a time.
  static func splitLines(_ text: String) -> [String] {
    var text = text
    return text.withUTF8 { buf in
      var out: [String] = []
      guard let base = buf.baseAddress else { return out }
      var start = 0
      while start < buf.count {
        let end = memchr(base + start, 0x0A, buf.count - start).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) + 1 } ?? buf.count
        out.append(String(decoding: UnsafeBufferPointer(rebasing: buf[start..<end]), as: UTF8.self))
        start = end
      }
      return out
    }
  }

  public mutating func parse(_ text: String) -> ParsedPatch {
    lines = PatchParser.splitLines(text)
    index = 0
    var parts: [ParsedPatch.Part] = []
    var pending: [String] = []
    func flushText() {
      if !pending.isEmpty { parts.append(.text(pending)) }
      pending = []
    }
    while index < lines.count {
      let line = lines[index]
      if line.hasPrefix("diff --git ") || startsPlainDiff(at: index) {
        flushText()
        let before = index
        let file = parseFile()
        if index == before { index += 1 }  // never stall
        parts.append(.file(file))
      } else {
        pending.append(line)
        index += 1
      }
    }
    flushText()
    return ParsedPatch(parts: parts)
  }

  private func startsPlainDiff(at i: Int) -> Bool {
    i + 2 < lines.count && lines[i].hasPrefix("--- ") && lines[i + 1].hasPrefix("+++ ") && lines[i + 2].hasPrefix("@@ ")
  }

  private mutating func diagnose(_ severity: Severity, _ id: String, _ message: String, line: Int) {
    let text = line - 1 < lines.count && line >= 1 ? PatchParser.content(lines[line - 1]) : nil
    diagnostics.append(
      Diagnostic(severity, id: id, message: message, location: SourceLocation(file: path, line: line, column: 1), excerpt: text))
  }

  /// A line without its line ending.
  static func content(_ line: String) -> String {
    // Counted in UTF-8 (CR and LF are single bytes), as this runs once per line of every patch.
    let u = line.utf8
    var end = u.endIndex
    if end > u.startIndex, u[u.index(before: end)] == 0x0A { end = u.index(before: end) }
    if end > u.startIndex, u[u.index(before: end)] == 0x0D { end = u.index(before: end) }
    return end == u.endIndex ? line : String(line[..<end])
  }

  // MARK: One file

  private mutating func parseFile() -> FileDiff {
    let start = index
    var file = FileDiff(
      oldPath: nil, newPath: nil, change: .modified, oldMode: nil, newMode: nil, similarity: nil, oldBlob: nil,
      newBlob: nil, isBinary: false, hunks: [], line: start + 1, rawHeader: [])
    var gitNames: (String?, String?) = (nil, nil)
    if lines[index].hasPrefix("diff --git ") {
      let gitLine = PatchParser.content(lines[index])
      gitNames = PatchParser.gitDiffNames(gitLine)
      let names = String(gitLine.dropFirst("diff --git ".count))
      if names.hasPrefix("\""), PatchParser.quoted(names) == nil {
        diagnose(.warning, "diff.bad-quoted-name", "unterminated quoted file name in the diff --git line", line: index + 1)
      }
      file.rawHeader.append(lines[index])
      index += 1
      headerLoop: while index < lines.count {
        let raw = lines[index]
        let l = PatchParser.content(raw)
        if l.hasPrefix("@@ ") || l.hasPrefix("diff --git ") || (l.hasPrefix("--- ") && !(index + 1 < lines.count && lines[index + 1].hasPrefix("+++ "))) {
          break
        }
        guard let handled = headerLine(l, &file) else {
          // git apply rejects a header line it does not know; the ---/+++/@@ after it would
          // otherwise be read, without a word, as a second diff of the same file.
          if index + 1 < lines.count, lines[index + 1].hasPrefix("--- ") || lines[index + 1].hasPrefix("@@ ") {
            diagnose(.warning, "diff.unknown-header", "unknown line in a git diff header; the lines after it are read as another diff", line: index + 1)
          }
          break headerLoop
        }
        file.rawHeader.append(raw)
        index += 1
        if handled == .binaryPatch {
          consumeBinaryPatch(&file)
          break headerLoop
        }
        if handled == .endsHeader { break headerLoop }
      }
    } else {
      // A plain unified diff: --- and +++ only.
      _ = headerLine(PatchParser.content(lines[index]), &file)
      _ = headerLine(PatchParser.content(lines[index + 1]), &file)
      file.rawHeader += [lines[index], lines[index + 1]]
      index += 2
    }
    if file.oldPath == nil && file.change != .added { file.oldPath = gitNames.0 }
    if file.newPath == nil && file.change != .deleted { file.newPath = gitNames.1 }
    if file.change == .renamed || file.change == .copied, file.oldPath == nil || file.newPath == nil {
      let what = file.change == .renamed ? "rename" : "copy"
      diagnose(.warning, "diff.incomplete-rename", "'\(what) from' and '\(what) to' do not both name a file; the other name is unknown", line: start + 1)
    }
    while index < lines.count, lines[index].hasPrefix("@@ ") {
      guard let hunk = parseHunk() else { break }
      file.hunks.append(hunk)
    }
    return file
  }

  private enum HeaderResult { case ok, binaryPatch, endsHeader }

  /// The table of git's extended header lines (as libgit2's patch_parse.c has it).
  private mutating func headerLine(_ l: String, _ file: inout FileDiff) -> HeaderResult? {
    func after(_ prefix: String) -> String? { l.hasPrefix(prefix) ? String(l.dropFirst(prefix.count)) : nil }
    if let (prefix, apply) = PatchParser.simpleHeaders.first(where: { l.hasPrefix($0.prefix) }) {
      apply(&file, String(l.dropFirst(prefix.count)))
    } else if let v = after("similarity index ") ?? after("dissimilarity index ") {
      file.similarity = Int(v.dropLast())
    } else if let v = after("index ") {
      let parts = v.split(separator: " ")
      let ids = parts.first?.split(separator: ".", omittingEmptySubsequences: true) ?? []
      if ids.count == 2 {
        file.oldBlob = String(ids[0])
        file.newBlob = String(ids[1])
      }
      if parts.count > 1 {
        file.oldMode = file.oldMode ?? String(parts[1])
        file.newMode = file.newMode ?? String(parts[1])
      }
    } else if let v = after("--- ") {
      let p = PatchParser.diffPath(v)
      if p == nil { file.change = .added } else if file.oldPath == nil { file.oldPath = p }
    } else if let v = after("+++ ") {
      let p = PatchParser.diffPath(v)
      if p == nil { file.change = .deleted } else if file.newPath == nil { file.newPath = p }
      return .endsHeader
    } else if l == "GIT binary patch" {
      file.isBinary = true
      return .binaryPatch
    } else if l.hasPrefix("Binary files ") && l.hasSuffix(" differ") {
      file.isBinary = true
      return .endsHeader
    } else {
      return nil
    }
    return .ok
  }

  /// Header lines that set one or two fields: (prefix, what the rest of the line sets).
  private static let simpleHeaders: [(prefix: String, apply: @Sendable (inout FileDiff, String) -> Void)] = [
    ("old mode ", { $0.oldMode = $1 }),
    ("new mode ", { $0.newMode = $1 }),
    ("deleted file mode ", { $0.change = .deleted; $0.oldMode = $1 }),
    ("new file mode ", { $0.change = .added; $0.newMode = $1 }),
    ("rename from ", { $0.change = .renamed; $0.oldPath = unquote($1) }),
    ("rename to ", { $0.change = .renamed; $0.newPath = unquote($1) }),
    ("copy from ", { $0.change = .copied; $0.oldPath = unquote($1) }),
    ("copy to ", { $0.change = .copied; $0.newPath = unquote($1) }),
  ]

  /// `literal N` / `delta N` blocks of base85 lines, each ended by a blank line.
  private mutating func consumeBinaryPatch(_ file: inout FileDiff) {
    while index < lines.count {
      let l = PatchParser.content(lines[index])
      guard l.hasPrefix("literal ") || l.hasPrefix("delta ") else { return }
      file.rawHeader.append(lines[index])
      index += 1
      while index < lines.count {
        let data = PatchParser.content(lines[index])
        file.rawHeader.append(lines[index])
        index += 1
        if data.isEmpty { break }
      }
    }
  }

  // MARK: Hunks

  private mutating func parseHunk() -> Hunk? {
    let headerRaw = lines[index]
    let header = PatchParser.content(headerRaw)
    let headerLine = index + 1
    guard let (oldStart, oldCount, newStart, newCount, section) = PatchParser.hunkHeader(header) else {
      diagnose(.error, "diff.bad-hunk-header", "malformed hunk header", line: headerLine)
      return nil
    }
    index += 1
    var oldLeft = oldCount
    var newLeft = newCount
    var body: [HunkLine] = []
    while index < lines.count && (oldLeft > 0 || newLeft > 0) {
      let raw = lines[index]
      let l = PatchParser.content(raw)
      let first = l.first
      if first == " " || l.isEmpty {
        // An empty line is a context line whose space a mailer removed.
        guard oldLeft > 0 && newLeft > 0 else { break }
        oldLeft -= 1
        newLeft -= 1
        body.append(HunkLine(kind: .context, raw: raw))
      } else if first == "-" {
        guard oldLeft > 0, !isSignature(index) else { break }
        oldLeft -= 1
        body.append(HunkLine(kind: .removed, raw: raw))
      } else if first == "+" {
        guard newLeft > 0 else { break }
        newLeft -= 1
        body.append(HunkLine(kind: .added, raw: raw))
      } else if first == "\\" {
        noNewlineMarker(after: body)
        body.append(HunkLine(kind: .noNewline, raw: raw))
      } else {
        break
      }
      index += 1
    }
    if oldLeft > 0 || newLeft > 0 {
      diagnose(
        .error, "diff.short-hunk",
        "hunk header says -\(oldCount) +\(newCount) lines but the hunk ends \(oldLeft) old and \(newLeft) new lines short",
        line: headerLine)
    }
    // The marker about the last line of the hunk follows it.
    if index < lines.count, lines[index].hasPrefix("\\") {
      noNewlineMarker(after: body)
      body.append(HunkLine(kind: .noNewline, raw: lines[index]))
      index += 1
    }
    // A header that counts too few lines leaves diff lines behind, which git apply would drop
    // without a word; the first of them is where the hunk overruns its count.
    if oldLeft == 0, newLeft == 0, index < lines.count, looksLikeHunkLine(index) {
      diagnose(
        .warning, "diff.long-hunk", "hunk header says -\(oldCount) +\(newCount) lines but diff lines go on past them",
        line: index + 1)
    }
    return Hunk(
      oldStart: oldStart, oldCount: oldCount, newStart: newStart, newCount: newCount, section: section, lines: body,
      line: headerLine, rawHeader: headerRaw)
  }

  /// `\ No newline at end of file` (at `index`) qualifies the diff line before it; first in a
  /// hunk or right after another marker it qualifies nothing.
  private mutating func noNewlineMarker(after body: [HunkLine]) {
    if body.last.map({ $0.kind == .noNewline }) ?? true {
      diagnose(.warning, "diff.stray-no-newline", "'\\ No newline at end of file' does not follow a diff line", line: index + 1)
    }
  }

  /// The mail signature line `-- ` followed by text (git's version line): in a hunk whose
  /// header counts too many lines it ends the hunk instead of being counted as a removed line.
  private func isSignature(_ i: Int) -> Bool {
    guard PatchParser.content(lines[i]) == "-- ", i + 1 < lines.count else { return false }
    let next = PatchParser.content(lines[i + 1])
    guard let first = next.first else { return false }
    return !" -+\\".contains(first) && !next.hasPrefix("@@ ") && !next.hasPrefix("diff --git ")
  }

  /// A context, removed or added line that is not the mail signature (`-- `) nor the start of
  /// the next plain diff.
  private func looksLikeHunkLine(_ i: Int) -> Bool {
    let l = PatchParser.content(lines[i])
    guard let first = l.first, first == " " || first == "-" || first == "+" else { return false }
    if l == "-- " || l == "--" || startsPlainDiff(at: i) { return false }
    return !l.allSatisfy { $0 == " " || $0 == "\t" }
  }

  /// `@@ -a[,b] +c[,d] @@ section`
  static func hunkHeader(_ l: String) -> (Int, Int, Int, Int, String)? {
    let parts = l.split(separator: " ", maxSplits: 4, omittingEmptySubsequences: false)
    guard parts.count >= 4, parts[0] == "@@", parts[3] == "@@", parts[1].hasPrefix("-"), parts[2].hasPrefix("+") else {
      return nil
    }
    func range(_ s: Substring) -> (Int, Int)? {
      let nums = s.dropFirst().split(separator: ",", omittingEmptySubsequences: false)
      guard let start = Int(nums[0]), start >= 0 else { return nil }
      if nums.count == 1 { return (start, 1) }
      guard nums.count == 2, let count = Int(nums[1]), count >= 0, count < 1 << 40 else { return nil }
      return (start, count)
    }
    guard let old = range(parts[1]), let new = range(parts[2]) else { return nil }
    return (old.0, old.1, new.0, new.1, parts.count > 4 ? String(parts[4]) : "")
  }

  // MARK: Paths

  /// `a/x b/y` of a `diff --git` line; nil names when they cannot be told apart (spaces, renames).
  static func gitDiffNames(_ l: String) -> (String?, String?) {
    let rest = String(l.dropFirst("diff --git ".count))
    if rest.hasPrefix("\"") {
      guard let (a, end) = quoted(rest) else { return (nil, nil) }
      let tail = String(rest[end...]).trimmingLeadingSpace
      let b = tail.hasPrefix("\"") ? quoted(tail)?.0 : tail
      return (stripPrefix(a), b.map(stripPrefix))
    }
    // Unquoted: a/NAME b/NAME with the same NAME on both sides.
    let chars = Array(rest)
    if chars.count % 2 == 1 {
      let half = chars.count / 2
      let a = String(chars[..<half])
      let b = String(chars[(half + 1)...])
      if chars[half] == " ", stripPrefix(a) == stripPrefix(b) { return (stripPrefix(a), stripPrefix(b)) }
    }
    return (nil, nil)
  }

  /// The path of a `---`/`+++` line: unquoted, without `a/`/`b/` and git's trailing tab.
  static func diffPath(_ v: String) -> String? {
    var s = v
    if s.hasPrefix("\"") {
      s = quoted(s)?.0 ?? s
    } else if let tab = s.firstIndex(of: "\t") {
      s = String(s[..<tab])
    }
    if s == "/dev/null" { return nil }
    return stripPrefix(s)
  }

  static func stripPrefix(_ s: String) -> String {
    if s.hasPrefix("a/") || s.hasPrefix("b/") { return String(s.dropFirst(2)) }
    return s
  }

  static func unquote(_ s: String) -> String { s.hasPrefix("\"") ? (quoted(s)?.0 ?? s) : s }

  /// A C-quoted name as git writes it (`"a/tab\there"`, octal escapes for bytes); the name and
  /// the index after the closing quote.
  static func quoted(_ s: String) -> (String, String.Index)? {
    var bytes: [UInt8] = []
    var i = s.index(after: s.startIndex)
    while i < s.endIndex {
      let c = s[i]
      if c == "\"" { return (String(decoding: bytes, as: UTF8.self), s.index(after: i)) }
      if c == "\\" {
        i = s.index(after: i)
        guard i < s.endIndex else { return nil }
        let e = s[i]
        switch e {
        case "n": bytes.append(10)
        case "t": bytes.append(9)
        case "a": bytes.append(7)
        case "b": bytes.append(8)
        case "f": bytes.append(12)
        case "r": bytes.append(13)
        case "v": bytes.append(11)
        case "0"..."7":
          var value = 0
          var n = 0
          while n < 3, i < s.endIndex, let d = s[i].wholeNumberValue, d < 8 {
            value = value * 8 + d
            i = s.index(after: i)
            n += 1
          }
          bytes.append(UInt8(truncatingIfNeeded: value))
          continue
        default: bytes += Array(String(e).utf8)
        }
      } else {
        bytes += Array(String(c).utf8)
      }
      i = s.index(after: i)
    }
    return nil
  }
}

extension String {
  fileprivate var trimmingLeadingSpace: String { String(drop { $0 == " " }) }
}
