public import Diagnostics

/// The view each template is rendered with, built from the report. Templates only print what
/// they are given; links, counts and highlighted code are computed here.
struct SitePages {
  let report: ReviewReport

  typealias View = [String: Any]

  var newest: VersionReport? { report.versions.last }

  // MARK: Shared pieces

  func nav(current: String) -> [View] {
    var items: [(String, String)] = [("Overview", SitePaths.index)]
    if let v = newest { items.append((v.revision, SitePaths.version(v.page))) }
    items += [("Findings", SitePaths.findings), ("Changelog", SitePaths.changelog), ("Verification", SitePaths.verification), ("Checklist", SitePaths.checklist)]
    return items.map { label, href in ["label": label, "href": href, "current": href == current] }
  }

  func severityName(_ f: RuleFinding) -> String { f.severity.rawValue }

  func rank(_ s: Severity) -> Int { s == .error ? 2 : s == .warning ? 1 : 0 }

  func whereText(_ f: RuleFinding) -> String {
    guard let l = f.location else { return "(no location)" }
    return "\(lastComponent(l.file)):\(l.line):\(l.column)"
  }

  /// `memory.c:1234 (0002-exporter.eml:523:5)` for a finding on a diff line, else `whereText`.
  func whereText(_ index: Int) -> String {
    let f = report.findings.findings[index]
    guard let inFile = report.fileLocation(index) else { return whereText(f) }
    return "\(inFile) (\(whereText(f)))"
  }

  func attribution(_ f: RuleFinding) -> String? {
    var parts: [String] = []
    if let by = f.introducedBy { parts.append("introduced by \(by)") }
    if let by = f.fixedBy { parts.append("fixed by \(by)") }
    if f.inBase { parts.append("already in the base") }
    if let w = f.waiver { parts.append("waived: \(w)") }
    return parts.isEmpty ? nil : parts.joined(separator: "; ")
  }

  func findingView(_ index: Int, href: String? = nil) -> View {
    let f = report.findings.findings[index]
    var v: View = [
      "anchor": SitePaths.findingAnchor(index), "severity": severityName(f), "rule": f.rule, "message": f.message,
      "where": whereText(index), "href": href ?? report.findingHref(index),
    ]
    if let a = attribution(f) { v["attribution"] = a }
    if let e = f.excerpt { v["excerpt"] = e }
    if let h = f.help { v["help"] = h }
    return v
  }

  /// Findings of the newest version that still stand.
  var standing: [Int] {
    report.findings.findings.indices.filter { report.findings.findings[$0].isActive }
  }

  // MARK: Pages

  func index() -> View {
    var counts: [String: Int] = [:]
    for i in standing { counts[report.findings.findings[i].severity.rawValue, default: 0] += 1 }
    let order: [(String, String)] = [("error", "error"), ("warning", "warning"), ("note", "note")]
    let verdictClass = report.verdict == "clean" ? "clean" : (report.exitStatus & (8 | 16 | 32 | 1)) != 0 ? "fail" : "review"
    let machine = report.checklist.machine
    var view: View = [
      "title": report.title, "verdict": report.verdict, "verdictClass": verdictClass, "exitStatus": Int(report.exitStatus),
      "base": report.base,
      "counts": order.compactMap { key, label in counts[key].map { ["severity": key, "count": $0, "label": $0 == 1 ? label : label + "s"] as View } },
      "verificationSummary": verificationSummary,
      "checklistSummary": "\(machine.filter { $0.status == .fail }.count) rules fail, \(machine.filter { $0.status == .pass }.count) pass; \(report.checklist.human.count) questions for the reviewer",
      "versions": report.versions.map { v -> View in
        var row: View = [
          "revision": v.revision, "href": SitePaths.version(v.page), "threadHref": SitePaths.thread(v.page),
          "flags": v.flags, "patchCount": v.patches.count, "total": v.total,
          "findingCount": findingCount(v), "replyText": replyText((([v.cover].compactMap { $0 }) + v.patches).reduce(0) { $0 + $1.replies.count }),
        ]
        row["revision"] = v.revision
        return row
      },
      "headers": report.headers.map { ["path": $0.path, "href": SitePaths.header($0.path), "overview": $0.overview ?? ""] as View },
      "changelogCount": report.changelog.count,
      "diagnostics": report.diagnostics, "hasDiagnostics": !report.diagnostics.isEmpty,
    ]
    if let v = newest {
      view["newest"] = [
        "revision": v.revision,
        "mails": mails(v).map { m -> View in
          var row: View = ["href": SitePaths.mail(v.page, m.index), "label": label(v, m), "title": m.title, "author": m.author]
          let found = mailFindings(v, m)
          if !found.isEmpty {
            row["findingText"] = "\(found.count) finding\(found.count == 1 ? "" : "s")"
            let worst = found.map { report.findings.findings[$0].severity }.max { rank($0) < rank($1) }
            row["findingSeverity"] = worst?.rawValue ?? "note"
          }
          return row
        },
      ] as View
    }
    return view
  }

