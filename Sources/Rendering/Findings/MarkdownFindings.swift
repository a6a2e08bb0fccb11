import Diagnostics

/// `--format markdown`: a summary for a pull-request comment, a CI job page or a mail: a table of
/// counts by severity, a table by rule, then the findings grouped by file with fenced excerpts.
///
/// Everything quoted from input goes through `Escape.markdownInline` (no raw HTML, no links or
/// emphasis, no table breaks) or into a fence longer than any backtick run in it.
public enum MarkdownFindings {
  public static func render(_ report: FindingReport) -> String {
    let counts = report.counts
    var out = "## \(Escape.markdownInline(report.tool)): \(Escape.markdownInline(report.subject))\n\n"
    out += "**\(Escape.markdownInline(counts.summary))**"
    if let url = report.url {
      // Only web links become links; anything else (a `javascript:` URL) stays inert text.
      let web = url.lowercased().hasPrefix("https://") || url.lowercased().hasPrefix("http://")
      out += " · full report: " + (web ? "<\(angleURL(url))>" : Escape.markdownInline(url))
    }
    out += "\n\n"
    out += "| Severity | Count |\n|---|---:|\n"
    out += "| error | \(counts.errors) |\n| warning | \(counts.warnings) |\n| note | \(counts.notes) |\n"
    out += "| waived | \(counts.waived) |\n| fixed in series | \(counts.fixed) |\n\n"

    let ordered = report.orderedFindings
    out += "| Rule | Title | Errors | Warnings | Notes | Waived | Fixed |\n|---|---|---:|---:|---:|---:|---:|\n"
    for rule in report.allRules {
      let c = FindingCounts(ordered.filter { $0.rule == rule.id })
      out +=
        "| \(Escape.markdownInline(rule.id)) | \(Escape.markdownInline(rule.title)) | \(c.errors) | \(c.warnings)"
        + " | \(c.notes) | \(c.waived) | \(c.fixed) |\n"
    }

    // Group by file, in the order files first appear; findings without a location come last.
    var files: [String] = []
    var byFile: [String: [RuleFinding]] = [:]
    var unplaced: [RuleFinding] = []
    for finding in ordered {
      guard let file = finding.location?.file else {
        unplaced.append(finding)
        continue
      }
      if byFile[file] == nil { files.append(file) }
      byFile[file, default: []].append(finding)
    }
    for file in files {
      out += "\n### \(Escape.markdownInline(file))\n\n"
      out += (byFile[file] ?? []).map(item).joined(separator: "\n")
    }
    if !unplaced.isEmpty {
      out += "\n### \(Escape.markdownInline(report.subject))\n\n"
      out += unplaced.map(item).joined(separator: "\n")
    }
    return out
  }

  /// One finding as a list item: severity, rule, line, message, then indented notes and excerpt.
  static func item(_ finding: RuleFinding) -> String {
    var head = "- **\(finding.severity.rawValue)** \(Escape.markdownInline(finding.rule))"
    if let location = finding.location {
      head += " line \(location.line):\(location.column)"
    }
    if let disposition = finding.disposition {
      head += " (\(Escape.markdownInline(disposition)))"
    }
    head += ": " + Escape.markdownInline(finding.message)
    var lines = [head]
    if let help = finding.help { lines.append("  - help: " + Escape.markdownInline(help)) }
    for fact in finding.evidence { lines.append("  - evidence: " + Escape.markdownInline(fact)) }
    if let patch = finding.introducedBy { lines.append("  - introduced by " + Escape.markdownInline(patch)) }
    var text = lines.joined(separator: "\n") + "\n"
    if let excerpt = finding.excerpt {
      let fenced = Escape.markdownFence(excerpt, info: "c")
      text +=
        "\n"
        + fenced.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(
          separator: "\n") + "\n"
    }
    return text
  }

  /// A URL inside `<…>` (a CommonMark autolink) cannot hold spaces, `<` or `>`: percent-encode
  /// them and drop control characters, so the link cannot end early.
  static func angleURL(_ url: String) -> String {
    var out = ""
    for s in url.unicodeScalars {
      switch s {
      case " ": out += "%20"
      case "<": out += "%3C"
      case ">": out += "%3E"
      default:
        if s.value >= 0x20 && s.value != 0x7F { out.unicodeScalars.append(s) }
      }
    }
    return out
  }
}
