import ArgumentParser
import Diagnostics
import Foundation
import Rendering
import MailSeries
import ReferenceDriver
import Review

struct SeriesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "series",
    abstract: "Read a patch series from mail or git: versions, patches, diffstats, trailers, replies.",
    discussion: """
      INPUT is an mbox, a maildir, a single mail, a folder of `git format-patch` files, or `-` \
      for stdin. --repo/--range reads commits through libgit2; --inbox reads a public-inbox v2 \
      archive. With --base-repo every version is applied to --base-rev in memory. \
      With no input it reads the bundled example series (Examples/hl-dmabuf, built into the \
      tool) and applies it to the example's own base tree.
      """
  )

  enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

  @OptionGroup var source: SeriesInputOptions

  @Option(help: "public-inbox v2 archive (the folder holding git/0.git, ...).")
  var inbox: String?

  @Option(name: .customLong("message-id"), help: "Only the series holding this message.")
  var messageID: String?

  @Flag(help: "List series and threads from the headers alone, without reading bodies.")
  var list = false

  @Flag(help: "Drop mail text above a scissors line (-- >8 --), as git mailinfo --scissors.")
  var scissors = false

  @Option(help: "Output format: text or json.")
  var format: Format = .text

  func run() throws {
    let request = source.request(
      inbox: inbox, messageID: messageID.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "<> ")) }, scissors: scissors)
    if list {
      do {
        let store = try SeriesPipeline.load(request, progress: Progress.reporter())
        Progress.clear()
        FileHandle.standardError.write(Data(DiagnosticRenderer.render(store.diagnostics).utf8))
        let listing = SeriesListing(store)
        switch format {
        case .text: FileHandle.standardOutput.write(Data(listing.text.utf8))
        case .json: FileHandle.standardOutput.write(try VersionedJSON.encode(listing, schemaVersion: SeriesReportJSON.currentVersion))
        }
        Self.exit(withError: store.diagnostics.containsErrors ? ExitCode(ExitStatus.inputError.rawValue) : nil)
      } catch let e as ReviewError {
        FileHandle.standardError.write(Data("uapi-review: \(e.description)\n".utf8))
        Self.exit(withError: ExitCode(ExitStatus.inputError.rawValue))
      }
    }
    let outcome: SeriesOutcome
    do {
      outcome = try SeriesPipeline.run(request, progress: Progress.reporter())
    } catch let e as ReviewError {
      FileHandle.standardError.write(Data("uapi-review: \(e.description)\n".utf8))
      Self.exit(withError: ExitCode(ExitStatus.inputError.rawValue))
    }
    Progress.clear()
    let all = outcome.diagnostics + outcome.set.series.flatMap { s in
      s.versions.flatMap { v in v.diagnostics + ([v.cover].compactMap { $0 } + v.patches).flatMap { $0.diagnostics + $0.replies.flatMap(\.mail.diagnostics) } }
    }
    FileHandle.standardError.write(Data(DiagnosticRenderer.render(all).utf8))
    switch format {
    case .text:
      FileHandle.standardOutput.write(Data(SeriesTextPrinter.print(outcome.set, applications: outcome.applications).utf8))
    case .json:
      var report = SeriesReportJSON(outcome.set, applications: outcome.applications)
      report.diagnostics = outcome.diagnostics.map(DiagnosticJSON.init)
      FileHandle.standardOutput.write(try report.encoded())
    }
    Self.exit(withError: all.containsErrors ? ExitCode(ExitStatus.inputError.rawValue) : nil)
  }
}

/// A one-line progress report on stderr for long reads, only when stderr is a terminal.
enum Progress {
  nonisolated(unsafe) static var shown = false

  static func reporter() -> (@Sendable (String, Int, Int) -> Void)? {
    guard isatty(2) != 0 else { return nil }
    return { path, done, total in
      guard total >= 32 << 20 else { return }
      let line = "\rreading \(path): \(done >> 20) of \(total >> 20) MB (\(done * 100 / max(total, 1))%)"
      FileHandle.standardError.write(Data(line.utf8))
      Progress.shown = true
    }
  }

  static func clear() {
    if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
  }
}
