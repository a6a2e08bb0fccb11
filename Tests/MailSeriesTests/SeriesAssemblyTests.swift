import Foundation
import MailSeries
import Testing

@Suite struct SubjectPrefixTests {
  @Test(arguments: [
    ("[PATCH v6 1/2] habanalabs: define uAPI", false, false, false, "v6", 1, 2, [String](), "habanalabs: define uAPI"),
    ("[RFC PATCH] idea", false, true, false, "v1", nil, nil, [], "idea"),
    ("[PATCH RESEND v2 03/10] resent", false, false, true, "v2", 3, 10, [], "resent"),
    ("[PATCH net-next v3 2/5] net: thing", false, false, false, "v3", 2, 5, ["net-next"], "net: thing"),
    ("[PATCH v5.1 3/7] partial", false, false, false, "v5.1", 3, 7, [], "partial"),
    ("Re: [Linaro-mm-sig] [PATCH v6 0/2] Add p2p", true, false, false, "v6", 0, 2, ["Linaro-mm-sig"], "Add p2p"),
    ("[PATCHv2 1/1] glued", false, false, false, "v2", 1, 1, [], "glued"),
    ("RE: AW: [RFC PATCH v4 0/3]   spaced   title ", true, true, false, "v4", 0, 3, [], "spaced title"),
    ("plain subject", false, false, false, "v1", nil, nil, [], "plain subject"),
  ] as [(String, Bool, Bool, Bool, String, Int?, Int?, [String], String)])
  func parses(_ c: (String, Bool, Bool, Bool, String, Int?, Int?, [String], String)) {
    let p = SubjectPrefix(c.0)
    #expect(p.isReply == c.1 && p.isRFC == c.2 && p.isResend == c.3, "\(c.0)")
    #expect(p.revision.description == c.4 && p.index == c.5 && p.total == c.6, "\(c.0)")
    #expect(p.tags == c.7 && p.title == c.8, "\(c.0)")
    #expect(p.isPatch == (c.0.contains("PATCH") || c.0.contains("RFC")))
  }
}

/// Several versions, replies and trailers in one mbox.
@Suite struct SeriesAssemblyTests {
  static func twoVersions() -> MailFactory {
    var f = MailFactory()
    // v1: no cover, patch 2 threaded under patch 1.
    f.add(.init(subject: "[PATCH 1/2] hl: add flags", id: "v1-1", body: MailFactory.patch("Add flags.", path: "include/uapi/misc/hl.h", old: ["\t__u32 pad;"], new: ["\t__u32 flags;"])))
    f.add(.init(subject: "[PATCH 2/2] hl: export by fd", id: "v1-2", replyTo: "v1-1", body: MailFactory.patch("Export.", path: "drivers/hl/memory.c", old: ["\tint a;"], new: ["\tint fd;"])))
    f.add(.init(subject: "Re: [PATCH 1/2] hl: add flags", id: "r1", replyTo: "v1-1", from: "Reviewer One <r1@example.org>",
      body: "On Sun, Dev wrote:\n> @@ -10,3 +10,3 @@ struct hl_mem_in {\n>  struct x {\n> -\t__u32 pad;\n> +\t__u32 flags;\n\nCheck the new flags against a mask.\n\nReviewed-by: Reviewer One <r1@example.org>\n"))
    // v2: cover, 3 patches; patch 1 retitled but same change, patch 2 changed, patch 3 new.
    f.add(.init(subject: "[PATCH v2 0/3] hl: export device memory", id: "v2-0", body: "Cover.\n\nchange-id: 20210912-hl-export-abc\nbase-commit: 0123456789abcdef0123456789abcdef01234567\n"))
    f.add(.init(subject: "[PATCH v2 1/3] hl: carve flags out of pad", id: "v2-1", replyTo: "v2-0", body: MailFactory.patch("Add flags.", path: "include/uapi/misc/hl.h", old: ["\t__u32 pad;"], new: ["\t__u32 flags;"])))
    f.add(.init(subject: "[PATCH v2 2/3] hl: export by fd", id: "v2-2", replyTo: "v2-0", body: MailFactory.patch("Export.", path: "drivers/hl/memory.c", old: ["\tint a;"], new: ["\tint fd;", "\tint flags;"])))
    f.add(.init(subject: "[PATCH v2 3/3] hl: document export", id: "v2-3", replyTo: "v2-0", body: MailFactory.patch("Doc.", path: "Documentation/hl.rst", old: ["old"], new: ["new"])))
    f.add(.init(subject: "Re: [PATCH v2 0/3] hl: export device memory", id: "r2", replyTo: "v2-0", from: "Maintainer <m@example.org>",
      body: "> Cover.\n\nFor the series:\nAcked-by: Maintainer <m@example.org>\n"))
    f.add(.init(subject: "Re: [PATCH v2 2/3] hl: export by fd", id: "r3", replyTo: "r2-missing", from: "Tester <t@example.org>",
      body: "Tested-by: Tester <t@example.org>\n> Reviewed-by: Quoted Person <q@example.org>\n"))
    return f
  }

  @Test func versionsAreGroupedInOrder() throws {
    let set = Self.twoVersions().assembled()
    #expect(set.series.count == 1)
    let s = try #require(set.series.first)
    #expect(s.versions.map(\.revision.description) == ["v1", "v2"])
    #expect(s.versions[0].cover == nil && s.versions[0].patches.map(\.index) == [1, 2])
    #expect(s.versions[1].cover != nil && s.versions[1].patches.map(\.index) == [1, 2, 3])
    #expect(s.versions[1].changeID == "20210912-hl-export-abc")
    #expect(s.versions[1].baseCommit == "0123456789abcdef0123456789abcdef01234567")
    #expect(s.title == "hl: export device memory")
  }

