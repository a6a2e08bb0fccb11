import Foundation

/// The site's content as Markdown files (GitHub-flavoured tables), for a docs folder or a wiki:
/// the same report, the same page names with `.md`.
public enum MarkdownDocs {
  public static func render(_ report: ReviewReport) -> [String: String] {
    let pages = SitePages(report: report)
    var out: [String: String] = [:]
    func md(_ html: String) -> String { html.replacingOccurrences(of: ".html", with: ".md") }
    func t(_ s: String) -> String { Escape.markdownText(s) }
    func code(_ s: String) -> String { Escape.markdownCode(s) }

    // Overview
    var index = ["# \(t(report.title))", "", "Verdict: **\(t(report.verdict))** (exit status \(report.exitStatus)). Base: \(t(report.base)).", ""]
    index += ["| version | patches | thread |", "| --- | --- | --- |"]
    for v in report.versions {
      index.append("| [\(t(v.revision))](\(md(SitePaths.version(v.page)))) | \(v.patches.count) of \(v.total) | [thread](\(md(SitePaths.thread(v.page)))) |")
    }
    index += ["", "## uAPI headers", ""]
    index += report.headers.map { "- [\(code($0.path))](\(md(SitePaths.header($0.path)))): \(t($0.overview ?? ""))" }
    if report.headers.isEmpty { index.append("The series touches no uAPI header.") }
    index += ["", "See also: [findings](findings.md), [uAPI changelog](changelog.md), [verification](verification.md), [review checklist](checklist.md)."]
    out["index.md"] = index.joined(separator: "\n") + "\n"

    for v in report.versions {
      var page = ["# \(t(report.title)) \(t(v.revision))", ""]
      if let c = v.cover {
        page += ["## Cover letter: \(t(c.title))", "", "\(t(c.author)), \(t(c.date))", "", Escape.markdownFence(c.message.map(\.text).joined(separator: "\n")), ""]
      }
      page += ["## Patches", "", "| # | title | files | findings |", "| --- | --- | --- | --- |"]
      for m in v.patches {
        page.append("| \(m.index) | [\(t(m.title))](\(md(SitePaths.mail(v.page, m.index)))) | \(m.actualDiffstat.count) | \(pages.mailFindings(v, m).count) |")
      }
      for p in report.pairings where p.to == v.page {
        page += ["", "## Changes since \(t(p.from))", ""] + p.lines.map { "- \(t($0))" }
      }
      out[md(SitePaths.version(v.page))] = page.joined(separator: "\n") + "\n"

      var thread = ["# Thread of \(t(report.title)) \(t(v.revision))", ""]
      for m in pages.mails(v) {
        thread += ["## \(t(pages.label(v, m))) \(t(m.title))", ""]
        for r in m.replies { thread += reply(r) }
        if m.replies.isEmpty { thread += ["No replies.", ""] }
      }
      out[md(SitePaths.thread(v.page))] = thread.joined(separator: "\n") + "\n"

      for m in pages.mails(v) {
        var mail = ["# \(t(pages.label(v, m))) \(t(m.title))", "", "\(t(m.author)), \(t(m.date)); \(code(m.file))", ""]
        let findings = pages.mailFindings(v, m)
        if !findings.isEmpty {
          mail += ["## Findings", ""]
          for i in findings {
            let f = report.findings.findings[i]
            mail.append("- **\(f.severity.rawValue)[\(t(f.rule))]** \(code(pages.whereText(f))): \(t(f.message))")
          }
          mail.append("")
        }
        mail += ["## Message", "", Escape.markdownFence(m.message.map(\.text).joined(separator: "\n")), ""]
        if !m.trailers.isEmpty || !m.collected.isEmpty {
          mail += ["## Trailers", ""] + m.trailers.map { "- \(t($0.key)): \(t($0.value))" }
          mail += m.collected.map { "- \(t($0.key)): \(t($0.value)) (given in a reply by \(t($0.from ?? "")))" }
          mail.append("")
        }
        if !m.patch.isEmpty { mail += ["## Patch", "", Escape.markdownFence(m.patch.map(\.text).joined(separator: "\n"), info: "diff"), ""] }
        if !m.replies.isEmpty { mail += ["## Replies", ""] + m.replies.flatMap(reply) }
        out[md(SitePaths.mail(v.page, m.index))] = mail.joined(separator: "\n") + "\n"
      }
    }

    for h in report.headers {
      var page = ["# \(code(h.path))", "", "As \(t(h.state)) leaves it. \(t(h.overview ?? ""))", "", "## ioctls", ""]
      for i in h.ioctls {
        page += ["### \(code(i.name))", ""]
        if let d = i.doc { page += [Escape.markdownFence(d), ""] }
        page.append("- built with \(code(i.builder)), direction \(t(i.direction)), type \(t(i.type)), nr \(t(i.nr))")
        if let a = i.argument { page.append("- argument \(code(a)), size \(t(i.sizes.map { "\($0.name) \($0.value)" }.joined(separator: ", ")))") }
        page.append("- number: " + i.numbers.map { "\(t($0.name)) \(code($0.value))" }.joined(separator: ", "))
        if !i.opcodes.isEmpty {
          page += ["", "| opcode | value | arguments in |", "| --- | --- | --- |"]
          page += i.opcodes.map { "| \(code($0.name)) | \(t($0.value)) | \($0.members.map(code).joined(separator: " ")) |" }
        }
        if !i.behaviour.isEmpty { page += ["", "Verified behaviour:"] + i.behaviour.map { "- \(t($0))" } }
        page.append("")
      }
      page += ["## Types", ""]
      for ty in h.types {
        page += ["### \(code(ty.name))", ""]
        for l in ty.layouts {
          page += ["\(t(l.abi)): \(l.size) bytes, aligned to \(l.alignment)\(l.padding > 0 ? ", \(l.padding) bytes of padding" : "")", ""]
          page += ["| offset | size | member | type |", "| --- | --- | --- | --- |"]
          page += l.rows.map { r in
            "| \(r.offset) | \(r.size) | \(String(repeating: "· ", count: r.depth))\(r.isHole ? "*hole*" : code(r.name)) | \(r.isHole ? t(r.type) : code(r.type)) |"
          }
          page.append("")
        }
      }
      page += ["## Constants", "", "| name | value | doc |", "| --- | --- | --- |"]
      page += h.constants.map { "| \(code($0.name)) | \($0.value.map(t) ?? code($0.body)) | \(t($0.doc ?? "")) |" }
      out[md(SitePaths.header(h.path))] = page.joined(separator: "\n") + "\n"
    }

    var changelog = ["# uAPI changelog", ""]
    var lastStep = ""
    for e in report.changelog {
      if e.step != lastStep { changelog += ["", "## \(t(e.step))", ""]; lastStep = e.step }
      changelog.append("- \(code(e.path)): \(t(e.change))")
    }
    if report.changelog.isEmpty { changelog.append("No uAPI change could be computed.") }
    out["changelog.md"] = changelog.joined(separator: "\n") + "\n"

    out["verification.md"] = verification(report.verification)
    out["checklist.md"] = ChecklistText.markdown(report)
    var findings = ["# Findings", ""]
    for (i, f) in report.findings.findings.enumerated() {
      findings.append("\(i + 1). **\(f.severity.rawValue)[\(t(f.rule))]** \(code(pages.whereText(f))): \(t(f.message))" + (pages.attribution(f).map { " (\(t($0)))" } ?? ""))
    }
    out["findings.md"] = findings.joined(separator: "\n") + "\n"
    return out
  }

