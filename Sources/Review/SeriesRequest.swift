public import Diagnostics
public import MailSeries
import Foundation
import GitSource

/// What `uapi-review series` (and later `check` and `site`) reads: mail files, stdin, a git
/// range, or a public-inbox archive, optionally a base to apply the patches to.
public struct SeriesRequest: Sendable {
  /// Files and folders; `-` is stdin.
  public var inputs: [String]
  public var mboxrd: Bool
  public var scissors: Bool
  public var repo: String?
  public var range: String?
  public var inbox: String?
  /// Only the series holding this message (a submission or a reply to one).
  public var messageID: String?
  public var baseRepo: String?
  public var baseRev: String?
  /// Mail given in memory (the bundled example), read after the other inputs.
  public var bundled: InMemorySeries?
  /// How far the readers go, for mail and for the headers the series touches (`--limit`).
  public var limits: InputLimits = .standard

  public init(
    inputs: [String] = [], mboxrd: Bool = false, scissors: Bool = false, repo: String? = nil, range: String? = nil,
    inbox: String? = nil, messageID: String? = nil, baseRepo: String? = nil, baseRev: String? = nil
  ) {
    self.inputs = inputs
    self.mboxrd = mboxrd
    self.scissors = scissors
    self.repo = repo
    self.range = range
    self.inbox = inbox
    self.messageID = messageID
    self.baseRepo = baseRepo
    self.baseRev = baseRev
  }

  /// True when nothing names any mail to read.
  public var isEmpty: Bool { inputs.isEmpty && range == nil && inbox == nil && bundled == nil }
}

/// A series held in memory, such as the bundled example, with the base tree it applies to.
public struct InMemorySeries: Sendable {
  /// The mails, as one mbox.
  public var mbox: [UInt8]
  /// How diagnostics and reports name the mbox.
  public var label: String
  /// Path in the tree → bytes, the files the series touches as they were before it. Used as the
  /// base when no `--base-repo` is given; empty for none.
  public var baseFiles: [String: [UInt8]]
  /// How reports name that base.
  public var baseLabel: String

  public init(mbox: [UInt8], label: String, baseFiles: [String: [UInt8]] = [:], baseLabel: String = "base") {
    self.mbox = mbox
    self.label = label
    self.baseFiles = baseFiles
    self.baseLabel = baseLabel
  }
}

/// A failure that stops the whole run (an unreadable repository), as opposed to a diagnostic.
public struct ReviewError: Error, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}

/// The series read, and what applying each version to the base gave.
public struct SeriesOutcome: Sendable {
  public var set: SeriesSet
  public var applications: [String: SeriesReportJSON.Application]
  public var diagnostics: [Diagnostic]
}

public enum SeriesPipeline {
  /// Reads every input into one store.
  public static func load(_ request: SeriesRequest, progress: (@Sendable (String, Int, Int) -> Void)? = nil) throws -> MailStore {
    var inputs = MailInputs(mboxrd: request.mboxrd, limits: request.limits)
    for path in request.inputs {
      if path == "-" {
        inputs.add(stream: FileHandle.standardInput, label: "<stdin>")
      } else {
        if let progress { inputs.progress = { progress(path, $0, $1) } }
        inputs.add(path: path)
      }
    }
    if let bundled = request.bundled {
      inputs.add(bytes: bundled.mbox, label: bundled.label)
    }
    if let range = request.range {
      let repoPath = request.repo ?? "."
      do {
        let repo = try GitRepository(path: repoPath)
        for commit in try repo.commits(range: range) {
          let location = MailLocation(path: "\(repoPath)@\(commit.id.prefix(12))", line: 1)
          guard inputs.add(message: Array(commit.mail.utf8), location: location) else { break }
        }
      } catch let e as GitSourceError {
        throw ReviewError(e.message)
      }
    }
    if let inboxPath = request.inbox {
      do {
        let inbox = try PublicInbox(path: inboxPath)
        var kept: [(InboxMessage, Bool)] = []
        var index: [String: [Int]] = [:]
        try inbox.forEachMessage { m in
          switch m.kind {
          case .message:
            index[m.blob, default: []].append(kept.count)
            kept.append((m, true))
          case .deletion:
            // public-inbox removes a message by committing its blob again as `d`.
            if let k = index[m.blob]?.popLast() { kept[k].1 = false }
          }
        }
        for (m, live) in kept where live {
          let location = MailLocation(path: "\(inboxPath)#\(m.epoch):\(m.commit.prefix(12))", line: 1)
          guard inputs.add(message: m.bytes, location: location) else { break }
        }
      } catch let e as GitSourceError {
        throw ReviewError(e.message)
      }
    }
    return inputs.store
  }

