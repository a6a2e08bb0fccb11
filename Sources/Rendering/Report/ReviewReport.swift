/// Everything a reviewer reads about one series, ready to render: the site, the Markdown docs
/// and the checklist are all written from this and nothing else (renderers never re-parse).
///
/// Built by `Review.ReportBuilder`. Every field is plain text or numbers; escaping is the
/// renderer's job.
public struct ReviewReport: Sendable, Codable {
  public var title: String
  /// `uapi-review 0.6.0`.
  public var generator: String
  /// Where the headers before the series came from, or why there was no base.
  public var base: String
  public var fragmentMode: Bool
  /// The gate's answer in words (`ABI break`, `rule violations`, `clean`) and its exit status.
  public var verdict: String
  public var exitStatus: Int32
  public var findings: FindingReport
  public var versions: [VersionReport]
  /// Version to version: which patch became which and how much its diff changed.
  public var pairings: [PairingReport]
  public var headers: [HeaderReport]
  public var changelog: [ChangelogEntry]
  public var verification: VerificationSection
  public var checklist: ChecklistReport
  /// Problems reading the input (broken mails, hunks that do not apply), as printed.
  public var diagnostics: [String]

  public init(
    title: String, generator: String, base: String, fragmentMode: Bool, verdict: String, exitStatus: Int32,
    findings: FindingReport, versions: [VersionReport], pairings: [PairingReport], headers: [HeaderReport],
    changelog: [ChangelogEntry], verification: VerificationSection, checklist: ChecklistReport, diagnostics: [String]
  ) {
    self.title = title
    self.generator = generator
    self.base = base
    self.fragmentMode = fragmentMode
    self.verdict = verdict
    self.exitStatus = exitStatus
    self.findings = findings
    self.versions = versions
    self.pairings = pairings
    self.headers = headers
    self.changelog = changelog
    self.verification = verification
    self.checklist = checklist
    self.diagnostics = diagnostics
  }
}

/// One version of the series (`v6`): its cover letter, patches and thread.
public struct VersionReport: Sendable, Codable {
  /// `v6`.
  public var revision: String
  /// The name its pages are written under (`v6.html`, `v6-2.html`): the revision, or `v1_2`
  /// for the second posting of a revision the series repeats (an RFC and a non-RFC v1).
  public var page: String
  /// `RFC`, `RESEND`, tree tags.
  public var flags: [String]
  public var total: Int
  public var cover: MailReport?
  public var patches: [MailReport]
  public var missing: [Int]
  public var baseCommit: String?
  /// How the patches applied to the base, one line per patch.
  public var application: [String]

  public init(
    revision: String, flags: [String], total: Int, cover: MailReport?, patches: [MailReport], missing: [Int],
    baseCommit: String?, application: [String], page: String? = nil
  ) {
    self.revision = revision
    self.page = page ?? revision
    self.flags = flags
    self.total = total
    self.cover = cover
    self.patches = patches
    self.missing = missing
    self.baseCommit = baseCommit
    self.application = application
  }
}

/// A cover letter or patch mail as the reviewer reads it.
public struct MailReport: Sendable, Codable {
  /// 0 for a cover letter.
  public var index: Int
  public var title: String
  public var subject: String
  public var author: String
  public var email: String
  public var date: String
  public var messageID: String
  /// The mail file and the line its message starts at, for `file:line` references.
  public var file: String
  public var message: [NumberedLine]
  public var patch: [PatchLine]
  public var claimedDiffstat: [DiffstatRow]
  public var actualDiffstat: [DiffstatRow]
  public var trailers: [TrailerRow]
  /// Trailers given in replies (b4-style).
  public var collected: [TrailerRow]
  public var replies: [ReplyReport]

  public init(
    index: Int, title: String, subject: String, author: String, email: String, date: String, messageID: String,
    file: String, message: [NumberedLine], patch: [PatchLine], claimedDiffstat: [DiffstatRow],
    actualDiffstat: [DiffstatRow], trailers: [TrailerRow], collected: [TrailerRow], replies: [ReplyReport]
  ) {
    self.index = index
    self.title = title
    self.subject = subject
    self.author = author
    self.email = email
    self.date = date
    self.messageID = messageID
    self.file = file
    self.message = message
    self.patch = patch
    self.claimedDiffstat = claimedDiffstat
    self.actualDiffstat = actualDiffstat
    self.trailers = trailers
    self.collected = collected
    self.replies = replies
  }
}

