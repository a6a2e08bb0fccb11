import ArgumentParser

@main
struct UAPIReview: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "uapi-review",
    abstract: "Read Linux uAPI headers and patch series, check them, and document them.",
    discussion: """
      Exit status is a bitfield: 0 clean, 1 input or tool error, 2 usage error, 4 uAPI change that
      needs review, 8 ABI break, 16 rule violation, 32 verification failure.
      """,
    subcommands: [HeaderCommand.self]
  )
}

/// Exit statuses from `DESIGN.md`.
enum ExitStatus {
  static let inputError: Int32 = 1
}

