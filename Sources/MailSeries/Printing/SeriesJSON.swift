public import Diagnostics
public import Foundation

/// The `--format json` contract of `uapi-review series`. Bump `currentVersion` when a field
/// changes meaning or goes away; adding a field keeps the version.
public struct SeriesReportJSON: Codable, Sendable {
  public static let currentVersion = 1

  public var schemaVersion: Int
  public var messages: Int
  public var series: [SeriesEntry]
  public var unattached: [String]
  public var diagnostics: [DiagnosticJSON]

  public struct SeriesEntry: Codable, Sendable {
    public var title: String
    public var versions: [Version]
    public var pairings: [Pairing]
  }

  public struct Version: Codable, Sendable {
    public var revision: String
    public var rfc: Bool
    public var resend: Bool
    public var tags: [String]
    public var total: Int
    public var cover: Mail?
    public var patches: [Mail]
    public var missing: [Int]
    public var replaced: [Int]
    public var baseCommit: String?
    public var prerequisites: [String]
    public var changeID: String?
    public var application: Application?
    public var diagnostics: [DiagnosticJSON]
  }

  public struct Mail: Codable, Sendable {
    public var index: Int
    public var subject: String
    public var title: String
    public var author: String
    public var email: String
    public var date: String
    public var messageID: String?
    public var location: String
    public var claimedDiffstat: Stat?
    public var actualDiffstat: Stat
    public var files: [File]
    public var trailers: [TrailerJSON]
    public var collectedTrailers: [Collected]
    public var replies: [ReplyJSON]
    public var diagnostics: [DiagnosticJSON]
  }

  public struct Stat: Codable, Sendable {
    public var files: Int
    public var insertions: Int
    public var deletions: Int
  }

  public struct File: Codable, Sendable {
    public var path: String
    public var oldPath: String?
    public var change: String
    public var added: Int
    public var removed: Int
    public var binary: Bool
    public var hunks: [HunkJSON]
  }

  public struct HunkJSON: Codable, Sendable {
    public var oldStart: Int
    public var oldCount: Int
    public var newStart: Int
    public var newCount: Int
    /// git's function context: the declaration the hunk is in.
    public var section: String
  }

  public struct TrailerJSON: Codable, Sendable {
    public var key: String
    public var value: String
    public var line: Int
  }

  public struct Collected: Codable, Sendable {
    public var key: String
    public var value: String
    public var from: String
    public var messageID: String
    public var viaCover: Bool
  }

  public struct ReplyJSON: Codable, Sendable {
    public var author: String
    public var email: String
    public var date: String
    public var messageID: String?
    public var location: String
    public var depth: Int
    public var attachedBy: String
    public var blocks: [Block]
    public var trailers: [TrailerJSON]
  }

  public struct Block: Codable, Sendable {
    public var kind: String
    public var line: Int
    public var text: String
    public var quotes: [QuotedDiffLine]
  }

  public struct Pairing: Codable, Sendable {
    public var old: String
    public var new: String
    public var pairs: [Pair]
  }

  public struct Pair: Codable, Sendable {
    public var old: Int?
    public var new: Int?
    public var matchedBy: String?
    public var similarity: Double
    public var messageChanged: Bool
    public var differingLines: Int
    /// `git range-diff`-style diff of the two patches' diffs.
    public var interdiff: [String]
  }

  /// What applying the version to a base gave (filled by the caller that has the base).
  public struct Application: Codable, Sendable {
    public var base: String
    public var patches: [PatchApplication]

    public init(base: String, patches: [PatchApplication]) {
      self.base = base
      self.patches = patches
    }
  }

  public struct PatchApplication: Codable, Sendable {
    public var index: Int
    public var applied: Bool
    public var files: [String]
    public var rejectedHunks: [String]

    public init(index: Int, applied: Bool, files: [String], rejectedHunks: [String]) {
      self.index = index
      self.applied = applied
      self.files = files
      self.rejectedHunks = rejectedHunks
    }
  }