  @Test func trailersAreCollectedFromReplies() throws {
    let s = try #require(Self.twoVersions().assembled().series.first)
    let v1 = s.versions[0]
    #expect(v1.patches[0].collected.map(\.trailer.value) == ["Reviewer One <r1@example.org>"])
    #expect(v1.patches[1].collected.isEmpty)
    let v2 = s.versions[1]
    // The cover's Acked-by goes to every patch; a quoted trailer is not given.
    for p in v2.patches { #expect(p.collected.contains { $0.trailer.key == "Acked-by" && $0.viaCover }) }
    let p2 = v2.patches[1]
    #expect(p2.collected.map(\.trailer.key).sorted() == ["Acked-by", "Tested-by"])
    #expect(p2.replies.first?.attachedBy == .subject)
  }

  @Test func quotedDiffLinesMapToTheirHunk() throws {
    let s = try #require(Self.twoVersions().assembled().series.first)
    let reply = try #require(s.versions[0].patches[0].replies.first)
    let quotes = reply.quoted.flatMap(\.quotes)
    #expect(quotes.map(\.path) == ["include/uapi/misc/hl.h", "include/uapi/misc/hl.h", "include/uapi/misc/hl.h"])
    #expect(quotes.map(\.lineInHunk) == [0, 1, 2])
    #expect(quotes.map(\.fileLine) == [10, 11, 11])
    // The comment that follows the quote is new text.
    #expect(reply.new.contains { $0.text.contains("Check the new flags against a mask.") })
  }

  @Test func pairingByTitleThenContentWithInterdiff() throws {
    let s = try #require(Self.twoVersions().assembled().series.first)
    let pairing = try #require(s.pairings.first)
    let byNew = Dictionary(uniqueKeysWithValues: pairing.pairs.compactMap { p in p.new.map { ($0, p) } })
    #expect(byNew[1]?.old == 1 && byNew[1]?.matchedBy == .content && byNew[1]?.differingLines == 0)
    #expect(byNew[2]?.old == 2 && byNew[2]?.matchedBy == .title && byNew[2]?.differingLines == 1)
    let v1 = s.versions[0].patches
    let v2 = s.versions[1].patches
    #expect(VersionPairing.interdiff(v1[0], v2[0]) == [])
    #expect(VersionPairing.interdiff(v1[1], v2[1]).contains("++\tint flags;"))
    #expect(byNew[3]?.old == nil)
  }

  @Test func missingDuplicateAndPartialReroll() throws {
    var f = MailFactory()
    f.add(.init(subject: "[PATCH v5 0/3] thing", id: "c5"))
    for n in [1, 2, 2] {
      f.add(.init(subject: "[PATCH v5 \(n)/3] part \(n)", id: "p5-\(n)-\(f.clock)", replyTo: "c5", body: MailFactory.patch("P\(n).", path: "f\(n).c", old: ["a"], new: ["b"])))
    }
    f.add(.init(subject: "[PATCH v5.1 2/3] part 2", id: "p51-2", replyTo: "p5-2-2", body: MailFactory.patch("P2 fixed.", path: "f2.c", old: ["a"], new: ["c"])))
    let set = f.assembled()
    let s = try #require(set.series.first)
    #expect(set.series.count == 1)
    let v5 = s.versions[0]
    #expect(v5.missing == [3])
    #expect(v5.diagnostics.map(\.id).sorted() == ["series.duplicate-patch", "series.missing-patch"])
    let v51 = try #require(s.versions.last)
    #expect(v51.revision.description == "v5.1" && v51.replaced == [2])
    #expect(v51.patches.map(\.index) == [1, 2] && v51.patches[1].mail.message.hasPrefix("P2 fixed."))
  }

  @Test func coverlessUnthreadedPatchesStillFormOnePosting() throws {
    var f = MailFactory()
    for n in 1...3 {
      f.add(.init(subject: "[PATCH net-next v3 \(n)/3] net: step \(n)", id: "u\(n)", body: MailFactory.patch("S\(n).", path: "n\(n).c", old: ["a"], new: ["b"])))
    }
    let s = try #require(f.assembled().series.first)
    #expect(s.versions.count == 1 && s.versions[0].patches.map(\.index) == [1, 2, 3])
    #expect(s.versions[0].tags == ["net-next"])
  }
}

extension SeriesAssemblyTests {
  /// A 5,000-deep reply chain resolves every reply to the patch, each at its depth.
  @Test func deepReplyChainResolvesOnce() throws {
    var f = MailFactory()
    f.add(.init(subject: "[PATCH] one", id: "p", body: MailFactory.patch("One.", path: "a.c", old: ["a"], new: ["b"])))
    var previous = "p"
    for k in 0..<5000 {
      f.add(.init(subject: "Re: [PATCH] one", id: "r\(k)", replyTo: previous, from: "R <r@example.org>", body: "ok \(k)\n"))
      previous = "r\(k)"
    }
    var inputs = MailInputs()
    inputs.add(bytes: Array(f.mbox.utf8), label: "deep.mbox")
    let index = SeriesIndex.build(inputs.store.summaries)
    #expect(index.replies.count == 5000 && index.unattached.isEmpty)
    #expect(index.replies.values.allSatisfy { $0.target == 0 })
    #expect(index.replies[5000]?.depth == 4999 && index.replies[1]?.depth == 0)
  }
}
