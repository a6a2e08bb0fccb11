/// A run of consecutive lines of a file whose full content is unknown (no base to apply to),
/// as the hunks of a series show them.
///
/// Rule for later hunks on the same file (see `FragmentMerge`): fragments are numbered in the
/// file as it is after the patches so far. A hunk's preimage is placed at its stated line; where
/// it overlaps fragments and agrees with them, the hunk is applied there and the overlapped
/// fragments and the hunk's postimage become one fragment (extend/update). Where it disagrees, the
/// preimage is looked for inside any one fragment, nearest first (an offset, as git would find
/// it). Failing both, the hunk's postimage replaces the fragments it overlaps, with an
/// `apply.fragment-conflict` warning. A hunk that overlaps nothing becomes a fragment of its own;
/// fragments that merely touch stay separate, each with its own function context.
public struct Fragment: Sendable, Hashable {
  /// 1-based line number of `lines[0]` in the file after the patches so far.
  public var start: Int
  /// The lines, each with its line ending, byte exact (a last line without one stays so).
  public var lines: [[UInt8]]
  /// The function context of the hunk that begins the fragment (`Hunk.section`): the
  /// declaration enclosing its first line, as the diff's author's git saw it.
  public var section: String
  /// The hunks that contributed, oldest first.
  public var sources: [HunkReference]

  public init(start: Int, lines: [[UInt8]], section: String, sources: [HunkReference]) {
    self.start = start
    self.lines = lines
    self.section = section
    self.sources = sources
  }

  /// 1-based line just after the fragment.
  public var end: Int { start + lines.count }

  /// The lines joined back into bytes.
  public var text: [UInt8] { TextLines.join(lines) }
}

/// Which hunk: the patch's index in the series, the file diff's index in the patch, the hunk's
/// index in the file diff (all 0-based).
public struct HunkReference: Sendable, Hashable {
  public var patch: Int
  public var file: Int
  public var hunk: Int

  public init(patch: Int, file: Int, hunk: Int) {
    self.patch = patch
    self.file = file
    self.hunk = hunk
  }
}