  public init(_ set: SeriesSet, applications: [String: Application] = [:]) {
    schemaVersion = Self.currentVersion
    messages = set.messageCount
    unattached = set.unattached.map(\.description)
    diagnostics = set.diagnostics.map(DiagnosticJSON.init)
    series = set.series.enumerated().map { (s, series) in
      SeriesEntry(
        title: series.title,
        versions: series.versions.map { v in
          Version(
            revision: v.revision.description, rfc: v.isRFC, resend: v.isResend, tags: v.tags, total: v.total,
            cover: v.cover.map { Mail($0, seriesFiles: v.patches.flatMap(\.files)) }, patches: v.patches.map { Mail($0) }, missing: v.missing, replaced: v.replaced,
            baseCommit: v.baseCommit, prerequisites: v.prerequisites, changeID: v.changeID,
            application: applications[Self.key(series: s, revision: v.revision)],
            diagnostics: v.diagnostics.map(DiagnosticJSON.init))
        },
        pairings: series.pairings.map { p in
          let old = series.versions.first { $0.revision == p.old }
          let new = series.versions.first { $0.revision == p.new }
          return Pairing(
            old: p.old.description, new: p.new.description,
            pairs: p.pairs.map { pair in
              let a = old?.patches.first { $0.index == pair.old }
              let b = new?.patches.first { $0.index == pair.new }
              return Pair(
                old: pair.old, new: pair.new, matchedBy: pair.matchedBy?.rawValue,
                similarity: (pair.similarity * 1000).rounded() / 1000, messageChanged: pair.messageChanged,
                differingLines: pair.differingLines,
                interdiff: a.flatMap { a in b.map { VersionPairing.interdiff(a, $0) } } ?? [])
            })
        })
    }
  }

  /// How callers name a version when they attach an application to it.
  public static func key(series: Int, revision: SubjectPrefix.Revision) -> String { "\(series)/\(revision)" }

  public func encoded() throws -> Data {
    try VersionedJSON.encode(Body(diagnostics: diagnostics, messages: messages, series: series, unattached: unattached), schemaVersion: schemaVersion)
  }

  private struct Body: Encodable {
    var diagnostics: [DiagnosticJSON]
    var messages: Int
    var series: [SeriesEntry]
    var unattached: [String]
  }
}

extension SeriesReportJSON.Mail {
  /// `seriesFiles`: for a cover letter, the files of all patches, which its diffstat sums up.
  init(_ m: SeriesMail, seriesFiles: [FileDiff]? = nil) {
    index = m.prefix.index ?? 1
    subject = m.mail.subject
    title = m.prefix.title
    author = m.mail.author
    email = m.mail.email
    date = m.mail.date
    messageID = m.mail.messageID
    location = "\(m.mail.path):\(m.mail.line)"
    claimedDiffstat = m.claimedDiffstat.map { .init(files: $0.filesChanged, insertions: $0.insertions, deletions: $0.deletions) }
    let counted = seriesFiles ?? m.files
    actualDiffstat = .init(
      files: Set(counted.map(\.path)).count, insertions: counted.reduce(0) { $0 + $1.added },
      deletions: counted.reduce(0) { $0 + $1.removed })
    files = m.files.map { f in
      .init(
        path: f.path, oldPath: f.change == .renamed || f.change == .copied ? f.oldPath : nil, change: f.change.rawValue,
        added: f.added, removed: f.removed, binary: f.isBinary,
        hunks: f.hunks.map { .init(oldStart: $0.oldStart, oldCount: $0.oldCount, newStart: $0.newStart, newCount: $0.newCount, section: $0.section) })
    }
    trailers = m.trailers.map { .init(key: $0.key, value: $0.value, line: $0.line) }
    collectedTrailers = m.collected.map {
      .init(key: $0.trailer.key, value: $0.trailer.value, from: $0.from, messageID: $0.messageID, viaCover: $0.viaCover)
    }
    replies = m.replies.map { r in
      .init(
        author: r.mail.author, email: r.mail.email, date: r.mail.date, messageID: r.mail.messageID,
        location: "\(r.mail.path):\(r.mail.line)", depth: r.depth, attachedBy: r.attachedBy.rawValue,
        blocks: r.blocks.map { .init(kind: $0.kind.rawValue, line: $0.line, text: $0.text, quotes: $0.quotes) },
        trailers: r.trailers.map { .init(key: $0.key, value: $0.value, line: $0.line) })
    }
    diagnostics = m.diagnostics.map(DiagnosticJSON.init)
  }
}
