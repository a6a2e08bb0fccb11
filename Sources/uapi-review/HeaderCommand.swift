import ArgumentParser
import Diagnostics
import Foundation
import Rendering
import ReferenceDriver
import UAPIModel

struct HeaderCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "header",
    abstract: "Parse uAPI headers and print their constants, ioctls and layouts on each ABI.",
    discussion: """
      With no FILE, reads the bundled reference header (\(BundledHeader.path)). \
      Without --include-root, <linux/types.h> and <linux/ioctl.h> come from small bundled stubs; \
      a header inside a kernel source tree finds the tree's include/uapi directories itself.
      """
  )

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, pahole, json, summary
  }

  @Argument(help: "Header files to read.")
  var files: [String] = []

  @Option(name: .customLong("include-root"), help: "Directory searched by #include (repeatable), e.g. /usr/include.")
  var includeRoots: [String] = []

  @Option(help: "Comma-separated ABIs: x86_64,i386,x32,arm64,arm or all.")
  var abi: String = "all"

  @OptionGroup var limits: LimitOptions

  @Option(help: "Output format: text, pahole, json, or summary (one line per header).")
  var format: Format = .text

  func validate() throws {
    if ABI.list(abi) == nil {
      throw ValidationError("unknown ABI in '\(abi)'; use a list of x86_64, i386, x32, arm64, arm, or all")
    }
  }

  func run() throws {
    let abis = ABI.list(abi)!
    let inputs: [HeaderInput] =
      files.isEmpty ? [.text(path: BundledHeader.path, text: BundledHeader.text)] : files.map { .file($0) }
    let started = Date()
    let result = UAPILoader.load(inputs, abis: abis, includeRoots: includeRoots, limits: limits.values)
    if ProcessInfo.processInfo.environment["UAPI_REVIEW_STATS"] != nil {
      FileHandle.standardError.write(Data("load: \(Int(Date().timeIntervalSince(started) * 1000)) ms\n".utf8))
    }

    FileHandle.standardError.write(Data(DiagnosticRenderer.render(result.diagnostics).utf8))
    switch format {
    case .json:
      FileHandle.standardOutput.write(try HeaderReportJSON(result: result, abis: abis).encoded())
    case .text:
      for header in result.headers { print(TextPrinter.print(header)) }
    case .summary:
      for header in result.headers { print(SummaryPrinter.line(header)) }
    case .pahole:
      for header in result.headers {
        for unit in header.units {
          print("/* \(header.path) on \(unit.abi.rawValue) */")
          print(PaholePrinter.print(unit))
        }
      }
    }
    // Exit here: freeing the model of hundreds of headers on the way out costs more than the exit.
    Self.exit(withError: result.diagnostics.containsErrors ? ExitCode(ExitStatus.inputError.rawValue) : nil)
  }
}
