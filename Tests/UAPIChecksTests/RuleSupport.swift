import Diagnostics
import Foundation
import MailSeries
import UAPIModel

@testable import UAPIChecks

/// Paths found through this file, so tests run from any directory.
enum RulePaths {
  static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  /// The package root (…/Tests/UAPIChecksTests/ → …/).
  static let root = here.deletingLastPathComponent().deletingLastPathComponent()
  static let fixtures = here.appendingPathComponent("Fixtures/rules")
  static let bundledHeader = root.appendingPathComponent("Sources/HabanaLabsReference/uapi/misc/hl_memory.h").path
  static let corpus = root.deletingLastPathComponent().appendingPathComponent("shared/corpus/habanalabs-v6")

  static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }
}

/// Loads header text on every ABI and runs the header rules (no compile check unless asked).
func lint(_ text: String, path: String = "include/uapi/misc/test.h", compile: Bool = false) -> [RuleFinding] {
  let loaded = UAPILoader.load([.text(path: path, text: text)], abis: ABI.allCases)
  guard let header = loaded.headers.first else { return [] }
  return HeaderRules.run(header, text: text, options: HeaderRules.Options(compile: compile))
}

func lintFile(_ path: String, compile: Bool = false) -> [RuleFinding] {
  let loaded = UAPILoader.load([.file(path)], abis: ABI.allCases)
  guard let header = loaded.headers.first else { return [] }
  return HeaderRules.run(header, options: HeaderRules.Options(compile: compile))
}

extension Array where Element == RuleFinding {
  func rule(_ id: String) -> [RuleFinding] { filter { $0.rule == id } }
  /// `line:col` of each finding of a rule.
  func at(_ id: String) -> [String] { rule(id).map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0)" } }
  var dump: String {
    map { "\($0.location?.description ?? "-") \($0.severity.rawValue) \($0.rule): \($0.message)" }.joined(separator: "\n")
  }
}

/// The habanalabs v6 corpus assembled as a series.
func corpusSeries() -> SeriesSet {
  var inputs = MailInputs()
  for name in ["0000-cover.eml", "0001-uapi.eml", "0002-exporter.eml", "0003-review-reply.eml"] {
    inputs.add(path: RulePaths.corpus.appendingPathComponent(name).path)
  }
  return SeriesAssembler().assemble(inputs.store)
}

/// A clean header around `body`: SPDX (line 1), include guard (2, 3), includes (4, 5); `body`
/// starts on line 6.
func wrap(_ body: String) -> String {
  """
  /* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
  #ifndef T_H
  #define T_H
  #include <linux/types.h>
  #include <linux/ioctl.h>
  \(body)
  #endif

  """
}
