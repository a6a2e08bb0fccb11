import Foundation
import GitSource
import MailSeries
import Review
import TestSupport
import Testing

/// `--repo R --range A..B` reads the same series as `git format-patch A..B` mails do.
@Suite struct GitRangeTests {
  static func git(_ args: [String], in dir: String) throws {
    try GitCLI.run(args, in: dir)
  }

  /// A base and three patches written through libgit2: a header change with a new file, a
  /// rename with an edit, a deletion.
  static func repository() throws -> (dir: String, base: String) {
    let dir = NSTemporaryDirectory() + "uapi-review-range-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let repo = try GitRepository.create(at: dir)
    func sig(_ name: String, _ email: String, _ t: Int64) -> GitSignature { GitSignature(name: name, email: email, time: t, offsetMinutes: 180) }
    let driver = (1...30).map { "static int step\($0)(void) { return \($0); }\n" }.joined()
    let base = try repo.commit(
      files: [
        "include/uapi/misc/hl.h": Array("struct hl_mem_in {\n\t__u32 op;\n\t__u32 pad;\n};\n".utf8),
        "drivers/hl/memory.c": Array(driver.utf8), "drivers/hl/old.c": Array("int old;\n".utf8),
      ], message: "base\n", author: sig("Base", "base@example.org", 1_631_440_000))
    try repo.commit(
      files: [
        "include/uapi/misc/hl.h": Array("struct hl_mem_in {\n\t__u32 op;\n\t__u32 flags;\n};\n".utf8),
        "include/uapi/misc/hl_dmabuf.h": Array("#define HL_DMABUF_MAX (1ULL << 40)\n".utf8),
      ], message: "hl: carve flags out of pad\n\nThe export op needs flags.\n\nSigned-off-by: Dev <dev@example.org>\n",
      author: sig("Dev Eloper", "dev@example.org", 1_631_448_000))
    try repo.commit(
      files: ["drivers/hl/memory.c": nil, "drivers/hl/mem.c": Array(driver.replacingOccurrences(of: "return 7;", with: "return -7;").utf8)],
      message: "hl: rename memory.c\n\nReviewed-by: R <r@example.org>\n", author: sig("Tomér Täyar", "tt@example.org", 1_631_449_000))
    try repo.commit(files: ["drivers/hl/old.c": nil], message: "hl: drop old.c\n", author: sig("Dev Eloper", "dev@example.org", 1_631_450_000))
    return (dir, base)
  }

  static func describe(_ set: SeriesSet) -> [String] {
    set.series.flatMap(\.versions).flatMap(\.patches).map { p in
      let files = p.files.map { f in
        "\(f.change.rawValue) \(f.oldPath ?? "-") -> \(f.newPath ?? "-") +\(f.added) -\(f.removed) " + f.hunks.map { h in h.lines.map(\.raw).joined() }.joined()
      }
      return [
        "\(p.index)/\(p.prefix.total ?? 1) \(p.prefix.title)", p.mail.author, p.mail.email, p.mail.date, p.mail.message,
        p.trailers.map { "\($0.key): \($0.value)" }.joined(separator: "|"),
        "claimed \(p.claimedDiffstat.map { "\($0.filesChanged) +\($0.insertions) -\($0.deletions)" } ?? "none")",
      ].joined(separator: "\n") + "\n" + files.joined(separator: "\n")
    }
  }

  @Test func rangeEqualsFormatPatchMails() throws {
    let (dir, base) = try Self.repository()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let fromRange = try SeriesPipeline.run(SeriesRequest(repo: dir, range: "\(base)..HEAD"))
    try Self.git(["format-patch", "-M", "-o", dir + "/.patches", "\(base)..HEAD"], in: dir)
    let fromMail = try SeriesPipeline.run(SeriesRequest(inputs: [dir + "/.patches"]))
    let ours = Self.describe(fromRange.set)
    #expect(ours.count == 3)
    #expect(ours == Self.describe(fromMail.set))
    let v = try #require(fromRange.set.series.first?.versions.first)
    #expect(v.patches.map(\.index) == [1, 2, 3] && v.missing.isEmpty)
    #expect(v.patches[1].files.first?.change == .renamed)
    #expect(v.patches[1].mail.author == "Tomér Täyar")
  }

