import Diagnostics
public import Foundation

/// `--format sarif`: SARIF 2.1.0 (OASIS), which GitHub code scanning and CI annotators read.
///
/// One run; the driver lists every rule of the catalogue; each finding is a result with its
/// rule index, level, location, snippet and a line-independent fingerprint.
///
/// - A waived finding keeps its level and carries an `external`, `accepted` suppression whose
///   justification is the waiver's, so viewers hide it but the record stays.
/// - A finding a later patch of the series fixed is a `pass` result (level `none`): the end state
///   is clean, the history is kept in `properties.introducedBy` / `fixedBy`.
/// - Relative paths are relative to `%SRCROOT%`; absolute ones become `file://` URIs.
public enum SARIFWriter {
  public static let schemaURI =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

  public static func render(_ report: FindingReport) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    var data = try encoder.encode(log(report))
    data.append(UInt8(ascii: "\n"))
    return data
  }

  /// The SARIF log as values, for tests and for callers that add to it.
  public static func log(_ report: FindingReport) -> Log {
    let rules = report.allRules
    let index = Dictionary(rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    let ordered = report.orderedFindings
    let prints = Fingerprint.fingerprints(ordered)
    let results = zip(ordered, prints).map { finding, print in
      result(finding, ruleIndex: index[finding.rule] ?? 0, fingerprint: print)
    }
    let driver = Driver(
      name: report.tool, version: report.version, informationUri: report.informationURI,
      rules: rules.map { rule in
        ReportingDescriptor(
          id: rule.id, shortDescription: Text(rule.title), fullDescription: rule.help.map(Text.init),
          help: rule.help.map(Text.init), defaultConfiguration: Configuration(level: level(rule.severity)))
      })
    let run = Run(
      tool: Tool(driver: driver), results: results, columnKind: "unicodeCodePoints",
      properties: RunProperties(subject: report.subject, reportUrl: report.url))
    return Log(schema: schemaURI, version: "2.1.0", runs: [run])
  }

  static func level(_ severity: Severity) -> String {
    switch severity {
    case .error: "error"
    case .warning: "warning"
    case .note: "note"
    }
  }

  static func result(_ finding: RuleFinding, ruleIndex: Int, fingerprint: String) -> Result {
    let fixed = finding.waiver == nil && finding.fixedBy != nil
    var locations: [Location]?
    if let location = finding.location {
      var region: Region?
      if location.line >= 1 {
        region = Region(
          startLine: location.line, startColumn: location.column >= 1 ? location.column : nil,
          snippet: finding.excerpt.map(Text.init))
      }
      locations = [
        Location(physicalLocation: PhysicalLocation(artifactLocation: artifactLocation(location.file), region: region))
      ]
    }
    let properties = ResultProperties(
      evidence: finding.evidence.isEmpty ? nil : finding.evidence, introducedBy: finding.introducedBy,
      fixedBy: finding.fixedBy)
    return Result(
      ruleId: finding.rule, ruleIndex: ruleIndex, kind: fixed ? "pass" : nil,
      level: fixed ? "none" : level(finding.severity), message: Text(finding.message), locations: locations,
      partialFingerprints: [Fingerprint.key: fingerprint],
      suppressions: finding.waiver.map { [Suppression(kind: "external", status: "accepted", justification: $0)] },
      baselineState: finding.inBase ? "unchanged" : nil, properties: properties.isEmpty ? nil : properties)
  }

  /// A relative path as a URI reference under `%SRCROOT%`; an absolute one as a `file://` URI.
  static func artifactLocation(_ path: String) -> ArtifactLocation {
    if path.hasPrefix("/") {
      return ArtifactLocation(uri: "file://" + percentEncode(path), uriBaseId: nil)
    }
    var relative = Substring(path)
    while relative.hasPrefix("./") { relative = relative.dropFirst(2) }
    return ArtifactLocation(uri: percentEncode(String(relative)), uriBaseId: "%SRCROOT%")
  }

  /// RFC 3986 path encoding: unreserved characters and `/` stay, every other byte is `%XX`.
  static func percentEncode(_ path: String) -> String {
    let hex = Array("0123456789ABCDEF")
    var out = ""
    for byte in path.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
        UInt8(ascii: "~"), UInt8(ascii: "/"):
        out.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        out += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0xF)])
      }
    }
    return out
  }

  // MARK: The subset of the SARIF 2.1.0 object model written here (nil fields are left out).

  public struct Log: Codable, Sendable, Hashable {
    public var schema: String
    public var version: String
    public var runs: [Run]
    enum CodingKeys: String, CodingKey {
      case schema = "$schema"
      case version, runs
    }
  }

  public struct Run: Codable, Sendable, Hashable {
    public var tool: Tool
    public var results: [Result]
    public var columnKind: String
    public var properties: RunProperties
  }

  public struct RunProperties: Codable, Sendable, Hashable {
    public var subject: String
    public var reportUrl: String?
  }

  public struct Tool: Codable, Sendable, Hashable {
    public var driver: Driver
  }

  public struct Driver: Codable, Sendable, Hashable {
    public var name: String
    public var version: String
    public var informationUri: String?
    public var rules: [ReportingDescriptor]
  }

  public struct ReportingDescriptor: Codable, Sendable, Hashable {
    public var id: String
    public var shortDescription: Text
    public var fullDescription: Text?
    public var help: Text?
    public var defaultConfiguration: Configuration
  }

  public struct Configuration: Codable, Sendable, Hashable {
    public var level: String
  }

  public struct Text: Codable, Sendable, Hashable {
    public var text: String
    public init(_ text: String) { self.text = text }
  }

  public struct Result: Codable, Sendable, Hashable {
    public var ruleId: String
    public var ruleIndex: Int
    public var kind: String?
    public var level: String
    public var message: Text
    public var locations: [Location]?
    public var partialFingerprints: [String: String]
    public var suppressions: [Suppression]?
    /// `unchanged` for a finding the base already had.
    public var baselineState: String?
    public var properties: ResultProperties?
  }

  public struct ResultProperties: Codable, Sendable, Hashable {
    public var evidence: [String]?
    public var introducedBy: String?
    public var fixedBy: String?
    var isEmpty: Bool { evidence == nil && introducedBy == nil && fixedBy == nil }
  }

  public struct Location: Codable, Sendable, Hashable {
    public var physicalLocation: PhysicalLocation
  }

  public struct PhysicalLocation: Codable, Sendable, Hashable {
    public var artifactLocation: ArtifactLocation
    public var region: Region?
  }

  public struct ArtifactLocation: Codable, Sendable, Hashable {
    public var uri: String
    public var uriBaseId: String?
  }

  public struct Region: Codable, Sendable, Hashable {
    public var startLine: Int
    public var startColumn: Int?
    public var snippet: Text?
  }

  public struct Suppression: Codable, Sendable, Hashable {
    public var kind: String
    public var status: String
    public var justification: String
  }
}
