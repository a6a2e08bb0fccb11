public import Diagnostics
public import Foundation

/// An earlier report's findings, so CI fails only on what is new. Findings are matched by rule,
/// file and message, not by line, so edits above a known finding do not make it new again.
public struct Baseline: Sendable {
  public var keys: Set<String>

  public init(keys: Set<String>) { self.keys = keys }

  /// Rule, where and message. A finding in a header is where its path says; one in a mail (or a
  /// commit rendered as one) is where its line's text says, so the same patch read from
  /// another folder, or rebased, gives the same key.
  public static func key(rule: String, file: String?, message: String, excerpt: String? = nil) -> String {
    let place: String
    if let file, file.hasSuffix(".h") || file.hasSuffix(".c") || file.hasSuffix("Kconfig") {
      place = file
    } else {
      place = "mail:" + (excerpt ?? "")
    }
    return "\(rule)\u{1F}\(place)\u{1F}\(message)"
  }

  public static func key(_ f: RuleFinding) -> String {
    key(rule: f.rule, file: f.location?.file, message: f.message, excerpt: f.excerpt)
  }

  /// Reads a JSON report: a top-level `findings` array whose entries have `rule` (or `id`),
  /// `message`, and `file` (or `location.file`).
  public static func read(_ data: Data, path: String) throws -> Baseline {
    guard let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any], let list = root["findings"] as? [[String: Any]] else {
      throw BaselineError(message: "\(path): not a uapi-review JSON report (no \"findings\" array)")
    }
    var keys: Set<String> = []
    for entry in list {
      guard let rule = (entry["rule"] ?? entry["id"]) as? String, let message = entry["message"] as? String else { continue }
      let location = entry["location"] as? [String: Any]
      let file = entry["file"] as? String ?? location?["file"] as? String
      let excerpt = entry["excerpt"] as? String ?? location?["excerpt"] as? String
      keys.insert(key(rule: rule, file: file, message: message, excerpt: excerpt))
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