  @Test func badRepositoryIsAnError() {
    #expect(throws: ReviewError.self) { try SeriesPipeline.run(SeriesRequest(repo: "/nonexistent", range: "A..B")) }
  }

  @Test func seriesAppliesToTheBaseAndRejectsAreMappedToTheMail() throws {
    let (dir, base) = try Self.repository()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let clean = try SeriesPipeline.run(SeriesRequest(repo: dir, range: "\(base)..HEAD", baseRepo: dir, baseRev: base))
    let app = try #require(clean.applications.values.first)
    #expect(app.patches.map(\.applied) == [true, true, true])
    #expect(app.patches[1].files.contains("drivers/hl/mem.c"))
    // Against the tip, patch 1's preimage is gone: a reject located in patch 1's mail.
    let stale = try SeriesPipeline.run(SeriesRequest(repo: dir, range: "\(base)..HEAD", baseRepo: dir, baseRev: "HEAD"))
    let staleApp = try #require(stale.applications.values.first)
    #expect(staleApp.patches[0].applied == false)
    let reject = try #require(stale.diagnostics.first { $0.id == "apply.reject" })
    #expect(reject.location?.file.contains("@") == true)
    #expect((reject.location?.line ?? 0) > 1)
  }
}

/// A public-inbox v2 archive reads like an mbox of the same mails; a deleted message is gone.
@Suite struct PublicInboxInputTests {
  @Test func inboxSeriesAndDeletion() throws {
    let dir = NSTemporaryDirectory() + "uapi-review-inbox-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared/corpus/habanalabs-v6").standardized.path
    let names = ["0000-cover.eml", "0001-uapi.eml", "0002-exporter.eml", "0003-review-reply.eml"]
    let mails = try names.map { [UInt8](try Data(contentsOf: URL(fileURLWithPath: corpus + "/" + $0))) }
    let archiver = GitSignature(name: "archiver", email: "archiver@example.org", time: 1_631_460_000, offsetMinutes: 0)
    // Epoch 0 holds the cover and patch 1 plus a spam mail that is then deleted; epoch 1 the rest.
    let spam = Array("From: spam@example.org\nSubject: buy now\nMessage-Id: <spam@example.org>\n\nbuy\n".utf8)
    let e0 = try GitRepository.create(at: dir + "/git/0.git", bare: true)
    for m in [mails[0], spam, mails[1]] { try e0.commit(files: ["m": m], message: "m\n", author: archiver) }
    try e0.commit(files: ["m": nil, "d": spam], message: "d\n", author: archiver)
    let e1 = try GitRepository.create(at: dir + "/git/1.git", bare: true)
    for m in mails[2...] { try e1.commit(files: ["m": m], message: "m\n", author: archiver) }

    let outcome = try SeriesPipeline.run(SeriesRequest(inbox: dir))
    #expect(outcome.set.messageCount == 4)
    let v = try #require(outcome.set.series.first?.versions.first)
    #expect(v.patches.map(\.index) == [1, 2] && v.cover?.replies.count == 1)
    #expect(outcome.set.unattached.isEmpty)
    // The thread of one message-id: the reply's id selects its series.
    let one = try SeriesPipeline.run(SeriesRequest(inbox: dir, messageID: "YUCvNzpyC091KeaJ@phenom.ffwll.local"))
    #expect(one.set.series.count == 1)
    let none = try SeriesPipeline.run(SeriesRequest(inbox: dir, messageID: "spam@example.org"))
    #expect(none.set.series.isEmpty && none.diagnostics.map(\.id) == ["series.not-found"])
  }
}