  /// Loads, assembles, and applies each version to the base when one is given.
  public static func run(_ request: SeriesRequest, progress: (@Sendable (String, Int, Int) -> Void)? = nil) throws -> SeriesOutcome {
    let store = try load(request, progress: progress)
    let assembler = SeriesAssembler(options: MailOptions(scissors: request.scissors), limits: request.limits)
    let set = request.messageID.map { assembler.assemble(store, containing: $0) } ?? assembler.assemble(store)
    var diagnostics = set.diagnostics
    if let id = request.messageID, set.series.isEmpty {
      diagnostics.append(Diagnostic(.error, id: "series.not-found", message: "no series holds message <\(id)>"))
    }
    var applications: [String: SeriesReportJSON.Application] = [:]
    if let baseRepo = request.baseRepo {
      let rev = request.baseRev ?? "HEAD"
      let repo: GitRepository
      do {
        repo = try GitRepository(path: baseRepo)
        _ = try repo.resolve(rev)
      } catch let e as GitSourceError {
        throw ReviewError(e.message)
      }
      for (s, series) in set.series.enumerated() {
        for v in series.versions {
          let (app, found) = apply(
            v, base: { path in (try? repo.blob(at: rev, path: path)) ?? nil }, label: "\(baseRepo)@\(rev)")
          applications[SeriesReportJSON.key(series: s, revision: v.revision)] = app
          diagnostics += found
        }
      }
    } else if let bundled = request.bundled, !bundled.baseFiles.isEmpty {
      let files = bundled.baseFiles
      for (s, series) in set.series.enumerated() {
        for v in series.versions {
          let (app, found) = apply(v, base: { files[$0] }, label: bundled.baseLabel)
          applications[SeriesReportJSON.key(series: s, revision: v.revision)] = app
          diagnostics += found
        }
      }
    }
    return SeriesOutcome(set: set, applications: applications, diagnostics: diagnostics)
  }

  /// Applies a version's patches in order to the base; rejects come back with the mail's lines.
  static func apply(
    _ v: SeriesVersion, base: @escaping (String) -> [UInt8]?, label: String
  ) -> (SeriesReportJSON.Application, [Diagnostic]) {
    let patches = v.patches.map { SeriesPatch(label: "\($0.index)/\(v.total)", path: $0.mail.path, patch: $0.diff) }
    let result = SeriesApplier.apply(patches, base: base)
    var found: [Diagnostic] = []
    var entries: [SeriesReportJSON.PatchApplication] = []
    for (k, snapshot) in result.snapshots.enumerated() where k < v.patches.count {
      found += snapshot.problems(in: v.patches[k].mail)
      let rejected = snapshot.applications.flatMap { a in
        a.rejectedHunks.map { "\(a.newPath ?? a.oldPath ?? "?") hunk \($0 + 1)" }
      }
      entries.append(
        SeriesReportJSON.PatchApplication(
          index: v.patches[k].index, applied: snapshot.appliedCleanly, files: snapshot.files.keys.sorted(), rejectedHunks: rejected))
    }
    return (SeriesReportJSON.Application(base: label, patches: entries), found)
  }
}