  var verificationSummary: String {
    let v = report.verification
    guard v.applicable else { return "not run" }
    let passed = v.scenarios.filter(\.passed).count
    return "\(v.passed ? "verified" : "failed"): \(passed) of \(v.scenarios.count) scenarios, lifetime checker under \(v.lifetime.map(\.policy).joined(separator: ", "))"
  }

  func replyText(_ n: Int) -> String { n == 1 ? "1 reply" : "\(n) replies" }

  func mails(_ v: VersionReport) -> [MailReport] { [v.cover].compactMap { $0 } + v.patches }

  func label(_ v: VersionReport, _ m: MailReport) -> String { "[\(v.revision) \(m.index)/\(v.total)]" }

  /// Findings shown on the version's mail pages. Not by file (the versions of an mbox share
  /// one), nor by revision (an RFC v1 and a v1 share that).
  func findingCount(_ v: VersionReport) -> Int { Set(mails(v).flatMap { mailFindings(v, $0) }).count }

  /// Findings located in this mail of version `v`, or introduced by it (another version's
  /// patch of the same number is another mail).
  func mailFindings(_ v: VersionReport, _ m: MailReport) -> [Int] {
    var out = m.patch.flatMap(\.findings)
    let label = "\(v.revision) \(m.index)/\(v.total)"
    let all = report.findings.findings
    for i in all.indices where !out.contains(i) && all[i].introducedBy == label { out.append(i) }
    return out.sorted()
  }

  func version(_ v: VersionReport) -> View {
    let changes = report.changelog.filter { $0.step.hasPrefix(v.revision + " ") || $0.step.hasSuffix("→ " + v.revision) }
    var view: View = [
      "title": report.title, "revision": v.revision, "flags": v.flags, "patchCount": v.patches.count, "total": v.total,
      "threadHref": SitePaths.thread(v.page),
      "patches": v.patches.map { m -> View in
        let claimed = m.claimedDiffstat.reduce(0) { $0 + $1.changes }
        let actual = m.actualDiffstat.reduce(0) { $0 + $1.changes }
        var row: View = [
          "index": m.index, "href": SitePaths.mail(v.page, m.index), "title": m.title, "fileCount": m.actualDiffstat.count,
          "claimed": m.claimedDiffstat.isEmpty ? "—" : "\(claimed) lines", "actual": "\(actual) lines (+\(m.actualDiffstat.reduce(0) { $0 + ($1.added ?? 0) }) −\(m.actualDiffstat.reduce(0) { $0 + ($1.removed ?? 0) }))",
          "statMismatch": !m.claimedDiffstat.isEmpty && claimed != actual,
          "trailerCount": m.trailers.count, "findingCount": mailFindings(v, m).count,
        ]
        if !m.collected.isEmpty { row["collectedCount"] = m.collected.count }
        return row
      },
      "application": v.application, "hasApplication": !v.application.isEmpty,
      "pairings": report.pairings.filter { $0.to == v.page }.map { ["from": $0.from, "lines": $0.lines] as View },
      "changelog": changes.map { ["step": $0.step, "path": $0.path, "change": $0.change, "changeHTML": HTML.inlineCode($0.change)] as View },
      "hasChangelog": !changes.isEmpty,
    ]
    if !v.missing.isEmpty { view["missing"] = v.missing.map(String.init).joined(separator: ", ") }
    if let b = v.baseCommit { view["baseCommit"] = b }
    if let c = v.cover {
      view["cover"] = ["href": SitePaths.mail(v.page, 0), "title": c.title, "author": c.author, "date": c.date, "message": c.message.map { ["text": $0.text] as View }] as View
    }
    return view
  }

