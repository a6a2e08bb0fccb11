/// One file's change in a patch: git's extended header facts, the hunks, and the exact lines
/// they were read from (so printing gives the input back byte for byte).
public struct FileDiff: Sendable, Hashable {
  public enum Change: String, Sendable, Codable, Hashable {
    case modified, added, deleted, renamed, copied
  }

  /// Path before the change, nil for a new file.
  public var oldPath: String?
  /// Path after the change, nil for a deleted file.
  public var newPath: String?
  public var change: Change
  public var oldMode: String?
  public var newMode: String?
  /// `similarity index N%` of a rename or copy.
  public var similarity: Int?
  /// `index abc..def`: the abbreviated blob ids.
  public var oldBlob: String?
  public var newBlob: String?
  public var isBinary: Bool
  public var hunks: [Hunk]
  /// 1-based line of the `diff --git` (or `---`) line in the input.
  public var line: Int
  /// The header lines as read, each with its line ending.
  public var rawHeader: [String]

  /// The path this change is known by: the new one, or the old one for a deletion.
  public var path: String { newPath ?? oldPath ?? "" }

  public var added: Int { hunks.reduce(0) { $0 + $1.lines.filter { $0.kind == .added }.count } }
  public var removed: Int { hunks.reduce(0) { $0 + $1.lines.filter { $0.kind == .removed }.count } }
}

public struct Hunk: Sendable, Hashable {
  public var oldStart: Int
  public var oldCount: Int
  public var newStart: Int
  public var newCount: Int
  /// The text after the second `@@`: git's function context (the enclosing declaration).
  public var section: String
  public var lines: [HunkLine]
  public var line: Int
  public var rawHeader: String
}

public struct HunkLine: Sendable, Hashable {
  public enum Kind: Sendable, Hashable {
    case context, added, removed
    /// `\ No newline at end of file`, about the line before it.
    case noNewline
  }

  public var kind: Kind
  /// The line as read, with its line ending.
  public var raw: String

  public init(kind: Kind, raw: String) {
    self.kind = kind
    self.raw = raw
  }

  /// The line without its first column and without the line ending (computed: storing it
  /// beside `raw` doubled the memory a large mailbox takes).
  public var text: String { String(PatchParser.content(raw).utf8.dropFirst()) ?? "" }
}

/// A patch text cut into what is not a diff (mail text, diffstat, signature) and file diffs, in
/// order; `PatchPrinter` puts it back together.
public struct ParsedPatch: Sendable, Hashable {
  public enum Part: Sendable, Hashable {
    case text([String])
    case file(FileDiff)
  }

  public var parts: [Part]

  public var files: [FileDiff] {
    parts.compactMap {
      if case .file(let f) = $0 { return f }
      return nil
    }
  }
}
