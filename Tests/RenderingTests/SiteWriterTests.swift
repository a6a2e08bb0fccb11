import Diagnostics
import Foundation
@testable import Rendering
import Testing

/// A report whose every text field carries markup, script and path tricks.
enum HostileReport {
  static let payloads = [
    "<script>window.__uapi_pwned=1</script>", "\"><img src=x onerror=window.__uapi_pwned=1>", "<svg onload=alert(1)>",
    "javascript:alert(1)", "{{{triple}}}", "</textarea><script>", "' onmouseover='alert(1)",
  ]
  static var all: String { payloads.joined(separator: " ") }

  static func make() -> ReviewReport {
    let p = all
    let finding = RuleFinding(
      rule: "U8<x>", severity: .error, message: "bad \(p)", location: SourceLocation(file: "../../etc/passwd \(p)", line: 3, column: 1),
      excerpt: p, help: p, introducedBy: "v2 1/1 \(p)")
    let mail = MailReport(
      index: 1, title: "title \(p)", subject: "[PATCH] \(p)", author: "A \(p)", email: "a@\(p)", date: p, messageID: p,
      file: "../../etc/passwd", message: [NumberedLine(line: 1, text: p)],
      patch: [
        PatchLine(line: 2, kind: .fileHeader, text: "diff --git a/\(p) b/\(p)", path: p),
        PatchLine(line: 3, kind: .added, text: "+\(p) /* \(p) */ \"\(p)\"", path: "x.h", findings: [0], quotedBy: [0]),
      ],
      claimedDiffstat: [DiffstatRow(path: p, changes: 1)], actualDiffstat: [DiffstatRow(path: p, changes: 1, added: 1, removed: 0)],
      trailers: [TrailerRow(key: "Reviewed-by", value: p)], collected: [TrailerRow(key: "Acked-by", value: p, from: p)],
      replies: [ReplyReport(author: p, date: p, subject: p, messageID: p, depth: 1, file: p, blocks: [ReplyBlockReport(quoted: true, line: 1, text: p), ReplyBlockReport(quoted: false, line: 2, text: p)])])
    let layout = LayoutReport(
      abi: p, size: 8, alignment: 4,
      rows: [LayoutRow(offset: 0, size: 4, name: p, type: p, depth: 0, isHole: false, inUnion: false), LayoutRow(offset: 4, size: 4, name: "", type: "hole", depth: 0, isHole: true, inUnion: false)],
      padding: 4)
    let header = HeaderReport(
      path: "include/uapi/\(p).h", state: p, fragmentsOnly: true, overview: p,
      ioctls: [
        IoctlReport(
          name: p, line: 1, builder: p, direction: p, type: p, nr: p, argument: p, numbers: [NamedValue(name: p, value: p)],
          sizes: [NamedValue(name: p, value: p)], doc: p, opcodes: [OpcodeReport(name: p, value: p, members: [p], doc: p)], behaviour: [p])
      ],
      constants: [ConstantReport(name: p, line: 1, body: p, value: p, doc: p, group: p)],
      types: [TypeReport(name: p, line: 1, doc: p, layouts: [layout], sameOnAllABIs: true)],
      enums: [EnumReport(name: p, line: 1, doc: p, values: [NamedValue(name: p, value: p)])])
    return ReviewReport(
      title: "series \(p)", generator: "uapi-review test", base: p, fragmentMode: true, verdict: p, exitStatus: 16,
      findings: FindingReport(version: "t", subject: p, findings: [finding], rules: []),
      versions: [VersionReport(revision: "v2 \(p)", flags: [p], total: 1, cover: nil, patches: [mail], missing: [], baseCommit: p, application: [p])],
      pairings: [PairingReport(from: p, to: "v2 \(p)", lines: [p])], headers: [header],
      changelog: [ChangelogEntry(step: p, path: "include/uapi/\(p).h", change: p)],
      verification: VerificationSection(
        applicable: true, why: p, header: p, passed: false, layoutsChecked: 1, findings: [p], scenarios: [ScenarioReport(title: p, rules: [p], passed: false, steps: [p])],
        lifetime: [LifetimeReport(policy: p, result: p, broken: true, states: 1, depth: 1, steps: [p], exfiltration: [p])]),
      checklist: ChecklistReport(
        machine: [MachineItem(rule: p, title: p, status: .fail, evidence: [Evidence(p, link: "javascript:alert(1)")])],
        human: [HumanItem(id: "C12", title: p, question: p, citation: p, evidence: [Evidence(p, link: "https://evil.example/\(p)"), Evidence(p, link: "v2.html#L1")])]),
      diagnostics: [p])
  }
}