  func mail(_ v: VersionReport, _ m: MailReport) -> View {
    let list = mails(v)
    let position = list.firstIndex { $0.index == m.index } ?? 0
    let findings = mailFindings(v, m)
    var stat: [View] = []
    let claimed = Dictionary(m.claimedDiffstat.map { ($0.path, $0.changes) }, uniquingKeysWith: { a, _ in a })
    for row in m.actualDiffstat {
      stat.append(["path": row.path, "claimed": claimed[row.path].map { "\($0)" } ?? "—", "actual": "\(row.changes) (+\(row.added ?? 0) −\(row.removed ?? 0))"])
    }
    for row in m.claimedDiffstat where !m.actualDiffstat.contains(where: { $0.path == row.path || row.path.hasPrefix("...") }) {
      stat.append(["path": row.path, "claimed": "\(row.changes)", "actual": "—"])
    }
    var view: View = [
      "label": label(v, m), "title": m.title, "author": m.author, "email": m.email, "date": m.date, "file": m.file,
      "messageID": m.messageID, "revision": v.revision, "versionHref": SitePaths.version(v.page),
      "findings": findings.map { i -> View in
        // A line of this mail has an anchor here; a header line is on the header's page.
        let lines = Set(m.message.compactMap(\.line) + m.patch.compactMap(\.line))
        if let loc = report.findings.findings[i].location, loc.file == m.file, lines.contains(loc.line) {
          return findingView(i, href: "#" + SitePaths.lineAnchor(loc.line))
        }
        // Listed here and shown nowhere else: its details are on the findings page.
        let href = report.findingHref(i)
        return findingView(i, href: href.hasPrefix(SitePaths.mail(v.page, m.index) + "#") ? SitePaths.findings + "#" + SitePaths.findingAnchor(i) : href)
      },
      "hasFindings": !findings.isEmpty,
      "message": m.message.map { l -> View in
        var row: View = ["text": l.text]
        if let n = l.line { row["line"] = n }
        return row
      },
      "trailers": m.trailers.map { ["key": $0.key, "value": $0.value] as View },
      "collected": m.collected.map { ["key": $0.key, "value": $0.value, "from": $0.from ?? ""] as View },
      "hasTrailers": !m.trailers.isEmpty || !m.collected.isEmpty,
      "stat": stat, "hasStat": !stat.isEmpty,
      "patch": m.patch.indices.map { k in
        // A quote of several lines is pointed at once, after its last line.
        let sameNext = k + 1 < m.patch.count && m.patch[k + 1].quotedBy == m.patch[k].quotedBy
        return patchLine(m.patch[k], replies: m.replies, showQuotes: !sameNext)
      },
      "hasPatch": !m.patch.isEmpty,
      "replies": m.replies.enumerated().map { reply($1, index: $0) }, "hasReplies": !m.replies.isEmpty,
    ]
    if let lore = SitePaths.lore(m.messageID) { view["loreHref"] = lore }
    if position > 0 { view["prevHref"] = SitePaths.mail(v.page, list[position - 1].index) }
    if position + 1 < list.count { view["nextHref"] = SitePaths.mail(v.page, list[position + 1].index) }
    return view
  }

  func patchLine(_ l: PatchLine, replies: [ReplyReport], showQuotes: Bool = true) -> View {
    let html: String
    let isCode = l.kind == .added || l.kind == .removed || l.kind == .context
    if isCode && CHighlighter.isC(l.path) {
      let marker = l.text.first.map(String.init) ?? ""
      html = CHighlighter.html(String(l.text.dropFirst(marker.isEmpty ? 0 : 1)), marker: marker)
    } else {
      html = HTML.escape(l.text)
    }
    var view: View = [
      "kind": l.kind.rawValue, "html": html.isEmpty ? " " : html,
      "lineFindings": l.findings.map { i -> View in
        let f = report.findings.findings[i]
        return ["anchor": SitePaths.findingAnchor(i), "severity": f.severity.rawValue, "rule": f.rule, "message": f.message]
      },
      "quotes": (showQuotes ? l.quotedBy : []).map { r in ["anchor": SitePaths.replyAnchor(r), "author": replies.indices.contains(r) ? replies[r].author : "a reply"] as View },
    ]
    if let n = l.line { view["line"] = n }
    if let n = l.fileLine { view["fileLine"] = n }
    return view
  }

