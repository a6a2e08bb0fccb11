import ArgumentParser
import Diagnostics
import Foundation
import Rendering
import MailSeries
import ReferenceDriver
import UAPIModel
import Verification

struct VerifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify",
    abstract: "Check a uAPI header against the bundled reference driver and explore exported-memory lifetimes.",
    discussion: """
      Layouts and values of the model are compared with what the C compiler built the driver from; \
      the conformance scenarios run with argument bytes laid out from the model; the lifetime \
      checker explores open/alloc/export/attach/map/close sequences of two tenants and two \
      importers under each policy. With no HEADER, the bundled reference header is used. \
      Exit status 32 when verification fails.
      """
  )

  enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }
  enum PolicyChoice: String, ExpressibleByArgument, CaseIterable {
    case none, ownerRef = "owner-ref", revoke, all
  }

  @Argument(help: "The header to verify (default: the bundled reference header).")
  var header: String?

  @Option(name: .customLong("include-root"), help: "Directory searched by #include (repeatable).")
  var includeRoots: [String] = []

  @Option(help: "Lifetime policy to explore: none, owner-ref, revoke or all.")
  var policy: PolicyChoice = .all

  @Option(help: "Operations per sequence the lifetime checker explores.")
  var depth: Int = 8

  @OptionGroup var limits: LimitOptions

  @Option(help: "Output format: text or json.")
  var format: Format = .text

  @Option(name: .customLong("patch"), help: "Also run the driver-side rules (D, F3, P6) on the added lines of these patch mails.")
  var patches: [String] = []

  func validate() throws {
    if depth < 1 || depth > 16 { throw ValidationError("--depth must be between 1 and 16") }
  }

  func run() throws {
    if let header, !FileManager.default.isReadableFile(atPath: header) {
      FileHandle.standardError.write(Data("uapi-review: \(header): cannot read the header\n".utf8))
      Self.exit(withError: ExitCode(ExitStatus.inputError.rawValue))
    }
    let input: HeaderInput = header.map { .file($0) } ?? .text(path: BundledHeader.path, text: BundledHeader.text)
    let loaded = UAPILoader.load([input], abis: [.x86_64], includeRoots: includeRoots, limits: limits.values)
    FileHandle.standardError.write(Data(DiagnosticRenderer.render(loaded.diagnostics).utf8))
    guard let unit = loaded.headers.first?.unit(.x86_64) else { Self.exit(withError: ExitCode(ExitStatus.inputError.rawValue)) }
    let policies: [LifetimePolicy] =
      switch policy {
      case .all: LifetimePolicy.allCases
      case .none: [.none]
      case .ownerRef: [.ownerRef]
      case .revoke: [.revoke]
      }
    let report = Verifier.verify(unit: unit, path: header ?? BundledHeader.path, policies: policies, depth: depth)
    switch format {
    case .text: FileHandle.standardOutput.write(Data(VerificationText.render(report).utf8))
    case .json: FileHandle.standardOutput.write(try VerificationJSON(report).encoded())
    }
    var status: Int32 = report.passed ? 0 : ExitStatus.verificationFailure.rawValue
    if !patches.isEmpty {
      var inputs = MailInputs(limits: limits.values)
      for p in patches { inputs.add(path: p) }
      var findings: [RuleFinding] = []
      for k in 0..<inputs.store.count { findings += DriverPatchChecks.run(mail: inputs.store.message(k)).map(\.ruleFinding) }
      // The same style as `check`: error[D13] with help.
      FileHandle.standardError.write(Data(DiagnosticRenderer.render(inputs.store.diagnostics).utf8))
      FileHandle.standardError.write(Data(findings.map { TextFindings.render($0) + "\n" }.joined().utf8))
      // Unreadable or mail-less input is an input error, not a clean result.
      if inputs.store.diagnostics.containsErrors || inputs.store.count == 0 { status |= ExitStatus.inputError.rawValue }
      if findings.contains(where: { $0.severity == .error }) { status |= ExitStatus.ruleViolation.rawValue }
      let errors = findings.filter { $0.severity == .error }.count
      // stdout stays one JSON document with --format json.
      (format == .json ? FileHandle.standardError : FileHandle.standardOutput).write(
        Data("driver rules on \(inputs.store.count) mail\(inputs.store.count == 1 ? "" : "s"): \(errors) error\(errors == 1 ? "" : "s"), \(findings.count - errors) other finding\(findings.count - errors == 1 ? "" : "s") (on stderr)\n".utf8))
    }
    if loaded.diagnostics.containsErrors { status |= ExitStatus.inputError.rawValue }
    Self.exit(withError: status == 0 ? nil : ExitCode(status))
  }
}