@Suite struct SiteWriterTests {
  @Test func hostileTextIsNeverMarkup() throws {
    let files = try SiteWriter().render(HostileReport.make())
    #expect(files.keys.allSatisfy(SitePaths.isPlainFileName))
    for (name, text) in files where name.hasSuffix(".html") {
      // The only scripts are the site's own two files.
      let scripts = text.components(separatedBy: "<script").count - 1
      #expect(scripts == 2, "\(name) has \(scripts) script tags")
      #expect(!text.contains("<img"), "\(name)")
      #expect(!text.contains("<svg onload"), "\(name)")
      #expect(!text.contains("</textarea>"), "\(name)")
      // No tag carries an event handler.
      for tag in tags(in: text) {
        #expect(tag.range(of: #"\son[a-z]+\s*="#, options: .regularExpression) == nil, "\(name): \(tag)")
      }
      // Every link is a page of the site, an anchor, the stylesheet, or a message on lore with
      // its id percent-encoded.
      for href in attributeValues("href", in: text) {
        let lore = href.hasPrefix("https://lore.kernel.org/r/")
          && href.dropFirst("https://lore.kernel.org/r/".count).allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-._~@%".contains($0)) }
        #expect(href.hasPrefix("#") || href == "style.css" || SitePaths.isPageLink(href) || lore, "\(name): href \(href)")
      }
      // Attribute values are escaped: no raw quote can end one early.
      #expect(!text.contains("' onmouseover='"), "\(name)")
      #expect(!text.contains("https://evil.example"), "\(name)")
    }
    // The search index is data, and cannot close its script.
    let index = try #require(files["search-index.js"])
    #expect(!index.contains("<") && !index.contains(">"))
  }

  @Test func loreLinksEncodeTheMessageID() {
    #expect(SitePaths.lore("<20210912165309.98695-2-ogabbay@kernel.org>") == "https://lore.kernel.org/r/20210912165309.98695-2-ogabbay@kernel.org")
    #expect(SitePaths.lore("a\"b/../c?d#e f") == "https://lore.kernel.org/r/a%22b%2F..%2Fc%3Fd%23e%20f")
    #expect(SitePaths.lore("") == nil)
  }

  @Test func renderingIsDeterministic() throws {
    let report = HostileReport.make()
    #expect(try SiteWriter().render(report) == SiteWriter().render(report))
  }

