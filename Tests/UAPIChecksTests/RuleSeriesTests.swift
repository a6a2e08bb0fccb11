import Diagnostics
import MailSeries
import Testing

@testable import UAPIChecks

/// Builds one patch mail; `notes` go below the `---`, `diff` is the unified diff.
func patchMail(
  subject: String, id: String, cc: String, trailers: [String] = ["Signed-off-by: A U Thor <author@example.org>"],
  notes: String = "", diff: String
) -> String {
  """
  From: A U Thor <author@example.org>
  To: maintainer@example.org
  Cc: \(cc)
  Subject: \(subject)
  Date: Mon, 1 Jan 2024 10:00:00 +0000
  Message-Id: <\(id)@example.org>

  The change.

  \(trailers.joined(separator: "\n"))
  ---
  \(notes)
  \(diff)
  --\u{20}
  2.40.0

  """
}

let uapiDiff = """
  diff --git a/include/uapi/drm/t_drm.h b/include/uapi/drm/t_drm.h
  index 1111111..2222222 100644
  --- a/include/uapi/drm/t_drm.h
  +++ b/include/uapi/drm/t_drm.h
  @@ -1,2 +1,3 @@
   struct t {
  +\t__s32 fd;
   };
  """

let driverDiff = """
  diff --git a/drivers/gpu/drm/t/t_drv.c b/drivers/gpu/drm/t/t_drv.c
  index 3333333..4444444 100644
  --- a/drivers/gpu/drm/t/t_drv.c
  +++ b/drivers/gpu/drm/t/t_drv.c
  @@ -1,2 +1,3 @@
   static int t_export(struct t_obj *obj, int flags)
  +\treturn dma_buf_fd(obj->dmabuf, flags);
   }
  """

func assemble(_ mails: [String]) -> SeriesVersion? {
  var inputs = MailInputs()
  for (k, text) in mails.enumerated() { inputs.add(bytes: Array(text.utf8), label: "mail\(k).eml") }
  return SeriesAssembler().assemble(inputs.store).series.first?.versions.last
}

/// 1-based line of the first line of `text` that starts with `prefix`.
func lineOf(_ prefix: String, in text: String) -> Int {
  (text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix(prefix) } ?? -1) + 1
}

@Suite struct RuleSeriesTests {
  static let lists = "dri-devel@lists.freedesktop.org, linux-media@vger.kernel.org, linaro-mm-sig@lists.linaro.org"

  // MARK: The habanalabs v6 corpus

