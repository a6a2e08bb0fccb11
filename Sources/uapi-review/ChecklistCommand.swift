import ArgumentParser
import Foundation
import Rendering

struct ChecklistCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "checklist",
    abstract: "Print the review checklist of a series, wrapped at 72 columns for a reply mail.",
    discussion: """
      Every machine rule as pass, fail or not applicable, and the questions C1–C16 that need a \
      person, each with what the tool found in the series and its thread to answer it. Reads \
      the series as `check` does; with no input, the bundled example. The exit status is check's.
      """
  )

  enum Format: String, ExpressibleByArgument, CaseIterable { case text, markdown }

  @OptionGroup var input: ReportInputOptions

  @Option(help: "text (plain, for a reply) or markdown.")
  var format: Format = .text

  func run() throws {
    let report = input.report()
    guard !report.versions.isEmpty else {
      FileHandle.standardError.write(Data("uapi-review: no patch series in the input\n".utf8))
      Self.exit(withError: ExitCode(ExitStatus.inputError.rawValue))
    }
    let out = format == .text ? ChecklistText.text(report) : ChecklistText.markdown(report)
    FileHandle.standardOutput.write(Data(out.utf8))
    Self.exit(withError: report.exitStatus == 0 ? nil : ExitCode(report.exitStatus))
  }
}
