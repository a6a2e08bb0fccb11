import ArgumentParser
import ReferenceDriver
import Review

/// Where a series comes from and what it applies to: shared by `series` and `check`.
struct SeriesInputOptions: ParsableArguments {
  @Argument(help: "Mail inputs (mbox, maildir, .eml, folder of patches, - for stdin); none: the bundled example.")
  var inputs: [String] = []

  @Option(help: "Git repository for --range (default: the current directory).")
  var repo: String?

  @Option(help: "Commit range A..B (or one revision) to read as patches.")
  var range: String?

  @Option(name: .customLong("base-repo"), help: "Repository holding the base the series applies to.")
  var baseRepo: String?

  @Option(name: .customLong("base-rev"), help: "Base revision in --base-repo (default HEAD).")
  var baseRev: String?

  @Flag(help: "Read mboxes as mboxrd (undo one level of >From quoting).")
  var mboxrd = false

  @OptionGroup var limits: LimitOptions

  func validate() throws {
    if baseRev != nil && baseRepo == nil { throw ValidationError("--base-rev needs --base-repo") }
    if repo != nil && range == nil { throw ValidationError("--repo needs --range") }
  }

  /// The request; with no input at all, the bundled example applied to its own base (unless
  /// --base-repo names one).
  func request(inbox: String? = nil, messageID: String? = nil, scissors: Bool = false) -> SeriesRequest {
    var request = SeriesRequest(
      inputs: inputs, mboxrd: mboxrd, scissors: scissors, repo: repo, range: range, inbox: inbox, messageID: messageID,
      baseRepo: baseRepo, baseRev: baseRev)
    request.limits = limits.values
    if request.isEmpty {
      request.bundled = InMemorySeries(
        mbox: BundledExample.mbox, label: BundledExample.label, baseFiles: BundledExample.baseFiles, baseLabel: BundledExample.baseLabel)
    }
    return request
  }
}
