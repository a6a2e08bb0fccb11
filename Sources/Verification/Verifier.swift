public import Diagnostics
public import ReferenceDriver
public import UAPIModel

/// Everything `uapi-review verify` found.
public struct VerificationReport: Sendable {
  public var header: String
  /// Layout, command, opcode and scenario mismatches, and broken invariants under a policy
  /// that should keep them.
  public var findings: [Diagnostic]
  public var layoutsChecked: Int
  public var scenarios: [ScenarioResult]
  public var lifetime: [LifetimeChecker.Report]

  public var passed: Bool { findings.isEmpty }
}

/// Checks a header model against the bundled reference driver.
public enum Verifier {
  public static func verify(
    unit: HeaderUnit, path: String, policies: [LifetimePolicy] = LifetimePolicy.allCases, depth: Int = 8
  ) -> VerificationReport {
    let facts = HeaderFacts(unit: unit)
    var findings = VerificationChecks.layouts(facts, path: path) + VerificationChecks.dispatch(facts, path: path)
    let scenarios = ScenarioRunner(facts: facts).run()
    for r in scenarios where !r.passed {
      let failed = r.steps.last { !$0.passed }
      findings.append(
        Diagnostic(
          .error, id: "verify.scenario",
          message: "scenario '\(r.scenario.title)' fails at '\(failed?.text ?? "?")': \(failed?.problem ?? "?")",
          location: SourceLocation(file: path, line: 1, column: 1)))
    }
    let lifetime = policies.map { LifetimeChecker.check($0, depth: depth) }
    // Under `none` a counterexample is the expected demonstration, not a defect of the header.
    for r in lifetime where r.policy != .none && r.result.counterexample != nil {
      findings.append(
        Diagnostic(
          .error, id: "verify.lifetime",
          message: "under \(r.policy.rawValue) an invariant breaks after \(r.steps.count) steps: \(r.result.violation ?? "")"))
    }
    return VerificationReport(
      header: path, findings: findings, layoutsChecked: CompiledTables.layouts.count, scenarios: scenarios, lifetime: lifetime)
  }
}
