public import Diagnostics
public import Foundation

/// `--format json`: the report as a versioned contract (`schemaVersion` first, keys sorted), with
/// counts, each finding's fingerprint and whether it still counts.
public enum JSONFindings {
  /// Bumped when a field changes meaning or goes away; adding a field keeps the version.
  public static let schemaVersion = 1

  public struct Body: Codable, Sendable, Hashable {
    public var tool: String
    public var version: String
    public var subject: String
    public var url: String?
    public var counts: FindingCounts
    /// The worst severity among active findings; absent when none is left.
    public var worstSeverity: Severity?
    public var rules: [RuleInfo]
    public var findings: [Finding]
  }

  public struct Finding: Codable, Sendable, Hashable {
    public var rule: String
    public var severity: Severity
    public var message: String
    public var file: String?
    public var line: Int?
    public var column: Int?
    public var excerpt: String?
    public var help: String?
    public var evidence: [String]
    public var introducedBy: String?
    public var fixedBy: String?
    public var waiver: String?
    /// False when waived or fixed later in the series.
    public var active: Bool
    /// As in SARIF's `partialFingerprints` (`Fingerprint`).
    public var fingerprint: String
  }

  public static func body(_ report: FindingReport) -> Body {
    let ordered = report.orderedFindings
    let prints = Fingerprint.fingerprints(ordered)
    let findings = zip(ordered, prints).map { f, print in
      Finding(
        rule: f.rule, severity: f.severity, message: f.message, file: f.location?.file, line: f.location?.line,
        column: f.location?.column, excerpt: f.excerpt, help: f.help, evidence: f.evidence,
        introducedBy: f.introducedBy,
        fixedBy: f.fixedBy, waiver: f.waiver, active: f.isActive, fingerprint: print)
    }
    return Body(
      tool: report.tool, version: report.version, subject: report.subject, url: report.url, counts: report.counts,
      worstSeverity: report.worstSeverity, rules: report.allRules, findings: findings)
  }

  public static func render(_ report: FindingReport) throws -> Data {
    try VersionedJSON.encode(body(report), schemaVersion: schemaVersion)
  }
}