  static func reply(_ r: ReplyReport) -> [String] {
    var out = ["### \(Escape.markdownText(r.author)), \(Escape.markdownText(r.date))", ""]
    for b in r.blocks {
      // Quoted text stays quoted, one level per depth, as it would in a mail client.
      out += b.text.split(separator: "\n", omittingEmptySubsequences: false).map { b.quoted ? "> " + Escape.markdownText(String($0)) : Escape.markdownText(String($0)) + "  " }
      out.append("")
    }
    return out
  }

  static func verification(_ v: VerificationSection) -> String {
    var out = ["# Verification against the reference driver", ""]
    guard v.applicable else { return (out + ["Not run: \(Escape.markdownText(v.why))"]).joined(separator: "\n") + "\n" }
    out += ["Header \(Escape.markdownCode(v.header ?? "")): **\(v.passed ? "verified" : "verification failed")**, \(v.layoutsChecked) layout entries compared.", ""]
    out += v.findings.map { "- \(Escape.markdownText($0))" }
    out += ["", "## Lifetime model checker", ""]
    for l in v.lifetime {
      out += ["### policy \(Escape.markdownCode(l.policy))", "", Escape.markdownText(l.result), ""]
      out += l.steps.enumerated().map { "\($0 + 1). \(Escape.markdownText($1))" }
      if !l.exfiltration.isEmpty { out += ["", "Continued to the data leak:", ""] + l.exfiltration.enumerated().map { "\($0 + 1). \(Escape.markdownText($1))" } }
      out.append("")
    }
    out += ["## Conformance scenarios", ""]
    out += v.scenarios.map { "- \($0.passed ? "pass" : "**FAIL**"): \(Escape.markdownText($0.title))" }
    return out.joined(separator: "\n") + "\n"
  }
}

extension Escape {
  /// Inline code that its content cannot close.
  public static func markdownCode(_ text: String) -> String {
    let flat = text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : String($0) }.joined()
    var longest = 0
    var run = 0
    for s in flat.unicodeScalars {
      run = s == "`" ? run + 1 : 0
      longest = max(longest, run)
    }
    let fence = String(repeating: "`", count: longest + 1)
    let pad = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
    // A pipe would end a table cell even inside code.
    return fence + pad + flat.replacingOccurrences(of: "|", with: "\\|") + pad + fence
  }
}