  @Test func pageNamesCannotLeaveTheFolder() throws {
    for hostile in ["../../etc/passwd", "/tmp/x", "..", ".", "a/../../b", "\u{0}", ""] {
      let slug = SitePaths.slug(hostile)
      #expect(!slug.contains("/") && !slug.contains("..") && !slug.hasPrefix(".") && !slug.isEmpty, "\(hostile) → \(slug)")
      #expect(SitePaths.isPlainFileName(SitePaths.header(hostile)))
    }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("uapi-site-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    #expect(throws: SiteError.self) { try SiteWriter.write(["../escape.html": "x"], to: dir + "/out") }
    #expect(!FileManager.default.fileExists(atPath: dir + "/escape.html"))
    try SiteWriter.write(["index.html": "a"], to: dir + "/out")
    try SiteWriter.write(["index.html": "b"], to: dir + "/out")
    #expect(try String(contentsOfFile: dir + "/out/index.html", encoding: .utf8) == "b")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/out") == ["index.html"])
  }

  @Test func templatesCanBeReplacedByRelativePath() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("uapi-templates-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try FileManager.default.createDirectory(atPath: dir + "/pages", withIntermediateDirectories: true)
    try "<!DOCTYPE html><title>{{pageTitle}}</title>CUSTOM {{{body}}}".write(toFile: dir + "/pages/layout.mustache", atomically: true, encoding: .utf8)
    try "x".write(toFile: dir + "/pages/nosuch.mustache", atomically: true, encoding: .utf8)
    let (set, unknown) = try SiteTemplateSet.overridden(by: dir)
    #expect(unknown == ["pages/nosuch.mustache"])
    let files = try SiteWriter(templates: set).render(HostileReport.make())
    #expect(files["index.html"]?.hasPrefix("<!DOCTYPE html><title>Overview</title>CUSTOM <h1>") == true)
    // Pages not replaced are the built-in ones.
    #expect(files["style.css"] == SiteTemplateSet.builtIn.asset("style.css"))
    #expect(throws: SiteError.self) { try SiteTemplateSet.overridden(by: dir + "/missing") }
  }

  @Test func everyBuiltInTemplateParsesAndIsUsed() throws {
    let set = SiteTemplateSet.builtIn
    #expect(set.files.count == 13)
    let files = try SiteWriter().render(HostileReport.make())
    #expect(files.keys.sorted() == [
      "changelog.html", "checklist.html", "findings.html", "index.html", "search-index.js", "site.js", "style.css",
      SitePaths.header("include/uapi/\(HostileReport.all).h"), SitePaths.mail("v2 \(HostileReport.all)", 1),
      SitePaths.thread("v2 \(HostileReport.all)"), SitePaths.version("v2 \(HostileReport.all)"), "verification.html",
    ].sorted())
  }

  @Test func highlighterColoursAndEscapes() {
    let html = CHighlighter.html("struct x { __u32 a; /* <b> */ char *s = \"<i>\"; } 0x10", marker: "+")
    #expect(html.hasPrefix("+<span class=\"tok-kw\">struct</span>"))
    #expect(html.contains("<span class=\"tok-type\">__u32</span>"))
    #expect(html.contains("<span class=\"tok-com\">/* &lt;b&gt; */</span>"))
    #expect(html.contains("<span class=\"tok-str\">&quot;&lt;i&gt;&quot;</span>"))
    #expect(html.contains("<span class=\"tok-num\">0x10</span>"))
    #expect(CHighlighter.html("#define A <x>") == "<span class=\"tok-pp\">#define A &lt;x&gt;</span>")
  }

  @Test func backtickedNamesBecomeCode() {
    #expect(HTML.inlineCode("`hl_mem_out.fd`: `__u64` → `__s32`") == "<code>hl_mem_out.fd</code>: <code>__u64</code> → <code>__s32</code>")
    #expect(HTML.inlineCode("a `<b>` c `d") == "a <code>&lt;b&gt;</code> c `d")
    #expect(HTML.inlineCode("no code <i>") == "no code &lt;i&gt;")
  }

  @Test func byteMapHasABarPerRowAndHatchesHoles() {
    let layout = LayoutReport(
      abi: "x86_64", size: 16, alignment: 8,
      rows: [
        LayoutRow(offset: 0, size: 4, name: "op", type: "__u32", depth: 0, isHole: false, inUnion: false),
        LayoutRow(offset: 4, size: 4, name: "", type: "hole", depth: 0, isHole: true, inUnion: false),
        LayoutRow(offset: 8, size: 8, name: "<a&b>", type: "__u64", depth: 0, isHole: false, inUnion: false),
      ], padding: 4)
    let svg = ByteMapSVG.svg(layout, id: "t")
    #expect(svg.components(separatedBy: "<rect class=").count - 1 == 3)
    #expect(svg.contains("class=\"bm-hole\" fill=\"url(#t-hatch)\" x=\"97\""))  // 4 bytes at 24 px each, after the 1 px margin
    #expect(svg.contains("<pattern id=\"t-hatch\""))
    #expect(svg.contains("&lt;a&amp;b&gt;") && !svg.contains("<a&b>"))
  }

  /// Every start tag, `<name ...>`, as written.
  func tags(in html: String) -> [String] {
    var out: [String] = []
    var rest = html[...]
    while let open = rest.firstIndex(of: "<") {
      let after = rest[rest.index(after: open)...]
      guard let first = after.first, first.isLetter, let close = after.firstIndex(of: ">") else {
        rest = after
        continue
      }
      out.append(String(rest[open...close]))
      rest = after[after.index(after: close)...]
    }
    return out
  }

  func attributeValues(_ name: String, in html: String) -> [String] {
    var out: [String] = []
    var rest = html[...]
    while let r = rest.range(of: " \(name)=\"") {
      let after = rest[r.upperBound...]
      guard let end = after.firstIndex(of: "\"") else { break }
      out.append(String(after[..<end]))
      rest = after[end...]
    }
    return out
  }
}

/// Two versions of a one-patch series in one mbox, as a mail reader gives them.
enum TwoVersionReport {
  static func mail(_ index: Int, line: Int, findings: [Int] = []) -> MailReport {
    MailReport(
      index: index, title: "add fd", subject: "[PATCH] add fd", author: "A", email: "a@example.org", date: "d", messageID: "m",
      file: "all.mbox", message: [NumberedLine(line: line, text: "why")],
      patch: [PatchLine(line: line + 1, kind: .added, text: "+\t__u64 fd;", path: "x.h", findings: findings)],
      claimedDiffstat: [], actualDiffstat: [], trailers: [], collected: [], replies: [])
  }

