public import Diagnostics

/// What became of one hunk.
public struct HunkOutcome: Sendable, Hashable {
  public enum Status: Sendable, Hashable {
    /// Applied; `line` is the 1-based line of the file (as patched by the hunks before) where the
    /// matched preimage began, as `git apply -v` prints it.
    ///
    /// `offset` is git's: the distance from the position the hunk was looked for first (its new
    /// start line, moved up one line for every leading context line fuzz dropped). `droppedLeading`
    /// and `droppedTrailing` count the context lines fuzz dropped; both are 0 for an exact match.
    case applied(line: Int, offset: Int, droppedLeading: Int, droppedTrailing: Int)
    /// Matched nowhere; the `apply.reject` diagnostic says where the best candidate differed.
    case rejected
  }

  /// 0-based index of the hunk in its file diff (git's `Hunk #n` is `index + 1`).
  public var index: Int
  /// 1-based line of the hunk's `@@` header in the patch input.
  public var headerLine: Int
  public var status: Status

  public init(index: Int, headerLine: Int, status: Status) {
    self.index = index
    self.headerLine = headerLine
    self.status = status
  }

  /// Context lines dropped on the side that lost more (GNU patch's "fuzz").
  public var fuzz: Int {
    if case .applied(_, _, let l, let t) = status { return max(l, t) }
    return 0
  }

  public var isRejected: Bool { status == .rejected }
}

/// The text of one file after its hunks, like `git apply --reject` leaves it: hunks that match are
/// applied, the others are reported and skipped.
public struct ContentResult: Sendable, Hashable {
  /// The bytes after every applicable hunk.
  public var content: [UInt8]
  public var hunks: [HunkOutcome]
  public var diagnostics: [Diagnostic]

  public init(content: [UInt8], hunks: [HunkOutcome], diagnostics: [Diagnostic]) {
    self.content = content
    self.hunks = hunks
    self.diagnostics = diagnostics
  }

  /// Indexes of the hunks that did not apply.
  public var rejectedHunks: [Int] { hunks.filter(\.isRejected).map(\.index) }
}

/// One file diff applied to what its old path held.
public struct FileApplyResult: Sendable, Hashable {
  /// The new path's content; nil when the diff deletes the file or could not be applied at all
  /// (then `diagnostics` says why and `applied` is false).
  public var content: [UInt8]?
  public var hunks: [HunkOutcome]
  public var diagnostics: [Diagnostic]
  /// False when a file-level check failed (binary, missing, already exists, deletion that leaves
  /// content); hunk rejects alone leave it true, as `git apply --reject` writes such files.
  public var applied: Bool

  public init(content: [UInt8]?, hunks: [HunkOutcome], diagnostics: [Diagnostic], applied: Bool) {
    self.content = content
    self.hunks = hunks
    self.diagnostics = diagnostics
    self.applied = applied
  }

  public var rejectedHunks: [Int] { hunks.filter(\.isRejected).map(\.index) }
}
