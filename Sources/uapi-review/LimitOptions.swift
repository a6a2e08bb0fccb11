import ArgumentParser
import Diagnostics

/// `--limit name=N`: how far the readers follow input (shared by every command that reads
/// mail or headers).
struct LimitOptions: ParsableArguments {
  @Option(
    name: .customLong("limit"),
    help: ArgumentHelp(
      "Raise or lower a reading limit, as name=N (repeatable).",
      discussion: InputLimits.names.map { "\($0.name) (default \(InputLimits.standard[keyPath: $0.keyPath])): \($0.what)" }
        .joined(separator: "\n"),
      valueName: "name=N"))
  var assignments: [String] = []

  func validate() throws { _ = try limits() }

  /// The limits asked for; a usage error names what is wrong.
  func limits() throws -> InputLimits {
    var limits = InputLimits.standard
    for a in assignments {
      do {
        try limits.set(a)
      } catch {
        throw ValidationError("--limit: \(error.description)")
      }
    }
    return limits
  }

  /// For `run()`, after `validate()` has accepted the assignments.
  var values: InputLimits { (try? limits()) ?? .standard }
}
