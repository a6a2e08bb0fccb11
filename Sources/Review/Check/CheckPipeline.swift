public import Diagnostics
import Foundation
import GitSource
public import MailSeries
import UAPIChecks
import UAPIModel
import Verification

/// What `uapi-review check` was asked to do.
public struct CheckRequest: Sendable {
  public var series: SeriesRequest
  /// Header files standing for the base (`--base FILE`): each is the base of the series'
  /// uAPI header whose path ends with its file name.
  public var baseFiles: [String]
  public var waivers: WaiverFile?
  public var today: String
  /// Run gcc on each header state (H7, H8) when it is installed.
  public var compile: Bool
  /// Check only the first series of the input (the site and the checklist show one series, and
  /// must not count another's findings); a note names what was left out.
  public var onlyFirstSeries: Bool

  public init(
    series: SeriesRequest, baseFiles: [String] = [], waivers: WaiverFile? = nil, today: String, compile: Bool = true,
    onlyFirstSeries: Bool = false
  ) {
    self.series = series
    self.baseFiles = baseFiles
    self.waivers = waivers
    self.today = today
    self.compile = compile
    self.onlyFirstSeries = onlyFirstSeries
  }
}

/// Everything `check` found, attributed to the patches.
public struct CheckOutcome: Sendable {
  public var subject: String
  public var findings: [RuleFinding]
  public var diagnostics: [Diagnostic]
  /// The semantic uAPI changelog: base → each patch, and version → version.
  public var changes: [ChangeLine]
  /// True when some header was known only from its hunks (no base).
  public var fragmentMode: Bool
  /// The series read, and each version's header states (series by series, oldest first): what
  /// the site and the checklist show beside the findings.
  public var set: SeriesSet
  public var versionStates: [VersionStates]

  public var changelog: [String] { changes.map(\.text) }
}

/// One line of the semantic changelog: `v6 1/2: include/uapi/misc/x.h: hl_mem_out.fd: __u64 → __s32`.
public struct ChangeLine: Sendable, Hashable {
  /// The patch (`v6 1/2`) or the versions (`v5 → v6`).
  public var step: String
  public var path: String
  public var change: String

  public var text: String { "\(step): \(path): \(change)" }
}

public struct VersionStates: Sendable {
  public var series: Int
  public var revision: String
  public var states: HeaderStates
}

/// The CI gate: rules on every header state of every version, the ABI comparison against the
/// base, series rules on the mails, driver rules on the C hunks, then waivers.
public enum CheckPipeline {
  public static func run(_ request: CheckRequest) throws -> CheckOutcome {
    let store = try SeriesPipeline.load(request.series)
    let assembler = SeriesAssembler(options: MailOptions(scissors: request.series.scissors), limits: request.series.limits)
    var set = request.series.messageID.map { assembler.assemble(store, containing: $0) } ?? assembler.assemble(store)
    var diagnostics = set.diagnostics
    if let id = request.series.messageID, set.series.isEmpty {
      diagnostics.append(Diagnostic(.error, id: "series.not-found", message: "no series holds message <\(id)>"))
    } else if set.series.isEmpty {
      diagnostics.append(Diagnostic(.error, id: "check.no-series", message: "no patch series in the input ([PATCH] mails or commits)"))
    }
    if request.onlyFirstSeries, set.series.count > 1 {
      diagnostics.append(
        Diagnostic(
          .note, id: "check.more-series",
          message: "the input holds \(set.series.count) series; only \"\(set.series[0].title)\" is checked (choose another with --message-id)"))
      set.series = [set.series[0]]
    }
    // What the mails and their diffs said about themselves (broken MIME, short hunks, ...).
    for series in set.series {
      for v in series.versions {
        diagnostics += v.diagnostics
        for m in [v.cover].compactMap({ $0 }) + v.patches { diagnostics += m.diagnostics }
      }
    }
    let base = try baseReader(request)
    var findings: [RuleFinding] = []
    var changelog: [ChangeLine] = []
    var fragmentMode = false
    var subject: [String] = []
    var versionStates: [VersionStates] = []
    for (seriesIndex, series) in set.series.enumerated() {
      var previousFinal: [String: HeaderStates.State] = [:]
      var previousLabel: String?
      for version in series.versions {
        let before = findings.count
        defer {
          // A version a newer one replaces does not gate: its findings stay, marked as such.
          if version.revision != series.versions.last?.revision, let newest = series.versions.last {
            for i in before..<findings.count where findings[i].fixedBy == nil { findings[i].fixedBy = "superseded by \(newest.revision)" }
          }
        }
        subject.append("\(series.title) \(version.revision)")
        let states = HeaderStates.compute(version, base: base)
        versionStates.append(VersionStates(series: seriesIndex, revision: "\(version.revision)", states: states))
        fragmentMode = fragmentMode || states.fragmentMode
        diagnostics += states.applyDiagnostics
        let (headerFindings, headerChangelog, loadDiagnostics) = headers(states, compile: request.compile, limits: request.series.limits)
        findings += headerFindings
        changelog += headerChangelog
        let patched = states.snapshots.last ?? [:]
        diagnostics += loadDiagnostics.map { LineOrigin.relocated($0, patches: version.patches, header: { patched[$0]?.text }) }
        if states.fragmentMode {
          for patch in version.patches { findings += FragmentLint.run(mail: patch.mail).map { attributed($0, "\(version.revision) \(patch.index)/\(version.total)") } }
        }
        findings += SeriesRules.run(version)
        for patch in version.patches {
          let label = "\(version.revision) \(patch.index)/\(version.total)"
          findings += DriverPatchChecks.run(mail: patch.mail).map { attributed($0.ruleFinding, label) }
        }
        // Version to version: the headers as the last patch of each left them.
        if let last = states.snapshots.last, let before = previousLabel {
          for (path, state) in last.sorted(by: { $0.key < $1.key }) {
            guard let old = previousFinal[path], let o = old.text, let n = state.text, !old.fragmentsOnly, !state.fragmentsOnly else { continue }
            let (diff, _) = ABICompare.compare(old: .text(path: path, text: o), new: .text(path: path, text: n), options: ABICompareOptions(limits: request.series.limits))
            changelog += diff.changelog.map { ChangeLine(step: "\(before) → \(version.revision)", path: path, change: $0) }
          }
        }
        previousFinal = states.snapshots.last ?? [:]
        previousLabel = "\(version.revision)"
      }
    }
    if let w = request.waivers {
      diagnostics += w.diagnostics
      findings = WaiverApplication.apply(w, to: findings, today: request.today)
    }
    return CheckOutcome(
      subject: subject.isEmpty ? "no series" : subject.joined(separator: ", "), findings: findings, diagnostics: diagnostics,
      changes: changelog, fragmentMode: fragmentMode, set: set, versionStates: versionStates)
  }

