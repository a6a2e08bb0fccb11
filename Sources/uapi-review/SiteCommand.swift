import ArgumentParser
import Foundation
import Rendering
import Review

/// Reads the series and its base as `check` does and builds the report the site, the Markdown
/// docs and the checklist are written from.
struct ReportInputOptions: ParsableArguments {
  @OptionGroup var source: SeriesInputOptions

  @Option(name: .customLong("message-id"), help: "The series holding this message (default: the first series of the input).")
  var messageID: String?

  @Option(name: .customLong("base"), help: "A header file as the base of the series' header with the same name (repeatable).")
  var baseFiles: [String] = []

  @Option(help: "Depth of the lifetime checker's search (1...16).")
  var depth = 8

  @Flag(name: .customLong("no-compile"), help: "Do not run gcc on the headers (H7, H8).")
  var noCompile = false

  func validate() throws {
    if source.baseRepo != nil && !baseFiles.isEmpty { throw ValidationError("give --base-repo or --base, not both") }
    if !(1...16).contains(depth) { throw ValidationError("--depth must be between 1 and 16") }
  }

  /// The report, or exit 1 with the reason on stderr.
  func report() -> ReviewReport {
    do {
      let request = CheckRequest(
        series: source.request(messageID: messageID.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "<> ")) }), baseFiles: baseFiles, today: DiffPipeline.today(), compile: !noCompile)
      let report = try ReportBuilder.build(request, options: .init(generator: "uapi-review \(UAPIReview.version)", depth: depth))
      if !report.diagnostics.isEmpty {
        FileHandle.standardError.write(Data(report.diagnostics.map { $0 + "\n" }.joined().utf8))
      }
      return report
    } catch {
      FileHandle.standardError.write(Data("uapi-review: \(error)\n".utf8))
      Foundation.exit(ExitStatus.inputError.rawValue)
    }
  }
}

struct SiteCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "site",
    abstract: "Render a series as a static HTML site: patches, thread, uAPI reference, changelog, verification, checklist.",
    discussion: """
      Reads the series as `check` does (mail files, --repo/--range, or the bundled example when \
      none is given) and writes the site into -o DIR: open DIR/index.html, no server needed. \
      --markdown DIR writes the same content as Markdown. The exit status is check's.
      """
  )

  @OptionGroup var input: ReportInputOptions

  @Option(name: .shortAndLong, help: "Folder to write the site into (created; existing pages are replaced).")
  var output = "site"

  @Option(help: "Also write the content as Markdown into this folder.")
  var markdown: String?

  @Option(help: "Folder of templates replacing the built-in ones by relative path (pages/*.mustache, assets/*).")
  var templates: String?

  func run() throws {
    let report = input.report()
    guard !report.versions.isEmpty else {
      // Nothing to show: no pages rather than a site that says so.
      FileHandle.standardError.write(Data("uapi-review: no patch series in the input; nothing written\n".utf8))
      Self.exit(withError: ExitCode(ExitStatus.inputError.rawValue))
    }
    do {
      var set = SiteTemplateSet.builtIn
      if let templates {
        let (custom, unknown) = try SiteTemplateSet.overridden(by: templates)
        for name in unknown { FileHandle.standardError.write(Data("uapi-review: \(templates)/\(name): no built-in template of that name; ignored\n".utf8)) }
        set = custom
      }
      let files = try SiteWriter(templates: set).render(report)
      try SiteWriter.write(files, to: output)
      if let markdown { try SiteWriter.write(MarkdownDocs.render(report), to: markdown) }
      FileHandle.standardError.write(Data("site written to \(output)/index.html (\(files.count) files)\n".utf8))
    } catch {
      FileHandle.standardError.write(Data("uapi-review: \(error)\n".utf8))
      Self.exit(withError: ExitCode(ExitStatus.inputError.rawValue))
    }
    Self.exit(withError: report.exitStatus == 0 ? nil : ExitCode(report.exitStatus))
  }
}
