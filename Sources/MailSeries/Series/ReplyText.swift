/// A reply's text cut into what it quotes and what it says, in order.
public struct ReplyBlock: Sendable, Hashable, Codable {
  public enum Kind: String, Sendable, Hashable, Codable {
    /// Lines starting with `>`, one quoting level removed.
    case quoted
    /// The writer's own lines, including the `On ..., X wrote:` attribution.
    case new
  }

  public var kind: Kind
  public var lines: [String]
  /// 1-based line of the first line in the mail.
  public var line: Int
  /// For a quoted block: the diff lines it quotes, located in the patch answered.
  public var quotes: [QuotedDiffLine]

  public init(kind: Kind, lines: [String], line: Int, quotes: [QuotedDiffLine] = []) {
    self.kind = kind
    self.lines = lines
    self.line = line
    self.quotes = quotes
  }

  public var text: String { lines.joined(separator: "\n") }
}

/// A quoted line of a reply found in the patch it answers.
public struct QuotedDiffLine: Sendable, Hashable, Codable {
  /// Index of the file in the patch's diff and of the hunk in that file.
  public var file: Int
  public var path: String
  public var hunk: Int
  /// Index of the line within the hunk.
  public var lineInHunk: Int
  /// Line number in the old or new file (new for added and context lines, old for removed).
  public var fileLine: Int
  /// Line of the quote in the reply mail.
  public var replyLine: Int
}

enum ReplyText {
  /// Cuts `text` into quoted and new blocks. Blank lines join the block they sit in; a
  /// signature (`-- `) ends the reply's own text.
  static func blocks(_ text: String, firstLine: Int) -> [ReplyBlock] {
    var blocks: [ReplyBlock] = []
    var lineNumber = firstLine - 1
    for rawBytes in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
      lineNumber += 1
      let raw = Substring(rawBytes)
      if raw == "-- " { break }
      let quoted = rawBytes.first == UInt8(ascii: ">")
      let kind: ReplyBlock.Kind = quoted ? .quoted : .new
      var content = String(raw)
      if quoted {
        content.removeFirst()
        if content.hasPrefix(" ") { content.removeFirst() }
      }
      let blank = rawBytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
      if let last = blocks.last, last.kind == kind || blank {
        blocks[blocks.count - 1].lines.append(blank ? "" : content)
      } else {
        blocks.append(ReplyBlock(kind: kind, lines: [content], line: lineNumber))
      }
    }
    // Trailing blank lines carry nothing.
    for k in blocks.indices {
      while blocks[k].lines.count > 1, blocks[k].lines.last?.isEmpty == true { blocks[k].lines.removeLast() }
    }
    return blocks.filter { !($0.lines.allSatisfy(\.isEmpty)) }
  }

  /// Finds the diff lines a quoted block repeats in `files`: each quoted line that looks like
  /// a diff line (` `, `+`, `-` first) is matched to the hunk line with the same text, keeping
  /// the quotes in order so a repeated line (`}`) lands next to its neighbours.
  static func locate(_ block: ReplyBlock, in files: [FileDiff]) -> [QuotedDiffLine] {
    guard block.kind == .quoted else { return [] }
    var result: [QuotedDiffLine] = []
    var cursor: (file: Int, hunk: Int, line: Int)?
    for (offset, text) in block.lines.enumerated() {
      guard let first = text.first, first == "+" || first == "-" || first == " " else { continue }
      let kind: HunkLine.Kind = first == "+" ? .added : first == "-" ? .removed : .context
      let body = String(text.dropFirst())
      // The blank context line is too common to place alone.
      if kind == .context && body.trimmingCharacters(in: .whitespaces).isEmpty { continue }
      if let found = find(kind, body, in: files, after: cursor) ?? find(kind, body, in: files, after: nil) {
        cursor = found
        let (file, hunk, line) = found
        let h = files[file].hunks[hunk]
        result.append(
          QuotedDiffLine(
            file: file, path: files[file].path, hunk: hunk, lineInHunk: line,
            fileLine: fileLine(h, line), replyLine: block.line + offset))
      }
    }
    return result
  }

  private static func find(
    _ kind: HunkLine.Kind, _ text: String, in files: [FileDiff], after: (file: Int, hunk: Int, line: Int)?
  ) -> (Int, Int, Int)? {
    let start = after ?? (0, 0, -1)
    for f in start.file..<files.count {
      let hunks = files[f].hunks
      let firstHunk = f == start.file ? start.hunk : 0
      guard firstHunk < hunks.count else { continue }
      for h in firstHunk..<hunks.count {
        let lines = hunks[h].lines
        let from = f == start.file && h == start.hunk ? start.line + 1 : 0
        guard from < lines.count else { continue }
        for l in from..<lines.count where lines[l].kind == kind && (lines[l].text == text || trimmedEqual(lines[l].text, text)) {
          return (f, h, l)
        }
      }
    }
    return nil
  }

  /// Mail clients often lose trailing white space or turn tabs into spaces.
  private static func trimmedEqual(_ a: String, _ b: String) -> Bool {
    let x = a.split(whereSeparator: { $0 == " " || $0 == "\t" })
    return !x.isEmpty && x == b.split(whereSeparator: { $0 == " " || $0 == "\t" })
  }

  private static func fileLine(_ hunk: Hunk, _ index: Int) -> Int {
    var old = hunk.oldStart
    var new = hunk.newStart
    for k in 0..<index {
      switch hunk.lines[k].kind {
      case .context: old += 1; new += 1
      case .added: new += 1
      case .removed: old += 1
      case .noNewline: break
      }
    }
    return hunk.lines[index].kind == .removed ? old : new
  }
}