  static func make() -> ReviewReport {
    // F1 is v2's, said of the mail as a whole; F2 sits on v2's patch line and names no patch.
    let findings = [
      RuleFinding(rule: "P5", severity: .note, message: "no changelog", location: SourceLocation(file: "all.mbox", line: 20, column: 1), introducedBy: "v2 1/1"),
      RuleFinding(rule: "U8", severity: .warning, message: "fd", location: SourceLocation(file: "all.mbox", line: 22, column: 1)),
    ]
    func version(_ revision: String, _ mail: MailReport) -> VersionReport {
      VersionReport(revision: revision, flags: [], total: 1, cover: nil, patches: [mail], missing: [], baseCommit: nil, application: [])
    }
    return ReviewReport(
      title: "t", generator: "g", base: "none", fragmentMode: true, verdict: "clean", exitStatus: 0,
      findings: FindingReport(version: "t", subject: "t", findings: findings, rules: []),
      versions: [version("v1", mail(1, line: 2)), version("v2", mail(1, line: 21, findings: [1]))],
      pairings: [], headers: [], changelog: [], verification: .notApplicable("none"), checklist: ChecklistReport(machine: [], human: []),
      diagnostics: [])
  }
}

@Suite struct VersionPagesTests {
  @Test func aMailListsOnlyItsOwnVersionsFindings() throws {
    let report = TwoVersionReport.make()
    let files = try SiteWriter().render(report)
    let v1 = try #require(files[SitePaths.mail("v1", 1)])
    let v2 = try #require(files[SitePaths.mail("v2", 1)])
    #expect(!v1.contains("id=\"F1\"") && !v1.contains("id=\"F2\""))
    #expect(v2.contains("id=\"F1\"") && v2.contains("id=\"F2\""))
    // Counted per version, though both versions' mails are in one file.
    let pages = SitePages(report: report)
    #expect(pages.findingCount(report.versions[0]) == 0 && pages.findingCount(report.versions[1]) == 2)
    // A finding said of a mail as a whole links to the mail that lists it.
    #expect(report.findingHref(0) == "v2-1.html#F1" && report.findingHref(1) == "v2-1.html#L22")
  }
}

@Suite struct HeaderPageTests {
  @Test func declarationsOfTheSameNameHaveAnchorsOfTheirOwn() throws {
    // Two anonymous enums, and a macro defined in both branches of an #if.
    let header = HeaderReport(
      path: "include/uapi/linux/t.h", state: "v1 1/1", fragmentsOnly: false, overview: nil, ioctls: [],
      constants: [
        ConstantReport(name: "T_X", line: 3, body: "1", value: "1", doc: nil, group: nil),
        ConstantReport(name: "T_X", line: 5, body: "2", value: "2", doc: nil, group: nil),
      ],
      types: [],
      enums: [
        EnumReport(name: "enum (anonymous)", line: 8, doc: nil, values: [NamedValue(name: "T_A", value: "1")]),
        EnumReport(name: "enum (anonymous)", line: 11, doc: nil, values: [NamedValue(name: "T_B", value: "2")]),
      ])
    var report = TwoVersionReport.make()
    report.headers = [header]
    let files = try SiteWriter().render(report)
    let page = try #require(files[SitePaths.header(header.path)])
    let ids = page.components(separatedBy: " id=\"").dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) }
    #expect(Set(ids).count == ids.count, "\(ids)")
    // The search finds each at its own place.
    let links = SearchIndex.entries(report).filter { $0.k == "enum" || $0.k == "constant" }.map(\.u)
    #expect(Set(links).count == 4 && links.allSatisfy { ids.contains(String($0.split(separator: "#")[1])) })
  }
}

@Suite struct ChecklistTextTests {
  @Test func linesFitAReplyMail() {
    for text in [ChecklistText.text(HostileReport.make()), ChecklistText.markdown(HostileReport.make())] {
      for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        #expect(line.count <= 72, "\(line)")
        #expect(!line.hasSuffix(" ") && !line.hasPrefix(">") && !line.contains("\t"), "\(line)")
      }
    }
  }

  @Test func wrapSplitsWordsLongerThanALine() {
    let lines = ChecklistText.wrap(String(repeating: "x", count: 100) + " tail", indent: 4, hang: 2)
    #expect(lines == ["    " + String(repeating: "x", count: 68), "      " + String(repeating: "x", count: 32) + " tail"])
  }
}

@Suite struct MarkdownTextTests {
  @Test func proseStaysReadable() {
    #expect(Escape.markdownText("Open-source dma-buf, dev_err and __u64 in v6.1") == "Open-source dma-buf, dev_err and \\_\\_u64 in v6.1")
    #expect(Escape.markdownText("a & b, &amp; _x_") == "a & b, &amp;amp; \\_x\\_")
    #expect(Escape.markdownText("# not a heading") == "\\# not a heading")
    #expect(Escape.markdownText("- not a list") == "\\- not a list")
    #expect(Escape.markdownText("<b>[x](javascript:y)|*e*`c`") == "&lt;b&gt;\\[x\\](javascript:y)\\|\\*e\\*\\`c\\`")
  }
}
