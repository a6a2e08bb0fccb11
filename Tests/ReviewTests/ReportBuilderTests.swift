import Foundation
import MailSeries
import ReferenceDriver
import Rendering
import Review
import Testing

/// The report the site, docs and checklist are written from, on the real mails and the bundled
/// example.
@Suite struct ReportBuilderTests {
  static let options = ReportBuilder.Options(generator: "uapi-review test", depth: 6)

  static func corpus() throws -> ReviewReport {
    let dir = CheckPipelineTests.corpus
    let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".eml") }.sorted().map { dir + "/" + $0 }
    return try ReportBuilder.build(CheckRequest(series: SeriesRequest(inputs: files), today: "2026-11-25", compile: false), options: options)
  }

  static func bundled() throws -> ReviewReport {
    var series = SeriesRequest()
    series.bundled = InMemorySeries(
      mbox: BundledExample.mbox, label: BundledExample.label, baseFiles: BundledExample.baseFiles, baseLabel: BundledExample.baseLabel)
    return try ReportBuilder.build(CheckRequest(series: series, today: "2026-11-25", compile: false), options: options)
  }

  @Test func realMailsPutTheOwnershipQuestionUnderC12() throws {
    let r = try Self.corpus()
    #expect(r.fragmentMode && r.title == "Add p2p via dmabuf to habanalabs")
    let c12 = try #require(r.checklist.human.first { $0.id == "C12" })
    // The reply that raised it, linked to where it is shown.
    let reply = try #require(c12.evidence.first { $0.text.hasPrefix("Daniel Vetter in reply to v6 0/2") })
    #expect(reply.text.hasSuffix("\"I think the big open we have is the entire revoke discussions.\"") && reply.link == "v6-0.html#R1")
    // And the reference model's answer under each policy, though the header is only hunks.
    let policies = c12.evidence.filter { $0.text.hasPrefix("the bundled reference driver's lifetime model (not this series' code)") }
    #expect(policies.count == 3 && policies[0].text.contains("policy none: an invariant breaks"))
    // Which of them the series follows: its exporter holds a reference on its owner (D17).
    #expect(c12.evidence.first?.text.hasPrefix("the exporter in this series holds a reference on its owner") == true)
    // The ownership window the review found: setup after the fd is installed (D13).
    #expect(c12.evidence.contains { $0.text.hasPrefix("D13 at memory.c:1790 (0002-exporter.eml:523)") })
    // A word absent from the series is not evidence.
    #expect(!r.checklist.human.flatMap(\.evidence).contains { $0.text.hasPrefix("no added line uses") })
    #expect(!r.verification.applicable && r.verification.lifetime.count == 3)
    #expect(r.checklist.human.map(\.id) == (1...16).map { "C\($0)" })
  }

  @Test func realMailsAttachFindingsToTheirLines() throws {
    let r = try Self.corpus()
    let v6 = try #require(r.versions.last)
    let p1 = try #require(v6.patches.first { $0.index == 1 })
    // U8 on `__u64 fd` at 0001-uapi.eml:134, shown on that patch line.
    let line = try #require(p1.patch.first { $0.line == 134 })
    #expect(line.kind == .added && line.text.contains("fd"))
    #expect(line.findings.contains { r.findings.findings[$0].rule == "U8" })
    let u8 = try #require(r.checklist.machine.first { $0.rule == "U8" })
    #expect(u8.status == .fail && u8.evidence.first?.link == "v6-1.html#L134")
    // A rule that needs the whole header is not applicable without a base.
    #expect(r.checklist.machine.first { $0.rule == "L1" }?.status == .notApplicable)
    // The cover, both patches and the reply are there; the header reference lists the fragment.
    #expect(v6.cover?.replies.count == 1 && v6.patches.count == 2)
    let header = try #require(r.headers.first { $0.path == "include/uapi/misc/habanalabs.h" })
    #expect(header.fragmentsOnly && header.constants.contains { $0.name == "HL_MEM_OP_EXPORT_DMABUF_FD" && $0.value == "5" })
  }

  @Test func bundledExampleIsVerifiedAndDocumented() throws {
    let r = try Self.bundled()
    #expect(!r.fragmentMode && r.verification.applicable && r.verification.passed)
    #expect(r.verification.scenarios.count == 15 && r.verification.scenarios.allSatisfy(\.passed))
    let header = try #require(r.headers.first)
    let ioctl = try #require(header.ioctls.first { $0.name == "HL_IOCTL_MEMORY" })
    #expect(ioctl.numbers.first { $0.name == "generic" }?.value == "0xc0284805")
    #expect(ioctl.sizes.allSatisfy { $0.value == "40" } && ioctl.sizes.count == 5)
    let export = try #require(ioctl.opcodes.first { $0.name == "HL_MEM_OP_EXPORT_DMABUF_FD" })
    #expect(export.members == ["in.export_dmabuf_fd"] && export.value == "5")
    // `in.map_block` is HL_MEM_OP_MAP_BLOCK's, though its name starts with MAP's.
    #expect(ioctl.opcodes.first { $0.name == "HL_MEM_OP_MAP" }?.members == ["in.map_device", "in.map_host"])
    #expect(ioctl.opcodes.first { $0.name == "HL_MEM_OP_MAP_BLOCK" }?.members == ["in.map_block"])
    #expect(ioctl.behaviour.count == 15)
    let args = try #require(header.types.first { $0.name == "union hl_mem_args" })
    // i386 aligns __u64 to 4, so the union's alignment differs there, but every byte sits in
    // the same place: one table, the alignment noted.
    #expect(!args.sameOnAllABIs && args.layouts.map(\.abi) == ["x86_64, i386, x32, arm64, arm"])
    #expect(args.layouts.first?.size == 40 && args.layouts.first?.alignment == 8 && args.layouts.first?.alignmentNote == "4 on i386")
    // The changelog is per patch: the opcode arrives with patch 1.
    #expect(r.changelog.contains { $0.step == "v6 1/2" && $0.change.contains("HL_MEM_OP_EXPORT_DMABUF_FD") })
    #expect(r.exitStatus == 4 && r.verdict == "nothing blocks; to read: 1 warning, uAPI changes to review")
  }

  /// One `[PATCH]` mail adding a file descriptor as `__u64` (U8) to `header`.
  static func patchMail(_ id: String, title: String, header: String) -> String {
    """
    From \(id)@example.org Mon Sep 17 00:00:00 2001
    From: A Developer <a@example.org>
    Subject: [PATCH] \(title)
    Date: Sun, 12 Sep 2021 19:53:08 +0300
    Message-Id: <\(id)@example.org>

    Add an fd.

    Signed-off-by: A Developer <a@example.org>
    ---
    diff --git a/\(header) b/\(header)
    --- a/\(header)
    +++ b/\(header)
    @@ -1,3 +1,4 @@
     struct x_args {
     \t__u32 op;
    +\t__u64 fd;
     };
    -- 
    2.30.0

    """
  }

  @Test func onlyTheShownSeriesIsCheckedAndMessageIDChoosesIt() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("uapi-two-series-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let mbox = dir + "/two.mbox"
    let first = Self.patchMail("one", title: "misc: first series", header: "include/uapi/misc/one.h")
    try (first + Self.patchMail("two", title: "misc: second series", header: "include/uapi/misc/two.h")).write(toFile: mbox, atomically: true, encoding: .utf8)
    let secondStarts = first.split(separator: "\n", omittingEmptySubsequences: false).count
    func build(_ messageID: String?) throws -> ReviewReport {
      try ReportBuilder.build(
        CheckRequest(series: SeriesRequest(inputs: [mbox], messageID: messageID), today: "2026-11-25", compile: false), options: Self.options)
    }
    let r = try build(nil)
    #expect(r.title == "misc: first series" && r.diagnostics.contains { $0.contains("holds 2 series") })
    // The second series' U8 is not the first one's.
    #expect(r.findings.findings.contains { $0.rule == "U8" })
    #expect(r.findings.findings.allSatisfy { ($0.location?.line ?? 0) < secondStarts }, "\(r.findings.findings.map(\.location))")
    let second = try build("two@example.org")
    #expect(second.title == "misc: second series" && second.headers.map(\.path) == ["include/uapi/misc/two.h"])
    #expect(second.findings.findings.allSatisfy { ($0.location?.line ?? 0) >= secondStarts })
    let missing = try build("nosuch@example.org")
    #expect(missing.versions.isEmpty && missing.diagnostics.contains { $0.contains("no series holds message <nosuch@example.org>") })
  }

  @Test func everyLinkOfTheSiteNamesAnAnchorThatExists() throws {
    for r in [try Self.corpus(), try Self.bundled()] {
      let files = try SiteWriter().render(r)
      for (name, html) in files where name.hasSuffix(".html") {
        for href in Self.hrefs(in: html) where href.contains("#") {
          let parts = href.split(separator: "#", maxSplits: 1).map(String.init)
          let page = href.hasPrefix("#") ? html : files[parts[0]]
          let target = try #require(page, "\(name): \(href) names no page")
          #expect(target.contains("id=\"\(parts.last ?? "")\""), "\(name): \(href) names no anchor")
        }
      }
    }
  }

  static func hrefs(in html: String) -> [String] {
    html.components(separatedBy: " href=\"").dropFirst().compactMap { $0.split(separator: "\"", maxSplits: 1).first.map(String.init) }
  }

  @Test func aRevisionPostedTwiceHasPagesOfItsOwn() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("uapi-two-v1-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    // An RFC and then a proper v1 of the same patch: one series, two postings of v1.
    let rfc = Self.patchMail("rfc", title: "misc: add fd", header: "include/uapi/misc/one.h")
      .replacingOccurrences(of: "[PATCH]", with: "[RFC PATCH]").replacingOccurrences(of: "Add an fd.", with: "First try.")
    let real = Self.patchMail("real", title: "misc: add fd", header: "include/uapi/misc/one.h")
      .replacingOccurrences(of: "Sun, 12 Sep", with: "Mon, 13 Sep").replacingOccurrences(of: "Add an fd.", with: "Second try.")
    try (rfc + real).write(toFile: dir + "/two.mbox", atomically: true, encoding: .utf8)
    let r = try ReportBuilder.build(CheckRequest(series: SeriesRequest(inputs: [dir + "/two.mbox"]), today: "2026-11-25", compile: false), options: Self.options)
    #expect(r.versions.map(\.revision) == ["v1", "v1"] && r.versions.map(\.page) == ["v1", "v1_2"])
    #expect(r.pairings.map(\.to) == ["v1_2"])
    let files = try SiteWriter().render(r)
    #expect(files[SitePaths.mail("v1", 1)]?.contains("First try.") == true)
    #expect(files[SitePaths.mail("v1_2", 1)]?.contains("Second try.") == true)
    #expect(files[SitePaths.version("v1")]?.contains("Changes since") == false)
  }

  @Test func aSecondCoverLetterDoesNotReplaceTheFirstOnesPage() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("uapi-two-covers-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let corpus = CheckPipelineTests.corpus
    let cover = try String(contentsOfFile: corpus + "/0000-cover.eml", encoding: .utf8)
    let id = "<20210912165309.98695-1-ogabbay@kernel.org>"
    #expect(cover.contains("Message-Id: \(id)"))
    // The cover sent again into its own thread.
    let again = cover.replacingOccurrences(of: "Message-Id: \(id)", with: "Message-Id: <again@kernel.org>\nIn-Reply-To: \(id)\nReferences: \(id)")
      .replacingOccurrences(of: "Subject: [PATCH v6 0/2] ", with: "Subject: [PATCH v6 0/2] AGAIN ")
    try again.write(toFile: dir + "/again.eml", atomically: true, encoding: .utf8)
    let files = ["0000-cover.eml", "0001-uapi.eml", "0002-exporter.eml", "0003-review-reply.eml"].map { corpus + "/" + $0 } + [dir + "/again.eml"]
    let r = try ReportBuilder.build(CheckRequest(series: SeriesRequest(inputs: files), today: "2026-11-25", compile: false), options: Self.options)
    let v6 = try #require(r.versions.last)
    #expect(v6.cover?.title.contains("AGAIN") == false && v6.patches.map(\.index) == [1, 2])
    let site = try SiteWriter().render(r)
    #expect(site[SitePaths.mail("v6", 0)]?.contains("AGAIN") == false)
  }

  @Test func aHunkEndsWhereItsLineCountSays() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("uapi-plain-diff-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    // A plain two-file diff (no `diff --git` lines) and the signature right after the last hunk.
    let mail = Self.patchMail("plain", title: "misc: plain diff", header: "include/uapi/misc/one.h")
      .replacingOccurrences(of: "diff --git a/include/uapi/misc/one.h b/include/uapi/misc/one.h\n", with: "")
      .replacingOccurrences(of: " };\n-- \n", with: " };\n--- a/drivers/misc/one.c\n+++ b/drivers/misc/one.c\n@@ -1,2 +1,3 @@\n int a;\n+int b;\n int c;\n-- \n")
    try mail.write(toFile: dir + "/p.eml", atomically: true, encoding: .utf8)
    let r = try ReportBuilder.build(CheckRequest(series: SeriesRequest(inputs: [dir + "/p.eml"]), today: "2026-11-25", compile: false), options: Self.options)
    let patch = try #require(r.versions.last?.patches.first?.patch)
    let kinds = Dictionary(patch.map { ($0.text, ($0.kind, $0.path)) }, uniquingKeysWith: { a, _ in a })
    #expect(kinds["--- a/drivers/misc/one.c"]?.0 == .fileHeader && kinds["+++ b/drivers/misc/one.c"]?.0 == .fileHeader)
    #expect(kinds["+int b;"]?.0 == .added && kinds["+int b;"]?.1 == "drivers/misc/one.c")
    #expect(kinds["-- "]?.0 == .other && kinds["2.30.0"]?.0 == .other)
  }

  @Test func onlyThePatchWhoseHunkIsRejectedFailsToApply() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("uapi-apply-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try "struct x_args {\n\t__u32 op;\n};\n".write(toFile: dir + "/one.h", atomically: true, encoding: .utf8)
    // Two patches in one mbox: the first applies to the base, the second's context is not there.
    let first = Self.patchMail("p1", title: "misc: add fd", header: "include/uapi/misc/one.h")
      .replacingOccurrences(of: "[PATCH]", with: "[PATCH 1/2]").replacingOccurrences(of: "__u64 fd", with: "__s32 fd")
    let second = Self.patchMail("p2", title: "misc: add pad", header: "include/uapi/misc/one.h")
      .replacingOccurrences(of: "[PATCH]", with: "[PATCH 2/2]").replacingOccurrences(of: "Message-Id: <p2@example.org>", with: "Message-Id: <p2@example.org>\nIn-Reply-To: <p1@example.org>")
      .replacingOccurrences(of: " \t__u32 op;\n+\t__u64 fd;", with: " \t__u32 nothere;\n+\t__u32 pad;")
    try (first + second).write(toFile: dir + "/s.mbox", atomically: true, encoding: .utf8)
    let r = try ReportBuilder.build(
      CheckRequest(series: SeriesRequest(inputs: [dir + "/s.mbox"]), baseFiles: [dir + "/one.h"], today: "2026-11-25", compile: false), options: Self.options)
    #expect(r.diagnostics.contains { $0.contains("apply.reject") })
    #expect(r.versions.last?.application == ["1/2: applies", "2/2: does not apply cleanly"])
  }

  @Test func anEncodedPatchsFindingsStayOffTheNextMailsLines() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("uapi-base64-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    // Patch 1 in base64: its decoded lines (counted from its start) outnumber its raw ones and
    // run on into patch 2, which follows it in the mbox.
    let members = (0..<100).map { " \tint a\($0);\n" }.joined()
    let body = "Add an fd.\n\nSigned-off-by: A Developer <a@example.org>\n---\n"
      + "diff --git a/include/uapi/misc/one.h b/include/uapi/misc/one.h\n--- a/include/uapi/misc/one.h\n+++ b/include/uapi/misc/one.h\n"
      + "@@ -1,102 +1,103 @@\n struct x_args {\n" + members + "+\t__u64 fd;\n };\n-- \n2.30.0\n"
    let encoded = Data(body.utf8).base64EncodedString(options: .lineLength76Characters).replacingOccurrences(of: "\r\n", with: "\n")
    let first = """
      From p1@example.org Mon Sep 17 00:00:00 2001
      From: A Developer <a@example.org>
      Subject: [PATCH 1/2] misc: add fd
      Date: Sun, 12 Sep 2021 19:53:08 +0300
      Message-Id: <p1@example.org>
      MIME-Version: 1.0
      Content-Type: text/plain; charset=UTF-8
      Content-Transfer-Encoding: base64

      \(encoded)


      """
    let padding = (0..<300).map { "+#define ONE_B\($0) \($0)\n" }.joined()
    let second = Self.patchMail("p2", title: "misc: add constants", header: "include/uapi/misc/two.h")
      .replacingOccurrences(of: "[PATCH]", with: "[PATCH 2/2]").replacingOccurrences(of: "Message-Id: <p2@example.org>", with: "Message-Id: <p2@example.org>\nIn-Reply-To: <p1@example.org>")
      .replacingOccurrences(of: "@@ -1,3 +1,4 @@\n struct x_args {\n \t__u32 op;\n+\t__u64 fd;\n };\n", with: "@@ -1,0 +1,300 @@\n" + padding)
    try (first + second).write(toFile: dir + "/s.mbox", atomically: true, encoding: .utf8)
    let r = try ReportBuilder.build(CheckRequest(series: SeriesRequest(inputs: [dir + "/s.mbox"]), today: "2026-11-25", compile: false), options: Self.options)
    let u8 = try #require(r.findings.findings.firstIndex { $0.rule == "U8" })
    #expect(r.findings.findings[u8].introducedBy == "v1 1/2")
    let patches = try #require(r.versions.last?.patches)
    #expect(patches.count == 2)
    // Its line number is one of patch 2's, but the finding is patch 1's.
    let line = try #require(r.findings.findings[u8].location?.line)
    #expect(patches[1].patch.contains { $0.line == line })
    #expect(!patches[1].patch.contains { $0.findings.contains(u8) })
    #expect(r.findingHref(u8) == "v1-1.html#F\(u8 + 1)")
  }
}
