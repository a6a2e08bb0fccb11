/// What the bundled reference driver said about the series' header.
public struct VerificationSection: Sendable, Codable {
  /// False when the series has no header the reference driver models; `why` says so.
  public var applicable: Bool
  public var why: String
  public var header: String?
  public var passed: Bool
  public var layoutsChecked: Int
  public var findings: [String]
  public var scenarios: [ScenarioReport]
  public var lifetime: [LifetimeReport]

  public init(
    applicable: Bool, why: String, header: String?, passed: Bool, layoutsChecked: Int, findings: [String],
    scenarios: [ScenarioReport], lifetime: [LifetimeReport]
  ) {
    self.applicable = applicable
    self.why = why
    self.header = header
    self.passed = passed
    self.layoutsChecked = layoutsChecked
    self.findings = findings
    self.scenarios = scenarios
    self.lifetime = lifetime
  }

  public static func notApplicable(_ why: String) -> VerificationSection {
    VerificationSection(applicable: false, why: why, header: nil, passed: true, layoutsChecked: 0, findings: [], scenarios: [], lifetime: [])
  }
}

public struct ScenarioReport: Sendable, Codable, Hashable {
  public var title: String
  public var rules: [String]
  public var passed: Bool
  /// `op=EXPORT with pad != 0 → EINVAL (expected EINVAL)`.
  public var steps: [String]

  public init(title: String, rules: [String], passed: Bool, steps: [String]) {
    self.title = title
    self.rules = rules
    self.passed = passed
    self.steps = steps
  }
}

public struct LifetimeReport: Sendable, Codable, Hashable {
  public var policy: String
  /// `no invariant broken to depth 8 (9,843 states)` or the broken invariant.
  public var result: String
  public var broken: Bool
  public var states: Int
  public var depth: Int
  /// The shortest counterexample, numbered by the renderer.
  public var steps: [String]
  /// The way to the data leak the review feared, when found.
  public var exfiltration: [String]

  public init(policy: String, result: String, broken: Bool, states: Int, depth: Int, steps: [String], exfiltration: [String]) {
    self.policy = policy
    self.result = result
    self.broken = broken
    self.states = states
    self.depth = depth
    self.steps = steps
    self.exfiltration = exfiltration
  }
}
