import ArgumentParser
import Foundation
import Rendering

@main
struct UAPIReview: ParsableCommand {
  /// The version every report names.
  static let version = "0.6.0"

  static let configuration = CommandConfiguration(
    commandName: "uapi-review",
    abstract: "Read Linux uAPI headers and patch series, check them, and document them.",
    discussion: """
      Exit status is a bitfield: 0 clean, 1 input or tool error, 2 usage error, 4 uAPI change that \
      needs review, 8 ABI break, 16 rule violation, 32 verification failure.
      """,
    subcommands: [HeaderCommand.self, SeriesCommand.self, CheckCommand.self, DiffCommand.self, VerifyCommand.self, SiteCommand.self, ChecklistCommand.self]
  )

  /// ArgumentParser reports usage errors as 64 (EX_USAGE); DESIGN.md's exit bitfield says 2.
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      if exitCode(for: error) == .validationFailure {
        FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
        Foundation.exit(ExitStatus.usageError.rawValue)
      }
      exit(withError: error)
    }
  }
}


