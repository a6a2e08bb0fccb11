import ReferenceDriver
import Rendering
import UAPIModel
import Verification

/// The reference driver's verdict on the series' header, when the series has a header the
/// driver models (its ioctl takes `union hl_mem_args`).
enum VerificationReports {
  static let argumentType = "union hl_mem_args"

  /// The model that defines the reference driver's argument type, if any.
  static func candidate(_ models: [(HeaderModel, Bool)]) -> HeaderModel? {
    models.first { model, fragmentsOnly in
      guard !fragmentsOnly, let unit = model.unit(.x86_64) else { return false }
      return HeaderReports.record(named: argumentType, in: unit).map { unit.layouts[$0] != nil } ?? false
    }?.0
  }

  static func section(_ models: [(HeaderModel, Bool)], depth: Int) -> VerificationSection {
    guard let model = candidate(models), let unit = model.unit(.x86_64) else {
      let why =
        models.contains { $0.1 }
        ? "The series' headers are known only from their hunks (no base tree), so there is no complete header to "
          + "drive the reference driver with. Give the base with --base-repo R --base-rev REV or --base FILE."
        : "No header of the series defines \(argumentType), the argument of the memory ioctl the bundled reference "
          + "driver models."
      // The lifetime model is the reference driver's own, whatever the header: its verdict on
      // the ownership question stands even when the header cannot be checked.
      var section = VerificationSection.notApplicable(why)
      section.lifetime = LifetimePolicy.allCases.map { lifetime(LifetimeChecker.check($0, depth: depth)) }
      return section
    }
    let r = Verifier.verify(unit: unit, path: model.path, depth: depth)
    return VerificationSection(
      applicable: true, why: "", header: model.path, passed: r.passed, layoutsChecked: r.layoutsChecked,
      findings: r.findings.map(\.message),
      scenarios: r.scenarios.map { s in
        ScenarioReport(
          title: s.scenario.title, rules: s.scenario.rules, passed: s.passed,
          steps: s.steps.map { $0.passed ? $0.text : "\($0.text): \($0.problem ?? "failed")" })
      },
      lifetime: r.lifetime.map(lifetime))
  }

  static func lifetime(_ l: LifetimeChecker.Report) -> LifetimeReport {
    let res = l.result
    let broken = res.counterexample != nil
    let states = res.states.grouped()
    let result =
      broken
      ? "an invariant breaks after \(l.steps.count) steps: \(res.violation ?? "")"
      : res.exhaustive
        ? "no invariant broken to depth \(res.depth) (\(states) states, every state explored)"
        : "no invariant broken to depth \(res.depth) (\(states) states; the search stopped at its state limit)"
    return LifetimeReport(
      policy: l.policy.rawValue, result: result, broken: broken, states: res.states, depth: res.depth, steps: l.steps,
      exfiltration: l.exfiltration ?? [])
  }
}

extension Int {
  /// `9,843`: thousands grouped, independent of the locale.
  func grouped() -> String {
    let digits = String(Swift.abs(self))
    var out = ""
    for (k, c) in digits.enumerated() {
      if k > 0 && (digits.count - k) % 3 == 0 { out += "," }
      out.append(c)
    }
    return self < 0 ? "-" + out : out
  }
}
