public import Diagnostics
public import Foundation

/// The `--format json` contract of `uapi-review verify`.
public struct VerificationJSON: Codable, Sendable {
  public static let currentVersion = 1

  public var schemaVersion: Int
  public var header: String
  public var passed: Bool
  public var findings: [DiagnosticJSON]
  public var layoutsChecked: Int
  public var scenarios: [ScenarioJSON]
  public var lifetime: [LifetimeJSON]

  public struct ScenarioJSON: Codable, Sendable {
    public var title: String
    public var rules: [String]
    public var device: String
    public var passed: Bool
    public var steps: [StepJSON]
  }

  public struct StepJSON: Codable, Sendable {
    public var text: String
    public var passed: Bool
    public var problem: String?
  }

  public struct LifetimeJSON: Codable, Sendable {
    public var policy: String
    public var depth: Int
    public var exhaustive: Bool
    public var states: Int
    public var transitions: Int
    public var seconds: Double
    public var counterexample: [String]?
    public var violation: String?
    /// Under a policy with a counterexample: the trace to an importer reaching memory now
    /// owned by another context.
    public var exfiltration: [String]?
  }

  public init(_ r: VerificationReport) {
    schemaVersion = Self.currentVersion
    header = r.header
    passed = r.passed
    findings = r.findings.map(DiagnosticJSON.init)
    layoutsChecked = r.layoutsChecked
    scenarios = r.scenarios.map { s in
      ScenarioJSON(
        title: s.scenario.title, rules: s.scenario.rules, device: s.scenario.device.rawValue, passed: s.passed,
        steps: s.steps.map { StepJSON(text: $0.text, passed: $0.passed, problem: $0.problem) })
    }
    lifetime = r.lifetime.map { l in
      LifetimeJSON(
        policy: l.policy.rawValue, depth: l.result.depth, exhaustive: l.result.exhaustive, states: l.result.states,
        transitions: l.result.transitions, seconds: (l.result.seconds * 1000).rounded() / 1000,
        counterexample: l.result.counterexample == nil ? nil : l.steps, violation: l.result.violation,
        exfiltration: l.exfiltration)
    }
  }

  public func encoded() throws -> Data {
    try VersionedJSON.encode(
      Body(findings: findings, header: header, layoutsChecked: layoutsChecked, lifetime: lifetime, passed: passed, scenarios: scenarios),
      schemaVersion: schemaVersion)
  }

  private struct Body: Encodable {
    var findings: [DiagnosticJSON]
    var header: String
    var layoutsChecked: Int
    var lifetime: [LifetimeJSON]
    var passed: Bool
    var scenarios: [ScenarioJSON]
  }
}