  /// Header rules and the ABI comparison with the base on every state, attributed.
  static func headers(_ states: HeaderStates, compile: Bool, limits: InputLimits) -> ([RuleFinding], [ChangeLine], [Diagnostic]) {
    let compareOptions = ABICompareOptions(limits: limits)
    var perState: [[RuleFinding]] = []
    var diagnostics: [Diagnostic] = []
    var changelog: [ChangeLine] = []
    let base = states.snapshots.first ?? [:]
    for (k, snapshot) in states.snapshots.enumerated() {
      var found: [RuleFinding] = []
      for (path, state) in snapshot.sorted(by: { $0.key < $1.key }) {
        guard let text = state.text, !state.fragmentsOnly else { continue }
        // One load per state: the loader keeps sources by path, and every state has the same.
        let loaded = UAPILoader.load([.text(path: path, text: text)], abis: ABI.allCases, limits: limits)
        if k == states.snapshots.count - 1 { diagnostics += loaded.diagnostics }
        guard let model = loaded.headers.first else { continue }
        found += HeaderRules.run(model, text: text, options: HeaderRules.Options(compile: compile))
        // The ABI changes since the base count as findings of this state; a renamed header
        // is compared with the file it came from.
        let basePath = base[path]?.text != nil ? path : states.origins[path] ?? path
        if k > 0, let old = base[basePath], let oldText = old.text, !old.fragmentsOnly {
          let (diff, _) = ABICompare.compare(old: .text(path: basePath, text: oldText), new: .text(path: path, text: text), options: compareOptions)
          found += diff.findings
          if let prior = states.snapshots[k - 1][path]?.text, prior != text {
            let (step, _) = ABICompare.compare(old: .text(path: path, text: prior), new: .text(path: path, text: text), options: compareOptions)
            changelog += step.changelog.map { ChangeLine(step: states.labels[k], path: path, change: $0) }
          }
        }
      }
      // A header the base had and this state has not (and no rename carried on) is gone.
      if k > 0 {
        let carried = Set(snapshot.keys.compactMap { states.origins[$0] })
        for (path, old) in base where old.text != nil && !old.fragmentsOnly && snapshot[path]?.text == nil && !carried.contains(path) {
          found.append(
            RuleFinding(
              rule: "ABI.header-removed", severity: .error,
              message: "\(path) is gone: every userspace program including it stops building",
              location: SourceLocation(file: path, line: 1, column: 1)))
          if states.snapshots[k - 1][path]?.text != nil { changelog.append(ChangeLine(step: states.labels[k], path: path, change: "removed")) }
        }
      }
      perState.append(found)
    }
    return (Attribution.attribute(perState, labels: states.labels), changelog, diagnostics)
  }

  static func attributed(_ f: RuleFinding, _ label: String) -> RuleFinding {
    var f = f
    f.introducedBy = f.introducedBy ?? label
    return f
  }

  /// Reads the base: a git revision, header files given on the command line, the bundled
  /// example's base, or none (fragment mode).
  static func baseReader(_ request: CheckRequest) throws -> ((String) -> [UInt8]?)? {
    // A range's base is where it starts, in the same repository, unless another is named.
    var baseRepo = request.series.baseRepo
    var baseRev = request.series.baseRev
    if baseRepo == nil, request.baseFiles.isEmpty, let range = request.series.range, let dots = range.range(of: "..") {
      let start = String(range[..<dots.lowerBound])
      if !start.isEmpty, !range.contains("...") {
        baseRepo = request.series.repo ?? "."
        baseRev = start
      }
    }
    if let repoPath = baseRepo {
      let rev = baseRev ?? "HEAD"
      do {
        let repo = try GitRepository(path: repoPath)
        _ = try repo.resolve(rev)
        return { path in (try? repo.blob(at: rev, path: path)) ?? nil }
      } catch let e as GitSourceError {
        throw ReviewError(e.message)
      }
    }
    if !request.baseFiles.isEmpty {
      var files: [String: [UInt8]] = [:]
      for path in request.baseFiles {
        guard let data = FileManager.default.contents(atPath: path) else { throw ReviewError("\(path): cannot read the base file") }
        files[(path as NSString).lastPathComponent] = [UInt8](data)
      }
      return { path in files[(path as NSString).lastPathComponent] }
    }
    if let bundled = request.series.bundled, !bundled.baseFiles.isEmpty {
      let baseFiles = bundled.baseFiles
      return { baseFiles[$0] }
    }
    return nil
  }
}
