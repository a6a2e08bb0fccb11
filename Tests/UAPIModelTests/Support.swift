import Foundation
import UAPIModel

/// Fixture files, found through this file's path so tests run from any directory.
enum Fixtures {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

  static func path(_ name: String) -> String { root.appendingPathComponent(name).path }

  static func layoutHeaders() -> [String] {
    let dir = root.appendingPathComponent("layouts")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
    return names.filter { $0.hasSuffix(".h") }.sorted()
  }

  /// True when RECORD_SNAPSHOTS=1: expected files are rewritten instead of compared.
  static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" }
}

/// Reads C text as a header with the bundled include stubs.
func load(_ text: String, path: String = "test.h", abis: [ABI] = [.x86_64]) -> LoadResult {
  UAPILoader.load([.text(path: path, text: text)], abis: abis)
}

/// The pahole-style print of every ABI, as stored in the paired `.pahole` files.
func paholeSnapshot(_ result: LoadResult) -> String {
  var out = ""
  for header in result.headers {
    for unit in header.units {
      out += "/* \(unit.abi.rawValue) */\n" + PaholePrinter.print(unit)
    }
  }
  return out
}