  /// `prefix` keeps anchors unique on the thread page, where every mail's replies meet.
  func reply(_ r: ReplyReport, index: Int, prefix: String = "") -> View {
    [
      "anchor": prefix + SitePaths.replyAnchor(index), "author": r.author, "date": r.date, "subject": r.subject, "file": r.file,
      "depth": min(r.depth, 8),
      "blocks": r.blocks.map { b -> View in
        let n = b.text.split(separator: "\n", omittingEmptySubsequences: false).count
        return ["quoted": b.quoted, "text": b.text, "line": b.line, "lineCount": n, "plural": n == 1 ? "" : "s"]
      },
    ]
  }

  func thread(_ v: VersionReport) -> View {
    [
      "title": report.title, "revision": v.revision,
      "mails": mails(v).map { m -> View in
        [
          "href": SitePaths.mail(v.page, m.index), "label": label(v, m), "title": m.title, "author": m.author, "date": m.date,
          "replies": m.replies.enumerated().map { reply($1, index: $0, prefix: "m\(m.index)-") },
        ]
      },
    ]
  }

  func header(_ h: HeaderReport) -> View {
    let anchors = DeclAnchors(h)
    return [
      "path": h.path, "state": h.state, "overview": h.overview ?? "", "fragmentsOnly": h.fragmentsOnly,
      "additions": h.additions.map { a -> View in
        var v = patchLine(a.line, replies: [])
        v["patch"] = a.patch
        v["href"] = a.page + (a.line.line.map { "#" + SitePaths.lineAnchor($0) } ?? "")
        return v
      },
      "hasAdditions": !h.additions.isEmpty,
      "ioctls": h.ioctls.enumerated().map { n, i -> View in
        var v: View = [
          "anchor": anchors.ioctls[n], "name": i.name, "line": i.line, "builder": i.builder, "direction": i.direction,
          "type": i.type, "nr": i.nr, "sizesText": i.sizes.map { "\($0.name) \($0.value)" }.joined(separator: ", "),
          // One row when every encoding family gives the same number (the common case).
          "numbers": Set(i.numbers.map(\.value)).count == 1 && i.numbers.count > 1
            ? [["name": "every encoding (" + i.numbers.map(\.name).joined(separator: ", ") + ")", "value": i.numbers[0].value] as View]
            : i.numbers.map { ["name": $0.name, "value": $0.value] as View },
          "opcodes": i.opcodes.map { ["name": $0.name, "value": $0.value, "members": $0.members, "doc": $0.doc ?? ""] as View },
          "hasOpcodes": !i.opcodes.isEmpty, "behaviour": i.behaviour, "hasBehaviour": !i.behaviour.isEmpty,
        ]
        if let d = i.doc { v["doc"] = d }
        if let a = i.argument {
          v["argument"] = a
          let name = a.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
          if let t = h.types.firstIndex(where: { $0.name == name }) { v["argumentHref"] = "#" + anchors.types[t] }
        }
        return v
      },
      "types": h.types.enumerated().map { n, t -> View in
        var v: View = [
          "anchor": anchors.types[n], "name": t.name, "line": t.line,
          "layouts": t.layouts.enumerated().map { k, l -> View in
            var lv: View = [
              "abi": l.abi, "size": l.size, "alignment": l.alignment,
              "svg": ByteMapSVG.svg(l, id: anchors.types[n] + "-\(k)"),
              "rows": l.rows.map { r -> View in
                var rv: View = ["offset": r.offset, "size": r.size, "name": r.name, "type": r.type, "indent": Double(r.depth) * 1.2 + 0.5, "isHole": r.isHole]
                if let b = r.bitWidth { rv["bitWidth"] = b }
                return rv
              },
            ]
            if l.padding > 0 { lv["padding"] = l.padding }
            if let note = l.alignmentNote { lv["alignmentNote"] = note }
            return lv
          },
        ]
        if let d = t.doc { v["doc"] = d }
        return v
      },
      "constants": h.constants.enumerated().map { n, c -> View in
        var v: View = ["anchor": anchors.constants[n], "name": c.name, "body": c.body, "group": c.group ?? "", "doc": c.doc ?? ""]
        if let value = c.value { v["value"] = value }
        return v
      },
      "enums": h.enums.enumerated().map { n, e -> View in
        var v: View = ["anchor": anchors.enums[n], "name": e.name, "values": e.values.map { ["name": $0.name, "value": $0.value] as View }]
        if let d = e.doc { v["doc"] = d }
        return v
      },
    ]
  }

