import Diagnostics
import Foundation
import MailSeries
public import Rendering
import UAPIChecks
import UAPIModel
import Verification

/// Builds the `ReviewReport` of a series: runs `check`, then reads the headers as the newest
/// version leaves them, verifies them against the reference driver and gathers the checklist.
public enum ReportBuilder {
  public struct Options: Sendable {
    /// `uapi-review 0.6.0`.
    public var generator: String
    /// Depth of the lifetime checker's search.
    public var depth: Int

    public init(generator: String, depth: Int = 8) {
      self.generator = generator
      self.depth = depth
    }
  }

  /// Every rule `check` can report, in catalogue order: the header, series and driver rules.
  public static var rules: [RuleInfo] {
    RuleCatalogue.all.map { RuleInfo(id: $0.id, title: $0.title, help: $0.help, severity: $0.severity) }
      + DriverRule.driverPatchRules.map { RuleInfo(id: $0.id, title: $0.summary, help: $0.citation, severity: $0.severity) }
  }

  public static func build(_ request: CheckRequest, options: Options) throws -> ReviewReport {
    var request = request
    request.onlyFirstSeries = true
    let outcome = try CheckPipeline.run(request)
    return build(outcome, request: request, options: options)
  }

  public static func build(_ outcome: CheckOutcome, request: CheckRequest, options: Options) -> ReviewReport {
    let findings = outcome.findings
    let status = ExitStatus.compute(findings: findings, failOn: .error, diagnostics: outcome.diagnostics)
    let findingReport = FindingReport(version: options.generator, subject: "check " + outcome.subject, findings: findings, rules: rules)
    var diagnostics = outcome.diagnostics.map { d in
      (d.location.map { "\($0): " } ?? "") + "\(d.severity.rawValue): \(d.message) [\(d.id)]"
    }
    guard var series = outcome.set.series.first, series.versions.last != nil else {
      return ReviewReport(
        title: "no series", generator: options.generator, base: baseText(request, fragmentMode: false), fragmentMode: false,
        verdict: verdict(status), exitStatus: status.rawValue, findings: findingReport, versions: [], pairings: [], headers: [],
        changelog: [], verification: .notApplicable("no series in the input"), checklist: ChecklistReport(machine: [], human: []),
        diagnostics: diagnostics)
    }
    if outcome.set.series.count > 1 {
      diagnostics.append("the input holds \(outcome.set.series.count) series; only \"\(series.title)\" is shown (choose another with --message-id)")
    }
    // A second 0/N mail would be written over the cover letter's page: as with a patch that
    // arrives again, the first is shown (the assembler warned of it).
    for k in series.versions.indices where series.versions[k].cover != nil { series.versions[k].patches.removeAll { $0.index == 0 } }
    let newest = series.versions[series.versions.count - 1]
    // States come version by version, so a revision posted twice (RFC v1, v1) finds its own.
    let states = outcome.versionStates.filter { $0.series == 0 }
    var versions = series.versions.indices.map { k in
      version(series: series, series.versions[k], findings: findings, states: states.indices.contains(k) ? states[k] : nil)
    }
    // Each version's pages have names of their own.
    var postings: [String: Int] = [:]
    for k in versions.indices {
      postings[versions[k].revision, default: 0] += 1
      if let n = postings[versions[k].revision], n > 1 { versions[k].page = "\(versions[k].revision)_\(n)" }
    }
    // The headers as the newest version leaves them.
    let newestStates = states.last?.states
    let final = newestStates?.snapshots.last ?? [:]
    let stateLabel = newestStates?.labels.last ?? "\(newest.revision)"
    var models: [(HeaderModel, Bool)] = []
    for (path, state) in final.sorted(by: { $0.key < $1.key }) {
      guard let text = state.text else { continue }
      let loaded = UAPILoader.load([.text(path: path, text: text)], abis: ABI.allCases, limits: request.series.limits)
      if let m = loaded.headers.first { models.append((m, state.fragmentsOnly)) }
    }
    var headers = models.map { HeaderReports.report($0.0, state: stateLabel, fragmentsOnly: $0.1) }
    for h in headers.indices where headers[h].fragmentsOnly {
      headers[h].additions = versions.last.map { additions(to: headers[h].path, in: $0) } ?? []
    }
    let verification = VerificationReports.section(models, depth: options.depth)
    if verification.applicable, let path = verification.header, let h = headers.firstIndex(where: { $0.path == path }) {
      // What the driver did with which input, under the ioctl the scenarios drive.
      for i in headers[h].ioctls.indices where headers[h].ioctls[i].argument.map(normalised) == VerificationReports.argumentType {
        headers[h].ioctls[i].behaviour = verification.scenarios.map { "\($0.passed ? "✓" : "✗") \($0.title)" }
      }
    }
    var report = ReviewReport(
      title: series.title, generator: options.generator, base: baseText(request, fragmentMode: outcome.fragmentMode),
      fragmentMode: outcome.fragmentMode, verdict: verdict(status, findings: findings, missing: newest.missing),
      exitStatus: status.rawValue, findings: findingReport,
      versions: versions,
      // Pairing k leads from version k to version k + 1.
      pairings: zip(series.pairings, versions.dropFirst()).map { p, v in
        var r = pairing(p)
        r.to = v.page
        return r
      },
      headers: headers,
      changelog: outcome.changes.map { ChangelogEntry(step: $0.step, path: $0.path, change: $0.change) },
      verification: verification,
      checklist: ChecklistReport(machine: [], human: []),
      diagnostics: diagnostics)
    // The checklist links findings where the site shows them, which needs the rest of the report.
    let context = ChecklistContext(
      version: newest, versionReport: versions[versions.count - 1], findings: findings, verification: verification, headers: headers,
      findingHref: { [report] in report.findingHref($0) }, fileLocation: { [report] in report.fileLocation($0) })
    report.checklist = ChecklistReport(machine: MachineChecklist.items(context), human: HumanChecklist.items(context))
    return report
  }

