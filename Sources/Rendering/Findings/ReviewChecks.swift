public import Diagnostics
public import Foundation

/// `--format b4`: one result in the JSON protocol of b4's external review checks
/// (`b4.review-perpatch-check-cmd` / `review-series-check-cmd`): b4 runs the command with the
/// patch on stdin and reads an object (or a list of them) from stdout with `tool`, `status`
/// (`pass`, `warn` or `fail`; anything else b4 takes as `fail`), `summary`, `url` and `details`,
/// all strings.
///
/// `status` comes from the worst active finding: error → `fail`, warning → `warn`, note or none →
/// `pass`. Waived findings and findings fixed later in the series do not count. `details` is a
/// JSON-encoded list with one `{status, context, description}` per finding (waived ones
/// included, as `pass`), the same shape b4's own checkpatch and patchwork checks store.
public struct B4Check: Codable, Sendable, Hashable {
  public var tool: String
  public var status: String
  public var summary: String
  public var url: String
  public var details: String

  public init(_ report: FindingReport) {
    tool = report.tool
    status = Self.status(report.worstSeverity)
    summary = report.counts.summary
    url = report.url ?? ""
    let entries = report.orderedFindings.map { finding in
      Detail(
        status: finding.isActive ? Self.status(finding.severity) : "pass", context: finding.rule,
        description: Self.describe(finding))
    }
    details = Self.encodeDetails(entries)
  }

  public static func status(_ worst: Severity?) -> String {
    switch worst {
    case .error: "fail"
    case .warning: "warn"
    case .note, nil: "pass"
    }
  }

  /// `include/uapi/misc/hl.h:12:9: error[U8]: message (introduced by v6 1/2)`.
  static func describe(_ f: RuleFinding) -> String {
    var text = ""
    if let location = f.location { text += "\(location): " }
    text += "\(f.severity.rawValue)[\(f.rule)]: \(f.message)"
    var notes: [String] = []
    if let patch = f.introducedBy { notes.append("introduced by \(patch)") }
    if let disposition = f.disposition { notes.append(disposition) }
    if !notes.isEmpty { text += " (" + notes.joined(separator: "; ") + ")" }
    // b4 shows it in a terminal: no escape sequences, one line.
    return Escape.terminalLine(text)
  }

  struct Detail: Codable {
    var status: String
    var context: String
    var description: String
  }

  static func encodeDetails(_ entries: [Detail]) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let data = (try? encoder.encode(entries)) ?? Data("[]".utf8)
    return String(decoding: data, as: UTF8.self)
  }

  /// The object b4 reads, keys sorted, one trailing newline.
  public static func render(_ report: FindingReport) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    var data = try encoder.encode(B4Check(report))
    data.append(UInt8(ascii: "\n"))
    return data
  }
}

/// `--format patchwork`: the body of a patchwork check (`POST /api/patches/{id}/checks/`, or the
/// fields of `pwclient check-create`): `state` (`success`, `warning` or `fail`; patchwork's fourth,
/// `pending`, is for checks still running), `context`, `description`, `target_url`.
///
/// `state` follows the worst active finding: error → `fail`, warning → `warning`, note or none →
/// `success`. `context` is a slug (patchwork stores it in a 255-character `SlugField`: letters,
/// digits, `-`, `_`). `description` is one line of at most `descriptionLimit` characters: patchwork
/// keeps it in a text column without a limit, but shows it in one table row, so it is cut with
/// `…`. `target_url` is left out when there is no URL or when it is longer than the 200
/// characters of patchwork's `URLField`, which would refuse the whole check.
public struct PatchworkCheck: Codable, Sendable, Hashable {
  public static let descriptionLimit = 255
  public static let contextLimit = 255
  public static let targetURLLimit = 200

  public var state: String
  public var context: String
  public var description: String
  public var targetURL: String?

  enum CodingKeys: String, CodingKey {
    case state, context, description
    case targetURL = "target_url"
  }

  public init(_ report: FindingReport, context: String? = nil) {
    state = Self.state(report.worstSeverity)
    self.context = Self.slug(context ?? report.tool)
    description = Self.oneLine("\(report.subject): \(report.counts.summary)", limit: Self.descriptionLimit)
    if let url = report.url, !url.isEmpty, url.unicodeScalars.count <= Self.targetURLLimit {
      targetURL = url
    }
  }

  public static func state(_ worst: Severity?) -> String {
    switch worst {
    case .error: "fail"
    case .warning: "warning"
    case .note, nil: "success"
    }
  }

  /// Letters, digits, `-` and `_` kept; runs of anything else become one `-`; at most 255.
  static func slug(_ text: String) -> String {
    var out = ""
    for s in text.unicodeScalars {
      if s.isASCII, s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "-" || s == "_" {
        out.unicodeScalars.append(s)
      } else if !out.hasSuffix("-") {
        out += "-"
      }
    }
    let trimmed = String(out.unicodeScalars.prefix(contextLimit))
    return trimmed.isEmpty ? "default" : trimmed
  }

  /// Control characters and line breaks folded to spaces; cut to `limit` scalars with `…`.
  static func oneLine(_ text: String, limit: Int) -> String {
    let flat = Escape.terminalLine(text)
    let scalars = Array(flat.unicodeScalars)
    guard scalars.count > limit else { return flat }
    var out = String(String.UnicodeScalarView(scalars.prefix(limit - 1)))
    out += "…"
    return out
  }

  public static func render(_ report: FindingReport, context: String? = nil) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    var data = try encoder.encode(PatchworkCheck(report, context: context))
    data.append(UInt8(ascii: "\n"))
    return data
  }
}
