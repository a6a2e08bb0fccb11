import Foundation
import UAPIChecks
import UAPIModel

/// The compat fixtures, found through this file's path so tests run from any directory.
enum CompatFixtures {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
    "Fixtures/compat")

  /// Every case folder holding an `old.h` and a `new.h`.
  static func cases() -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
    return names.filter {
      FileManager.default.fileExists(atPath: root.appendingPathComponent($0).appendingPathComponent("old.h").path)
    }
    .sorted()
  }

  static func path(_ name: String, _ file: String) -> String {
    root.appendingPathComponent(name).appendingPathComponent(file).path
  }

  /// True when RECORD_SNAPSHOTS=1: expected files are rewritten instead of compared.
  static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" }

  /// Compares a case's two headers on all five ABIs.
  static func diff(_ name: String) -> (ABIDiff, [String]) {
    let (diff, diagnostics) = ABICompare.compare(old: .file(path(name, "old.h")), new: .file(path(name, "new.h")))
    return (diff, diagnostics.map { "\($0.id): \($0.message)" })
  }

  /// The report with the case folder left out of locations, as `expected.txt` holds it.
  static func snapshot(_ name: String, _ diff: ABIDiff) -> String {
    let dir = root.appendingPathComponent(name).path + "/"
    return diff.report.replacingOccurrences(of: dir, with: "")
  }
}
