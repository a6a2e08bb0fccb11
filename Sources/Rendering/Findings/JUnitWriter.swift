import Diagnostics

/// `--format junit`: JUnit XML, which Jenkins, GitLab and most CI dashboards show as test results.
///
/// One `<testsuite>` per rule of the catalogue (`name` = rule id), so a dashboard lists every check
/// that ran. A rule with no finding has one passing test case; otherwise each finding is a test
/// case named by its location (`file:line:col`, or the subject) with `classname` = the rule id:
/// errors and warnings fail (`<failure type="error|warning">`), notes pass with the text in
/// `<system-out>`, waived findings are `<skipped>` with the justification, and findings a later
/// patch fixed pass. Every attribute and text node is escaped; characters XML 1.0 forbids are
/// dropped. No timestamps or durations: the same report gives the same bytes.
public enum JUnitWriter {
  public static func render(_ report: FindingReport) -> String {
    let ordered = report.orderedFindings
    var byRule: [String: [RuleFinding]] = [:]
    for finding in ordered { byRule[finding.rule, default: []].append(finding) }

    var suites: [String] = []
    var total = (tests: 0, failures: 0, skipped: 0)
    for rule in report.allRules {
      let findings = byRule[rule.id] ?? []
      var cases: [String] = []
      var failures = 0
      var skipped = 0
      if findings.isEmpty {
        cases.append(
          "    <testcase \(attrs(["name": "no findings", "classname": rule.id]))/>")
      }
      for finding in findings {
        let name = finding.location?.description ?? report.subject
        let open = "    <testcase \(attrs(["name": name, "classname": rule.id]))"
        let body = details(finding)
        if finding.waiver != nil {
          skipped += 1
          cases.append(
            open + ">\n      <skipped \(attrs(["message": finding.disposition ?? "waived"]))/>\n"
              + "      <system-out>\(Escape.xmlText(body))</system-out>\n    </testcase>")
        } else if finding.fixedBy == nil, finding.severity >= .warning {
          failures += 1
          cases.append(
            open + ">\n      <failure \(attrs(["message": finding.message, "type": finding.severity.rawValue]))>"
              + Escape.xmlText(body) + "</failure>\n    </testcase>")
        } else {
          cases.append(open + ">\n      <system-out>\(Escape.xmlText(body))</system-out>\n    </testcase>")
        }
      }
      let tests = max(findings.count, 1)
      total.tests += tests
      total.failures += failures
      total.skipped += skipped
      let suiteAttrs = attrs([
        "name": rule.id, "tests": String(tests), "failures": String(failures), "errors": "0",
        "skipped": String(skipped),
      ])
      var suite = "  <testsuite \(suiteAttrs)>\n"
      suite += "    <properties>\n"
      suite += "      <property \(attrs(["name": "title", "value": rule.title]))/>\n"
      suite += "      <property \(attrs(["name": "severity", "value": rule.severity.rawValue]))/>\n"
      suite += "    </properties>\n"
      suite += cases.joined(separator: "\n") + "\n  </testsuite>"
      suites.append(suite)
    }
    let rootAttrs = attrs([
      "name": "\(report.tool): \(report.subject)", "tests": String(total.tests), "failures": String(total.failures),
      "errors": "0", "skipped": String(total.skipped),
    ])
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites \(rootAttrs)>\n"
      + suites.map { $0 + "\n" }.joined() + "</testsuites>\n"
  }

  /// The finding as the text a CI log shows: the compiler-style rendering with caret and notes.
  static func details(_ finding: RuleFinding) -> String {
    TextFindings.render(finding) + "\n"
  }

  /// ` name="value"` pairs in a fixed order (name first, then as written), values escaped.
  private static func attrs(_ pairs: KeyValuePairs<String, String>) -> String {
    pairs.map { "\($0.key)=\"\(Escape.xmlAttribute($0.value))\"" }.joined(separator: " ")
  }
}
