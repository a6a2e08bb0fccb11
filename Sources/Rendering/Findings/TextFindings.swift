public import Diagnostics

/// Findings the way compilers print them, so editors and CI logs link them.
///
///     include/uapi/misc/habanalabs.h:12:9: error[U8]: __u32 member at odd offset
///         __u32 pad;
///               ^
///       = help: pad explicitly so every ABI has the same layout
///       = evidence: i386: offset 4, x86_64: offset 8
///       = introduced by v6 1/2
///
/// A waived finding says so in its first line (`error[U8] (waived)`) and gives the justification;
/// one a later patch fixed says which. The last line sums up the report.
public enum TextFindings {
  public static func render(_ report: FindingReport) -> String {
    var out = ""
    for finding in report.orderedFindings {
      out += render(finding) + "\n"
    }
    out += summaryLine(report) + "\n"
    return out
  }

  /// One finding: the `file:line:col: severity[rule]: message` line, its caret excerpt, then one
  /// `= ` line each for help, evidence, the introducing and fixing patch, and the waiver.
  public static func render(_ finding: RuleFinding) -> String {
    var head = ""
    if let location = finding.location {
      head += "\(Escape.terminalLine(location.description)): "
    }
    head += "\(finding.severity.rawValue)[\(Escape.terminalLine(finding.rule))]"
    if finding.waiver != nil {
      head += " (waived)"
    } else if finding.fixedBy != nil {
      head += " (fixed in series)"
    } else if finding.inBase {
      head += " (already in the base)"
    }
    head += ": " + Escape.terminalLine(finding.message)
    var lines = [head]
    if let excerpt = finding.excerpt, let column = finding.location?.column {
      lines.append(DiagnosticRenderer.caretExcerpt(line: excerpt, column: column))
    } else if let excerpt = finding.excerpt {
      lines.append("    " + Escape.terminalLine(excerpt))
    }
    func note(_ label: String, _ text: String) { lines.append("  = \(label)\(Escape.terminalLine(text))") }
    if let help = finding.help { note("help: ", help) }
    for fact in finding.evidence { note("evidence: ", fact) }
    if let patch = finding.introducedBy { note("introduced by ", patch) }
    if let patch = finding.fixedBy { note("fixed by ", patch) }
    if let waiver = finding.waiver { note("waived: ", waiver) }
    return lines.joined(separator: "\n")
  }

  /// `uapi-review: series hl-dmabuf v6: 2 errors, 1 warning, 1 waived (12 rules checked)`.
  public static func summaryLine(_ report: FindingReport) -> String {
    let ruleCount = report.allRules.count
    return "\(Escape.terminalLine(report.tool)): \(Escape.terminalLine(report.subject)): \(report.counts.summary)"
      + " (\(ruleCount) \(ruleCount == 1 ? "rule" : "rules") checked)"
  }
}