public struct NumberedLine: Sendable, Codable, Hashable {
  /// Line in the mail file; nil when the body was transfer-encoded.
  public var line: Int?
  public var text: String

  public init(line: Int?, text: String) {
    self.line = line
    self.text = text
  }
}

/// One line of a patch, with what the review says about it.
public struct PatchLine: Sendable, Codable, Hashable {
  public enum Kind: String, Sendable, Codable, Hashable {
    /// `diff --git`, `index`, `---`/`+++`, rename lines.
    case fileHeader
    case hunkHeader
    case added, removed, context
    /// The diffstat, the signature and anything else around the diffs.
    case other
  }

  public var line: Int?
  public var kind: Kind
  public var text: String
  /// The file the line belongs to (new path), for syntax and anchors.
  public var path: String?
  /// Rule findings located at this line.
  public var findings: [Int]
  /// Replies that quote this line: indexes into the mail's `replies`.
  public var quotedBy: [Int]
  /// The line in the file: the new file's for added and context lines, the old file's for
  /// removed ones.
  public var fileLine: Int?

  public init(line: Int?, kind: Kind, text: String, path: String?, findings: [Int] = [], quotedBy: [Int] = [], fileLine: Int? = nil) {
    self.line = line
    self.kind = kind
    self.text = text
    self.path = path
    self.findings = findings
    self.quotedBy = quotedBy
    self.fileLine = fileLine
  }
}

public struct DiffstatRow: Sendable, Codable, Hashable {
  public var path: String
  public var changes: Int
  /// Known for the diff itself; a mail's diffstat claims only the total.
  public var added: Int?
  public var removed: Int?

  public init(path: String, changes: Int, added: Int? = nil, removed: Int? = nil) {
    self.path = path
    self.changes = changes
    self.added = added
    self.removed = removed
  }
}

public struct TrailerRow: Sendable, Codable, Hashable {
  public var key: String
  public var value: String
  /// Who gave it, for a trailer collected from a reply.
  public var from: String?

  public init(key: String, value: String, from: String? = nil) {
    self.key = key
    self.value = value
    self.from = from
  }
}

/// A reply in the thread, split into what it quotes and what it says.
public struct ReplyReport: Sendable, Codable, Hashable {
  public var author: String
  public var date: String
  public var subject: String
  public var messageID: String
  public var depth: Int
  public var file: String
  public var blocks: [ReplyBlockReport]

  public init(author: String, date: String, subject: String, messageID: String, depth: Int, file: String, blocks: [ReplyBlockReport]) {
    self.author = author
    self.date = date
    self.subject = subject
    self.messageID = messageID
    self.depth = depth
    self.file = file
    self.blocks = blocks
  }
}

public struct ReplyBlockReport: Sendable, Codable, Hashable {
  public var quoted: Bool
  public var line: Int
  public var text: String

  public init(quoted: Bool, line: Int, text: String) {
    self.quoted = quoted
    self.line = line
    self.text = text
  }
}

/// Version to version, patch by patch.
public struct PairingReport: Sendable, Codable, Hashable {
  public var from: String
  /// The newer version's `page` (its revision, unless the series posted that revision twice).
  public var to: String
  /// `1 → 1: same diff`, `- → 3: new patch`.
  public var lines: [String]

  public init(from: String, to: String, lines: [String]) {
    self.from = from
    self.to = to
    self.lines = lines
  }
}

/// One line of the semantic uAPI changelog.
public struct ChangelogEntry: Sendable, Codable, Hashable {
  /// `base → v6 1/2`, `v5 → v6`.
  public var step: String
  public var path: String
  public var change: String

  public init(step: String, path: String, change: String) {
    self.step = step
    self.path = path
    self.change = change
  }
}
