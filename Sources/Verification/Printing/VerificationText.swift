import Diagnostics
import Foundation
import ReferenceDriver

/// `uapi-review verify` as text: findings first, then the evidence.
public enum VerificationText {
  public static func render(_ r: VerificationReport) -> String {
    var out = ["verify \(r.header) against the reference driver (x86_64)"]
    // Under `none` a broken invariant is the expected demonstration, so it is said apart.
    let demonstrated = r.lifetime.contains { $0.policy == .none && $0.result.counterexample != nil }
    out.append(
      (r.passed ? "result: verified" : "result: \(r.findings.count) finding\(r.findings.count == 1 ? "" : "s")")
        + (demonstrated ? " (under policy none the exported memory outlives its owner, as the trace below shows)" : ""))
    for f in r.findings { out.append("  " + DiagnosticRenderer.render(f)) }
    let layoutProblems = r.findings.filter { $0.id == "verify.layout" }.count
    out.append("layouts: \(r.layoutsChecked) sizes and offsets compared with the compiler, \(layoutProblems == 0 ? "all equal" : "\(layoutProblems) differ")")
    let dispatch = r.findings.filter { $0.id == "verify.command" || $0.id == "verify.opcode" }.count
    out.append(
      "commands and opcodes: \(CompiledTables.commands.count) command\(CompiledTables.commands.count == 1 ? "" : "s"), \(CompiledTables.opcodes.count) opcodes, "
        + (dispatch == 0 ? "each declared and dispatched with the same value" : "\(dispatch) mismatch\(dispatch == 1 ? "" : "es")"))
    let passed = r.scenarios.filter(\.passed).count
    out.append("scenarios: \(passed) of \(r.scenarios.count) pass")
    for s in r.scenarios {
      let rules = s.scenario.rules.isEmpty ? "" : " [\(s.scenario.rules.joined(separator: ", "))]"
      out.append("  \(s.passed ? "pass" : "FAIL") \(s.scenario.title)\(rules)")
      if !s.passed {
        for (k, step) in s.steps.enumerated() {
          out.append("       \(k + 1). \(step.text)" + (step.problem.map { " -- but \($0)" } ?? ""))
        }
      }
    }
    for l in r.lifetime {
      let res = l.result
      let stats = "\(res.states) states, \(res.transitions) transitions, \(String(format: "%.2f", res.seconds)) s, \(Int(res.statesPerSecond)) states/s"
      if res.counterexample != nil {
        out.append("lifetime under \(l.policy.rawValue): an invariant breaks; shortest trace (\(stats)):")
        for (k, step) in l.steps.enumerated() { out.append("  \(k + 1). \(step)") }
        out.append("  broken: \(res.violation ?? "")")
        if let leak = l.exfiltration {
          out.append("lifetime under \(l.policy.rawValue): shortest way for an importer to reach memory now owned by another context:")
          for (k, step) in leak.enumerated() { out.append("  \(k + 1). \(step)") }
        }
      } else {
        let cut = res.exhaustive ? "" : " (search cut at \(res.states) states)"
        out.append("lifetime under \(l.policy.rawValue): no invariant broken to depth \(res.depth)\(cut) (\(stats))")
      }
    }
    return out.joined(separator: "\n") + "\n"
  }
}