  func changelog() -> View {
    var steps: [(String, [ChangelogEntry])] = []
    for e in report.changelog {
      if let k = steps.firstIndex(where: { $0.0 == e.step }) { steps[k].1.append(e) } else { steps.append((e.step, [e])) }
    }
    return [
      "fragmentMode": report.fragmentMode,
      "fragmentHeaders": report.headers.filter { !$0.additions.isEmpty }.map { ["path": $0.path, "href": SitePaths.header($0.path) + "#additions"] as View },
      "steps": steps.map { step, entries -> View in
        [
          "step": step,
          "entries": entries.map { e -> View in
            [
              "path": e.path, "change": e.change, "changeHTML": HTML.inlineCode(e.change),
              "href": report.headers.contains { $0.path == e.path } ? SitePaths.header(e.path) : SitePaths.changelog,
            ]
          },
        ]
      },
    ]
  }

  func verification() -> View {
    let v = report.verification
    var view: View = ["applicable": v.applicable, "why": v.why, "hasLifetime": !v.lifetime.isEmpty]
    view["lifetime"] = v.lifetime.map { l -> View in
      [
        "anchor": "policy-" + SitePaths.slug(l.policy), "policy": l.policy, "result": l.result, "broken": l.broken,
        "steps": l.steps, "hasSteps": !l.steps.isEmpty, "exfiltration": l.exfiltration, "hasExfiltration": !l.exfiltration.isEmpty,
      ]
    }
    guard v.applicable else { return view }
    view["header"] = v.header ?? ""
    view["result"] = v.passed ? "verified" : "verification failed"
    view["layoutsChecked"] = v.layoutsChecked
    view["findings"] = v.findings
    view["hasFindings"] = !v.findings.isEmpty
    view["scenarios"] = v.scenarios.map { ["title": $0.title, "rules": $0.rules, "passed": $0.passed, "steps": $0.steps] as View }
    return view
  }

  func checklist() -> View {
    let m = report.checklist.machine
    return [
      "passCount": m.filter { $0.status == .pass }.count, "failCount": m.filter { $0.status == .fail }.count,
      "naCount": m.filter { $0.status == .notApplicable }.count,
      "human": report.checklist.human.map { h -> View in
        ["id": h.id, "anchor": SitePaths.slug(h.id), "title": h.title, "question": h.question, "citation": h.citation, "evidence": h.evidence.map(evidence)]
      },
      // Failing rules first, then passing; those that do not apply are folded away below.
      "machine": (m.filter { $0.status == .fail } + m.filter { $0.status == .pass }).map(machineItem),
      "notApplicable": m.filter { $0.status == .notApplicable }.map(machineItem),
      "hasNotApplicable": m.contains { $0.status == .notApplicable },
    ]
  }

  func machineItem(_ i: MachineItem) -> View {
    [
      "rule": i.rule, "anchor": "rule-" + SitePaths.slug(i.rule), "title": i.title, "status": i.status.rawValue,
      "statusClass": i.status == .notApplicable ? "na" : i.status.rawValue, "evidence": i.evidence.map(evidence),
    ]
  }

  func evidence(_ e: Evidence) -> View {
    var v: View = ["text": e.text]
    // Links are the builder's own page names; anything else is shown as text.
    if let l = e.link, SitePaths.isPageLink(l) { v["link"] = l }
    return v
  }

  func findings() -> View {
    let all = report.findings.findings
    let active = standing.count
    var summary = "\(all.count) finding\(all.count == 1 ? "" : "s")"
    if active < all.count { summary += ", \(active) standing in the newest version (the others are fixed, waived, superseded or already in the base)" }
    // Errors first, then warnings, then notes; in each, in the order the inputs have them.
    let order = all.indices.sorted { a, b in
      let (x, y) = (rank(all[a].severity), rank(all[b].severity))
      return x != y ? x > y : a < b
    }
    return ["summary": summary + ".", "findings": order.map { findingView($0) }]
  }
}

/// `0002-exporter.eml` of `corpus/habanalabs-v6/0002-exporter.eml`.
public func lastComponent(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }

extension SitePaths {
  /// A page name of this site, optionally with an anchor: nothing else becomes an `href`.
  public static func isPageLink(_ link: String) -> Bool {
    let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
    guard let page = parts.first, page.hasSuffix(".html"), !page.hasPrefix("-") || page.count > 5 else { return false }
    let allowed: (Character) -> Bool = { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }
    return page.allSatisfy(allowed) && !page.contains("..") && (parts.count == 1 || parts[1].allSatisfy(allowed))
  }
}
