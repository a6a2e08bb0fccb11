import Diagnostics
import Rendering
import UAPIChecks
import Verification

/// Every machine rule as pass, fail or not applicable, with the findings or the reason.
enum MachineChecklist {
  static func items(_ c: ChecklistContext) -> [MachineItem] {
    let standing = c.standing
    let touchesHeader = c.mails.contains { m in m.files.contains { HeaderStates.isUAPIHeader($0.path) } }
    let wholeHeader = c.headers.contains { !$0.fragmentsOnly }
    var items: [MachineItem] = []
    func item(_ id: String, _ title: String, applicable: String?) {
      let failing = standing.filter { c.findings[$0].rule == id }
      let evidence = failing.prefix(8).map { c.describe(finding: $0) }
      let status: MachineItem.Status = !failing.isEmpty ? .fail : applicable == nil ? .pass : .notApplicable
      items.append(MachineItem(rule: id, title: title, status: status, evidence: evidence + (failing.isEmpty ? applicable.map { [Evidence($0)] } ?? [] : [])))
    }
    for rule in RuleCatalogue.all where rule.scope != .fragment {
      var why: String?
      switch rule.scope {
      case .header:
        if !touchesHeader { why = "the series touches no uAPI header" }
        else if !wholeHeader && !rule.runsOnFragments { why = "needs the whole header; only hunks are known (give --base-repo or --base)" }
      case .headerChange:
        if !touchesHeader { why = "the series touches no uAPI header" }
        else if !wholeHeader { why = "needs the header before and after the series (give --base-repo or --base)" }
      case .series, .fragment: why = nil
      }
      item(rule.id, rule.title, applicable: why)
    }
    for rule in DriverRule.driverPatchRules {
      item(rule.id, rule.summary, applicable: c.touchesC ? nil : "the series changes no C file")
    }
    // The reference driver's checks, as one item each.
    let v = c.verification
    if v.applicable {
      items.append(
        MachineItem(
          rule: "VERIFY", title: "the header agrees with the reference driver (layouts, command, opcodes, scenarios)",
          status: v.passed ? .pass : .fail,
          evidence: [Evidence("\(v.layoutsChecked) layouts, \(v.scenarios.filter(\.passed).count) of \(v.scenarios.count) scenarios pass", link: SitePaths.verification)]
            + v.findings.prefix(8).map { Evidence($0, link: SitePaths.verification) }))
    } else {
      items.append(MachineItem(rule: "VERIFY", title: "the header agrees with the reference driver", status: .notApplicable, evidence: [Evidence(v.why)]))
    }
    return items
  }
}
