public import ArgumentParser
import Diagnostics
import Foundation
import Rendering
import Review
import UAPIChecks

/// Options every findings-producing command shares.
struct FindingOptions: ParsableArguments {
  @Option(help: "Output format: \(FindingFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
  var format: FindingFormat = .text

  @Option(name: .customLong("fail-on"), help: "Least severity that fails the run: error, warning or note.")
  var failOn: Severity = .error

  @Option(help: "Waiver file: accepted findings with justifications, expiries and header moves.")
  var waivers: String?

  @Option(help: "An earlier JSON report: fail only on findings it does not have.")
  var baseline: String?

  @Option(help: "URL of the full report, for b4, patchwork and SARIF.")
  var url: String?

  func waiverFile() throws -> WaiverFile? {
    guard let path = waivers else { return nil }
    guard let data = FileManager.default.contents(atPath: path) else { throw ReviewError("\(path): cannot read the waiver file") }
    return WaiverFileParser.parse(String(decoding: data, as: UTF8.self), path: path)
  }

  /// Findings after the baseline: those it already had are dropped.
  func afterBaseline(_ findings: [RuleFinding]) throws -> [RuleFinding] {
    guard let path = baseline else { return findings }
    guard let data = FileManager.default.contents(atPath: path) else { throw ReviewError("\(path): cannot read the baseline") }
    do { return try Baseline.read(data, path: path).new(findings) } catch let e as BaselineError { throw ReviewError(e.message) }
  }
}

extension FindingFormat: ExpressibleByArgument {}
extension Severity: ExpressibleByArgument {}

struct DiffCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "diff",
    abstract: "Classify the uAPI changes between two versions of headers on all five ABIs.",
    discussion: """
      OLD and NEW are header files, folders (every .h below, paired by relative path), or \
      REPO@REV:PATH read through libgit2. Additions are notes; source and ABI breaks are errors. \
      Exit status: 4 when there are changes that need review, 8 for an ABI or source break.
      """
  )

  @Argument(help: "The old headers.") var old: String
  @Argument(help: "The new headers.") var new: String

  @Option(name: .customLong("include-root"), help: "Directory searched by #include (repeatable).")
  var includeRoots: [String] = []

  @Flag(help: "The driver dispatches on the command's number alone and zero-fills: a grown argument is compatible.")
  var sizeTolerantDispatch = false

  @OptionGroup var output: FindingOptions

  @OptionGroup var limits: LimitOptions

  func run() throws {
    let outcome: DiffOutcome
    var findings: [RuleFinding]
    do {
      outcome = try DiffPipeline.run(
        old: old, new: new, includeRoots: includeRoots, waivers: try output.waiverFile(), today: DiffPipeline.today(),
        options: ABICompareOptions(sizeTolerantDispatch: sizeTolerantDispatch, limits: limits.values))
      findings = try output.afterBaseline(outcome.findings)
    } catch let e as ReviewError {
      FileHandle.standardError.write(Data("uapi-review: \(e.description)\n".utf8))
      Self.exit(withError: ExitCode(ExitStatus.inputError.rawValue))
    }
    FileHandle.standardError.write(Data(DiagnosticRenderer.render(outcome.diagnostics).utf8))
    let report = FindingReport(version: UAPIReview.version, subject: "diff \(old) \(new)", findings: findings, rules: [], url: output.url)
    if output.format == .text {
      var text = ""
      for p in outcome.pairs {
        guard let d = p.diff else { continue }
        if !d.changes.isEmpty { text += d.report + "\n" }
      }
      text += outcome.changelog.isEmpty ? "no uAPI changes\n" : "changelog:\n" + outcome.changelog.map { "  \($0)\n" }.joined()
      FileHandle.standardOutput.write(Data(text.utf8))
      FileHandle.standardOutput.write(try FindingFormat.text.render(report))
    } else {
      FileHandle.standardOutput.write(try output.format.render(report))
    }
    let status = ExitStatus.compute(findings: findings, failOn: output.failOn, diagnostics: outcome.diagnostics)
    Self.exit(withError: status.rawValue == 0 ? nil : ExitCode(status.rawValue))
  }
}
