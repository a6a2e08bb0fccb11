public import Diagnostics
public import Foundation

/// An earlier report's findings, so CI fails only on what is new. Findings are matched by rule,
/// file and message, not by line, so edits above a known finding do not make it new again.
public struct Baseline: Sendable {
  public var keys: Set<String>

  public init(keys: Set<String>) { self.keys = keys }

  /// Rule, the file's name (not its folder: the same mails checked from another folder are the
  /// same findings) and message.
  public static func key(rule: String, file: String?, message: String) -> String {
    "\(rule)\u{1F}\(file.map { $0.split(separator: "/").last.map(String.init) ?? $0 } ?? "")\u{1F}\(message)"
  }

  public static func key(_ f: RuleFinding) -> String { key(rule: f.rule, file: f.location?.file, message: f.message) }

  /// Reads a JSON report: a top-level `findings` array whose entries have `rule` (or `id`),
  /// `message`, and `file` (or `location.file`).
  public static func read(_ data: Data, path: String) throws -> Baseline {
    guard let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any], let list = root["findings"] as? [[String: Any]] else {
      throw BaselineError(message: "\(path): not a uapi-review JSON report (no \"findings\" array)")
    }
    var keys: Set<String> = []
    for entry in list {
      guard let rule = (entry["rule"] ?? entry["id"]) as? String, let message = entry["message"] as? String else { continue }
      let file = entry["file"] as? String ?? (entry["location"] as? [String: Any])?["file"] as? String
      keys.insert(key(rule: rule, file: file, message: message))
    }
    return Baseline(keys: keys)
  }

  /// The findings not in the baseline.
  public func new(_ findings: [RuleFinding]) -> [RuleFinding] { findings.filter { !keys.contains(Self.key($0)) } }
}

public struct BaselineError: Error, CustomStringConvertible {
  public var message: String
  public var description: String { message }
}
