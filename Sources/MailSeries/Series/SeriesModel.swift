public import Diagnostics

/// One submitted mail of a series version: the cover letter (index 0) or a patch.
public struct SeriesMail: Sendable, Hashable {
  public var mail: MailMessage
  public var prefix: SubjectPrefix
  /// The mail's text cut into prose and file diffs.
  public var diff: ParsedPatch
  /// The diffstat the mail claims (below `---`), if it has one.
  public var claimedDiffstat: Diffstat?
  /// Trailers of the commit message (Signed-off-by, Reviewed-by, ...).
  public var trailers: [Trailer]
  /// Trailers reviewers gave in replies (to this mail, or to the cover for every patch).
  public var collected: [CollectedTrailer]
  public var replies: [Reply]
  public var diagnostics: [Diagnostic]

  public var index: Int { prefix.index ?? 1 }
  public var files: [FileDiff] { diff.files }
}

/// A trailer from a reply, with who gave it and where.
public struct CollectedTrailer: Sendable, Hashable, Codable {
  public var trailer: Trailer
  public var from: String
  public var messageID: String
  /// True when it was given in answer to the cover letter and so applies to every patch.
  public var viaCover: Bool
}

/// An answer to a cover letter or a patch.
public struct Reply: Sendable, Hashable {
  public var mail: MailMessage
  /// Message-ID of the cover or patch this reply belongs to (through any chain of replies).
  public var target: String
  /// How many replies lie between it and the target (0: a direct answer).
  public var depth: Int
  public var blocks: [ReplyBlock]
  public var trailers: [Trailer]
  /// How it was attached: through In-Reply-To/References or by subject.
  public var attachedBy: Attachment

  public enum Attachment: String, Sendable, Hashable, Codable { case thread, subject }

  public var quoted: [ReplyBlock] { blocks.filter { $0.kind == .quoted } }
  public var new: [ReplyBlock] { blocks.filter { $0.kind == .new } }
}

/// One posting of a series at one revision.
public struct SeriesVersion: Sendable, Hashable {
  public var revision: SubjectPrefix.Revision
  public var isRFC: Bool
  public var isResend: Bool
  public var tags: [String]
  /// The `m` of `n/m`.
  public var total: Int
  public var cover: SeriesMail?
  /// Patches in order, one per index that arrived.
  public var patches: [SeriesMail]
  /// Indexes 1...total that no mail carried.
  public var missing: [Int]
  /// For a partial reroll (v5.1): the indexes it replaced in the version it builds on.
  public var replaced: [Int]
  public var baseCommit: String?
  public var prerequisites: [String]
  public var changeID: String?
  public var diagnostics: [Diagnostic]

  public var title: String { cover?.prefix.title ?? patches.first?.prefix.title ?? "" }
}

/// All revisions of one series found in the input, oldest first, with the patch pairing
/// between consecutive ones.
public struct Series: Sendable, Hashable {
  public var title: String
  public var versions: [SeriesVersion]
  public var pairings: [VersionPairing]
}

/// Everything read from the inputs.
public struct SeriesSet: Sendable {
  public var series: [Series]
  /// Messages that are neither submissions nor replies to one.
  public var unattached: [MailLocation]
  public var messageCount: Int
  public var diagnostics: [Diagnostic]
}
