import ArgumentParser
import Diagnostics
import Foundation
import Rendering
import ReferenceDriver
import Review
import UAPIChecks
import Verification

struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Gate a patch series' uAPI changes: rules, ABI compatibility, driver rules, attributed to patches.",
    discussion: """
      Reads a series (mail files, --repo/--range, or the bundled example when none is given), \
      applies each version to the base (--base-repo/--base-rev, --base FILE, or the bundled \
      base), and runs the header rules and the ABI comparison on the headers after every patch, \
      the series rules on the mails and the driver rules on the C hunks. Without a base, only \
      the added lines are checked (fragment mode), and a note says which flag gives the rest. \
      Exit status: 1 input error, 4 uAPI change needing review, 8 ABI break, 16 rule violation.
      """
  )

  @OptionGroup var source: SeriesInputOptions

  @Option(name: .customLong("base"), help: "A header file as the base of the series' header with the same name (repeatable).")
  var baseFiles: [String] = []

  @Flag(name: .customLong("no-compile"), help: "Do not run gcc on the headers (H7, H8).")
  var noCompile = false

  @OptionGroup var output: FindingOptions

  func validate() throws {
    if source.baseRepo != nil && !baseFiles.isEmpty { throw ValidationError("give --base-repo or --base, not both") }
  }

  func run() throws {
    let series = source.request()
    let outcome: CheckOutcome
    var findings: [RuleFinding]
    do {
      outcome = try CheckPipeline.run(
        CheckRequest(series: series, baseFiles: baseFiles, waivers: try output.waiverFile(), today: DiffPipeline.today(), compile: !noCompile))
      findings = try output.afterBaseline(outcome.findings)
    } catch let e as ReviewError {
      FileHandle.standardError.write(Data("uapi-review: \(e.description)\n".utf8))
      Self.exit(withError: ExitCode(ExitStatus.inputError.rawValue))
    }
    FileHandle.standardError.write(Data(DiagnosticRenderer.render(outcome.diagnostics).utf8))
    let rules =
      RuleCatalogue.all.map { RuleInfo(id: $0.id, title: $0.title, help: $0.help, severity: $0.severity) }
      + DriverRule.driverPatchRules.map { RuleInfo(id: $0.id, title: $0.summary, help: $0.citation, severity: $0.severity) }
    let report = FindingReport(version: UAPIReview.version, subject: "check " + outcome.subject, findings: findings, rules: rules, url: output.url)
    FileHandle.standardOutput.write(try output.format.render(report))
    if output.format == .text, !outcome.changelog.isEmpty {
      FileHandle.standardOutput.write(Data(("\nuAPI changelog:\n" + outcome.changelog.map { "  \($0)\n" }.joined()).utf8))
    }
    let status = ExitStatus.compute(findings: findings, failOn: output.failOn, diagnostics: outcome.diagnostics)
    Self.exit(withError: status.rawValue == 0 ? nil : ExitCode(status.rawValue))
  }
}
