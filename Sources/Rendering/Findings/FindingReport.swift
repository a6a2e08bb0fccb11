public import Diagnostics

/// A rule of the catalogue that ran: what SARIF lists under `tool.driver.rules`, JUnit as a test
/// suite, and Markdown in its table, even when the rule found nothing.
public struct RuleInfo: Sendable, Hashable, Codable {
  /// The stable id findings carry (`U8`, `ABI.member-retyped`, `verify.layout`).
  public var id: String
  /// One line: what the rule checks.
  public var title: String
  /// What the rule asks and why, with its source.
  public var help: String?
  /// The severity its findings have unless a finding says otherwise.
  public var severity: Severity

  public init(id: String, title: String, help: String? = nil, severity: Severity) {
    self.id = id
    self.title = title
    self.help = help
    self.severity = severity
  }
}

/// Everything a writer needs: what ran, on what, and what it found.
///
/// Writers never re-parse input;
/// a report is the whole contract between the checks and the output formats.
public struct FindingReport: Sendable, Hashable, Codable {
  /// The tool's name (`uapi-review`).
  public var tool: String
  public var version: String
  /// What was checked: `series hl-dmabuf v6`, a header path, a revision range.
  public var subject: String
  public var findings: [RuleFinding]
  /// The catalogue of rules that ran, in catalogue order.
  public var rules: [RuleInfo]
  /// Where the full report lives (a site page, a CI job), for b4, patchwork and SARIF.
  public var url: String?
  /// The tool's home page, for SARIF's `informationUri`.
  public var informationURI: String?

  public init(
    tool: String = "uapi-review", version: String, subject: String, findings: [RuleFinding], rules: [RuleInfo],
    url: String? = nil, informationURI: String? = nil
  ) {
    self.tool = tool
    self.version = version
    self.subject = subject
    self.findings = findings
    self.rules = rules
    self.url = url
    self.informationURI = informationURI
  }

  /// The catalogue followed by any rule a finding names that the catalogue lacks (sorted by id),
  /// so every finding has a rule entry (SARIF's `ruleIndex`, JUnit's suites).
  public var allRules: [RuleInfo] {
    var known = Set(rules.map(\.id))
    var extra: [RuleInfo] = []
    for finding in findings where !known.contains(finding.rule) {
      known.insert(finding.rule)
      extra.append(RuleInfo(id: finding.rule, title: finding.rule, help: finding.help, severity: finding.severity))
    }
    return rules + extra.sorted { $0.id < $1.id }
  }

  /// Findings in the order every writer uses.
  ///
  /// By file, line and column (findings without a location last), then rule and message; equal
  /// findings keep their order.
  public var orderedFindings: [RuleFinding] {
    findings.enumerated().sorted { l, r in
      let (a, b) = (l.element, r.element)
      switch (a.location, b.location) {
      case (let x?, let y?) where x != y:
        return (x.file, x.line, x.column) < (y.file, y.line, y.column)
      case (.some, nil): return true
      case (nil, .some): return false
      default: break
      }
      if a.rule != b.rule { return a.rule < b.rule }
      if a.message != b.message { return a.message < b.message }
      return l.offset < r.offset
    }.map(\.element)
  }

  /// Findings that still count: neither waived nor fixed by a later patch of the series.
  public var activeFindings: [RuleFinding] { findings.filter(\.isActive) }

  /// The worst severity among active findings, nil when none is left.
  public var worstSeverity: Severity? { activeFindings.map(\.severity).max() }

  public var counts: FindingCounts { FindingCounts(findings) }
}

extension RuleFinding {
  /// Neither waived nor fixed later in the series: the finding still asks for action.
  public var isActive: Bool { waiver == nil && fixedBy == nil && !inBase }

  /// How a finding stands, for the formats that show it in words.
  var disposition: String? {
    if let waiver { return "waived: \(waiver)" }
    if let fixedBy { return "fixed by \(fixedBy)" }
    return nil
  }
}

/// How many findings of each kind a report holds.
public struct FindingCounts: Sendable, Hashable, Codable {
  public var errors = 0
  public var warnings = 0
  public var notes = 0
  /// Covered by a waiver (not counted above).
  public var waived = 0
  /// Fixed by a later patch of the series (not counted above).
  public var fixed = 0
  /// Already in the base the series applies to (not counted above).
  public var inBase = 0

  public init(_ findings: [RuleFinding]) {
    for f in findings {
      if f.waiver != nil {
        waived += 1
      } else if f.fixedBy != nil {
        fixed += 1
      } else if f.inBase {
        inBase += 1
      } else {
        switch f.severity {
        case .error: errors += 1
        case .warning: warnings += 1
        case .note: notes += 1
        }
      }
    }
  }

  /// `2 errors, 1 warning, 1 waived`, or `no findings`.
  public var summary: String {
    var parts: [String] = []
    func add(_ n: Int, _ word: String, plural: String? = nil) {
      if n > 0 { parts.append("\(n) \(n == 1 ? word : plural ?? word + "s")") }
    }
    add(errors, "error")
    add(warnings, "warning")
    add(notes, "note")
    add(waived, "waived", plural: "waived")
    add(fixed, "fixed in series", plural: "fixed in series")
    add(inBase, "already in the base", plural: "already in the base")
    return parts.isEmpty ? "no findings" : parts.joined(separator: ", ")
  }
}