  @Test func corpusSeriesFindings() throws {
    let set = corpusSeries()
    let version = try #require(set.series.first { $0.title.contains("p2p via dmabuf") }?.versions.last)
    let findings = SeriesRules.run(version)
    let at = findings.map { "\($0.rule) \(($0.location?.file ?? "").split(separator: "/").last ?? ""):\($0.location?.line ?? 0):\($0.location?.column ?? 0)" }
    // P1: patch 1 changes only include/uapi; the code that uses it is in patch 2.
    // P5: v6 without a changelog. P7: dma_buf_export() without MODULE_IMPORT_NS(DMA_BUF).
    // P2 holds (every mail Cc's the three lists) and P3 does not apply (misc/, not drm/).
    // P4: the re-indented DRAM_POOL_PAGE_SIZE define reviewers asked about.
    #expect(
      at == ["P5 0000-cover.eml:37:1", "P1 0001-uapi.eml:81:1", "P4 0002-exporter.eml:209:1", "P7 0002-exporter.eml:508:23"],
      "\(findings.dump)")
    #expect(findings.first { $0.rule == "P4" }?.excerpt == "+#define DRAM_POOL_PAGE_SIZE\t\tSZ_8M")
    #expect(findings.first { $0.rule == "P1" }?.evidence.first?.contains("drivers/misc/habanalabs/common/memory.c") == true)
    #expect(findings.first { $0.rule == "P1" }?.excerpt == "diff --git a/include/uapi/misc/habanalabs.h b/include/uapi/misc/habanalabs.h")
    #expect(findings.first { $0.rule == "P7" }?.excerpt == "+\thl_dmabuf->dmabuf = dma_buf_export(&exp_info);")
    #expect(findings.first { $0.rule == "P1" }?.introducedBy == "v6 1/2")
  }

  @Test func corpusFragmentFindsTheU64FD() throws {
    let set = corpusSeries()
    let version = try #require(set.series.first { $0.title.contains("p2p via dmabuf") }?.versions.last)
    let patch = try #require(version.patches.first)
    let mail = patch.mail
    let findings = FragmentLint.run(files: patch.files, mailPath: mail.path, patchLine: try #require(mail.patchLine))
    #expect(findings.map(\.rule) == ["U8", "UAPI-FRAGMENT"], "\(findings.dump)")
    let u8 = try #require(findings.first)
    #expect(u8.location?.line == 134 && u8.location?.column == 4)
    #expect(u8.location?.file.hasSuffix("0001-uapi.eml") == true)
    #expect(u8.excerpt == "+\t\t__u64 fd;")
    #expect(u8.message.contains("'fd'") && u8.severity == .warning)
    let note = try #require(findings.last)
    #expect(note.location?.line == 81 && note.severity == .note)
    #expect(note.message.contains("--base-repo R --base-rev REV"))
    // The same through the mail entry point.
    #expect(FragmentLint.run(mail: mail).map(\.rule) == ["U8", "UAPI-FRAGMENT"])
  }

  // MARK: Synthetic series

  @Test func p1UAPIWithCode() throws {
    let alone = patchMail(subject: "[PATCH] drm/t: add fd", id: "a1", cc: Self.lists, diff: uapiDiff)
    let bad = SeriesRules.run(try #require(assemble([alone])))
    #expect(bad.rule("P1").map { $0.location?.line } == [lineOf("diff --git a/include", in: alone)])
    #expect(bad.rule("P1").first?.message.contains("no patch of the series") == true)
    let together = patchMail(subject: "[PATCH] drm/t: add fd", id: "a2", cc: Self.lists, diff: uapiDiff + "\n" + driverDiff)
    #expect(SeriesRules.run(try #require(assemble([together]))).rule("P1").isEmpty)
  }

  @Test func p2DMABufLists() throws {
    let mail = patchMail(subject: "[PATCH] drm/t: export", id: "b1", cc: "dri-devel@lists.freedesktop.org", diff: driverDiff)
    let bad = SeriesRules.run(try #require(assemble([mail]))).rule("P2")
    #expect(bad.map { $0.location?.line } == [lineOf("Cc:", in: mail)])
    #expect(bad.first?.message.contains("linux-media@vger.kernel.org, linaro-mm-sig@lists.linaro.org") == true)
    #expect(bad.first?.evidence.first?.contains("dma_buf_fd()") == true)
    let good = patchMail(subject: "[PATCH] drm/t: export", id: "b2", cc: Self.lists, diff: driverDiff)
    #expect(SeriesRules.run(try #require(assemble([good]))).rule("P2").isEmpty)
  }

  @Test func p3DRMUserspaceLink() throws {
    let mail = patchMail(subject: "[PATCH] drm/t: add fd", id: "c1", cc: Self.lists, diff: uapiDiff + "\n" + driverDiff)
    let bad = SeriesRules.run(try #require(assemble([mail]))).rule("P3")
    #expect(bad.map { $0.location?.line } == [lineOf("Signed-off-by:", in: mail)])
    let linked = patchMail(
      subject: "[PATCH] drm/t: add fd", id: "c2", cc: Self.lists,
      trailers: [
        "Link: https://gitlab.freedesktop.org/mesa/mesa/-/merge_requests/1", "Acked-by: U Ser <user@example.org>",
        "Signed-off-by: A U Thor <author@example.org>",
      ], diff: uapiDiff + "\n" + driverDiff)
    #expect(SeriesRules.run(try #require(assemble([linked]))).rule("P3").isEmpty)
  }

  @Test func p4FormattingInAFunctionalPatch() throws {
    let mixed = """
      diff --git a/drivers/gpu/drm/t/t_drv.c b/drivers/gpu/drm/t/t_drv.c
      index 3333333..4444444 100644
      --- a/drivers/gpu/drm/t/t_drv.c
      +++ b/drivers/gpu/drm/t/t_drv.c
      @@ -1,4 +1,6 @@
      -#define T_MAX 4
      +#define T_MAX\t\t4
       static int t(void)
      +\treturn 1;
      +
       {
       }
      """
    let text = patchMail(subject: "[PATCH] t: mixed", id: "p4", cc: Self.lists, diff: mixed)
    let version = try #require(assemble([text]))
    let p4 = SeriesRules.run(version).filter { $0.rule == "P4" }
    #expect(p4.map { $0.location?.line ?? 0 } == [lineOf("+#define T_MAX", in: text)])
    // A patch that only re-formats is a clean-up patch: nothing to say.
    let cleanup = """
      diff --git a/drivers/gpu/drm/t/t_drv.c b/drivers/gpu/drm/t/t_drv.c
      index 3333333..4444444 100644
      --- a/drivers/gpu/drm/t/t_drv.c
      +++ b/drivers/gpu/drm/t/t_drv.c
      @@ -1,2 +1,3 @@
      -#define T_MAX 4
      +#define T_MAX\t\t4
      +
       static int t(void)
      """
    let clean = try #require(assemble([patchMail(subject: "[PATCH] t: re-indent", id: "p4c", cc: Self.lists, diff: cleanup)]))
    #expect(!SeriesRules.run(clean).contains { $0.rule == "P4" })
  }

  @Test func p5Changelog() throws {
    let bare = patchMail(subject: "[PATCH v2] drm/t: add fd", id: "d1", cc: Self.lists, diff: uapiDiff + "\n" + driverDiff)
    let bad = SeriesRules.run(try #require(assemble([bare]))).rule("P5")
    #expect(bad.map { $0.location?.line } == [lineOf("Subject:", in: bare)])
    #expect(bad.first?.severity == .note)
    let logged = patchMail(
      subject: "[PATCH v2] drm/t: add fd", id: "d2", cc: Self.lists, notes: "Changes in v2:\n- fd is __s32 now\n",
      diff: uapiDiff + "\n" + driverDiff)
    #expect(SeriesRules.run(try #require(assemble([logged]))).rule("P5").isEmpty)
    let v1 = patchMail(subject: "[PATCH] drm/t: add fd", id: "d3", cc: Self.lists, diff: uapiDiff + "\n" + driverDiff)
    #expect(SeriesRules.run(try #require(assemble([v1]))).rule("P5").isEmpty)
  }

  @Test func p7NamespaceImport() throws {
    let mail = patchMail(subject: "[PATCH] drm/t: export", id: "e1", cc: Self.lists, diff: driverDiff)
    let bad = SeriesRules.run(try #require(assemble([mail]))).rule("P7")
    #expect(bad.map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0)" } == ["\(lineOf("+\treturn dma_buf_fd", in: mail)):10"])
    let imported = (driverDiff + "\n+MODULE_IMPORT_NS(\"DMA_BUF\");").replacingOccurrences(
      of: "@@ -1,2 +1,3 @@", with: "@@ -1,2 +1,4 @@")
    let good = patchMail(subject: "[PATCH] drm/t: export", id: "e2", cc: Self.lists, diff: imported)
    let findings = SeriesRules.run(try #require(assemble([good])))
    #expect(findings.rule("P7").isEmpty, "\(findings.dump)")
  }

  // MARK: Fragment mode on other lines

  @Test func fragmentRulesOnAddedLines() throws {
    let diff = """
      diff --git a/include/uapi/misc/t.h b/include/uapi/misc/t.h
      index 1111111..2222222 100644
      --- a/include/uapi/misc/t.h
      +++ b/include/uapi/misc/t.h
      @@ -1,3 +1,9 @@
       struct t {
      +\tunsigned long size;
      +\tvoid *ptr;
      +\t__u32 out_fd; // returned
      +\t__s32 in_fd;
      +#define T_IOCTL_X _IOW('t', 1, sizeof(struct t))
      +#define T_CONF CONFIG_T
       };
      """
    var parser = PatchParser(path: "p.eml")
    let files = parser.parse(diff).files
    let findings = FragmentLint.run(files: files, mailPath: "p.eml", patchLine: 10)
    // Patch line k is mail line 10 + k - 1: `+\tunsigned long size;` is patch line 7 → mail line 16.
    // Columns count the diff's `+` as column 1.
    let got = findings.map { "\($0.rule)@\($0.location?.line ?? 0):\($0.location?.column ?? 0)" }
    #expect(got == ["U2@16:3", "U3@17:3", "U8@18:3", "H7@18:17", "I2@20:33", "H2@21:17", "UAPI-FRAGMENT@10:1"], "\(findings.dump)")
  }
}

extension RuleSeriesTests {
  @Test func p4DoesNotCallARemovedSpaceInADefineWhiteSpaceOnly() throws {
    let diff = """
      diff --git a/drivers/gpu/drm/t/t_drv.c b/drivers/gpu/drm/t/t_drv.c
      index 3333333..4444444 100644
      --- a/drivers/gpu/drm/t/t_drv.c
      +++ b/drivers/gpu/drm/t/t_drv.c
      @@ -1,2 +1,3 @@
      -#define M_SHIFT (4)
      +#define M_SHIFT(4)
      +int t_new;
       static int t(void)
      """
    let version = try #require(assemble([patchMail(subject: "[PATCH] t: shift", id: "p4m", cc: Self.lists, diff: diff)]))
    #expect(!SeriesRules.run(version).contains { $0.rule == "P4" })
  }
}