  /// The lines the version's patches add to `path`, in patch order, with the findings the
  /// patch pages show at them.
  static func additions(to path: String, in v: VersionReport) -> [HeaderReport.Addition] {
    v.patches.flatMap { m in
      m.patch.filter { $0.kind == .added && $0.path == path }.map { l in
        HeaderReport.Addition(patch: "\(v.revision) \(m.index)/\(v.total)", page: SitePaths.mail(v.page, m.index), line: l)
      }
    }
  }

  /// 0 for the cover letter, the patch number otherwise.
  static func pageIndex(_ m: SeriesMail, in version: SeriesVersion) -> Int {
    if let cover = version.cover, cover.mail.path == m.mail.path, cover.mail.line == m.mail.line { return 0 }
    return m.index
  }

  static func version(series: Series, _ v: SeriesVersion, findings: [RuleFinding], states: VersionStates?) -> VersionReport {
    var flags: [String] = []
    if v.isRFC { flags.append("RFC") }
    if v.isResend { flags.append("RESEND") }
    flags += v.tags
    func label(_ index: Int) -> String { "\(v.revision) \(index)/\(v.total)" }
    let cover = v.cover.map { MailReports.report($0, index: 0, label: label(0), findings: findings, seriesFiles: v.patches.flatMap(\.files)) }
    let patches = v.patches.map { MailReports.report($0, index: pageIndex($0, in: v), label: label(pageIndex($0, in: v)), findings: findings) }
    var application: [String] = []
    if let s = states?.states {
      if s.fragmentMode {
        application.append("no base tree: the patches were read as hunks only")
      } else {
        for p in v.patches {
          let clean = !s.applyDiagnostics.contains { d in d.location.map { inPatch(p, $0) } ?? false }
          application.append("\(p.index)/\(v.total): \(clean ? "applies" : "does not apply cleanly")")
        }
      }
    }
    return VersionReport(
      revision: "\(v.revision)", flags: flags, total: v.total, cover: cover, patches: patches, missing: v.missing,
      baseCommit: v.baseCommit, application: application)
  }

  /// Whether `location` is a line of `p`'s patch text: by file alone, every patch of an mbox
  /// would own every other's problems.
  static func inPatch(_ p: SeriesMail, _ location: SourceLocation) -> Bool {
    let start = p.mail.patchLine ?? p.mail.line
    let count = p.mail.patch.utf8.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    return location.file == p.mail.path && location.line >= start && location.line < start + count
  }

  static func pairing(_ p: VersionPairing) -> PairingReport {
    PairingReport(
      from: "\(p.old)", to: "\(p.new)",
      lines: p.pairs.map { pair in
        let from = pair.old.map(String.init) ?? "-"
        let to = pair.new.map(String.init) ?? "-"
        switch (pair.old, pair.new) {
        case (nil, _): return "\(from) → \(to): new patch"
        case (_, nil): return "\(from) → \(to): dropped"
        default:
          var what = pair.differingLines == 0 ? "same diff" : "diff changed (\(pair.differingLines) changed line\(pair.differingLines == 1 ? "" : "s") differ)"
          if pair.messageChanged { what += ", message changed" }
          return "\(from) → \(to): \(what)"
        }
      })
  }

  static func baseText(_ request: CheckRequest, fragmentMode: Bool) -> String {
    if let repo = request.series.baseRepo { return "\(repo) at \(request.series.baseRev ?? "HEAD")" }
    if !request.baseFiles.isEmpty { return request.baseFiles.map(lastComponent).joined(separator: ", ") }
    if let range = request.series.range { return "the start of \(range)" }
    if let bundled = request.series.bundled, !bundled.baseFiles.isEmpty { return bundled.baseLabel }
    return fragmentMode ? "none (fragment mode: only the lines the patches add were checked)" : "none"
  }

  /// The gate's answer in a reviewer's words: what blocks (`an ABI break`, `3 errors`), what
  /// is left to read (`5 warnings`), what is missing (`patch 2 of the series is missing`).
  static func verdict(_ status: ExitStatus, findings: [RuleFinding] = [], missing: [Int] = []) -> String {
    let standing = findings.filter(\.isActive)
    func count(_ n: Int, _ what: String) -> String { "\(n) \(what)\(n == 1 ? "" : "s")" }
    var blocking: [String] = []
    if status.contains(.inputError) { blocking.append("the input has errors") }
    if status.contains(.abiBreak) { blocking.append("an ABI break") }
    let errors = standing.filter { $0.severity == .error }.count
    if status.contains(.ruleViolation) { blocking.append(errors > 0 ? count(errors, "rule error") : "rule violations") }
    if status.contains(.verificationFailure) { blocking.append("the reference driver disagrees with the header") }
    var rest: [String] = []
    let warnings = standing.filter { $0.severity == .warning }.count
    if warnings > 0 { rest.append(count(warnings, "warning")) }
    if status.contains(.needsReview) { rest.append("uAPI changes to review") }
    if !missing.isEmpty { rest.append("patch\(missing.count == 1 ? "" : "es") \(missing.map(String.init).joined(separator: ", ")) missing") }
    if blocking.isEmpty && rest.isEmpty { return "clean" }
    if blocking.isEmpty { return "nothing blocks; to read: " + rest.joined(separator: ", ") }
    return "blocked by " + blocking.joined(separator: ", ") + (rest.isEmpty ? "" : "; also " + rest.joined(separator: ", "))
  }


  static func normalised(_ s: String) -> String { s.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ") }
}
