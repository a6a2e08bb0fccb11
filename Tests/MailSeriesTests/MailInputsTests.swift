import Foundation
import MailSeries
import Testing

/// Every input form gives the same series as the corpus folder.
@Suite struct MailInputsTests {
  static func corpusFiles() throws -> [(String, [UInt8])] {
    let names = try FileManager.default.contentsOfDirectory(atPath: CorpusPatchTests.corpus).filter { $0.hasSuffix(".eml") }.sorted()
    return try names.map { ($0, [UInt8](try Data(contentsOf: URL(fileURLWithPath: CorpusPatchTests.corpus + "/" + $0)))) }
  }

  static func shape(_ store: MailStore) -> [String] {
    SeriesAssembler().assemble(store).series.flatMap(\.versions).map { v in
      "\(v.revision) cover:\(v.cover != nil) patches:\(v.patches.map(\.index)) replies:\(v.cover?.replies.count ?? 0)"
    }
  }

  @Test func maildirMboxAndStdinAgree() throws {
    let dir = NSTemporaryDirectory() + "uapi-review-inputs-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let files = try Self.corpusFiles()
    // A maildir: two mails delivered and seen (cur), two new; names sort by delivery time.
    for sub in ["cur", "new", "tmp"] { try FileManager.default.createDirectory(atPath: "\(dir)/md/\(sub)", withIntermediateDirectories: true) }
    for (k, (_, bytes)) in files.enumerated() {
      let sub = k < 2 ? "cur" : "new"
      try Data(bytes).write(to: URL(fileURLWithPath: "\(dir)/md/\(sub)/163144\(k).M1P1.host" + (sub == "cur" ? ":2,S" : "")))
    }
    var maildir = MailInputs()
    maildir.add(path: dir + "/md")
    #expect(maildir.store.count == 4)

    // One mbox, CRLF line endings, read as a file.
    var mbox: [UInt8] = []
    for (_, bytes) in files {
      mbox += Array("From mailer Mon Sep 17 00:00:00 2001\n".utf8)
      mbox += bytes
    }
    let crlf = mbox.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] }
    try Data(crlf).write(to: URL(fileURLWithPath: dir + "/all.mbox"))
    var file = MailInputs()
    file.add(path: dir + "/all.mbox")
    #expect(file.store.count == 4)
    #expect(file.store.summaries.map(\.location.line) == file.store.summaries.map(\.location.line).sorted())

    var stdin = MailInputs()
    stdin.add(bytes: mbox, label: "<stdin>")
    let expected = ["v6 cover:true patches:[1, 2] replies:1"]
    #expect(Self.shape(maildir.store) == expected)
    #expect(Self.shape(file.store) == expected)
    #expect(Self.shape(stdin.store) == expected)
    // A message read back from the file equals the one read from memory.
    #expect(file.store.message(1).patch == stdin.store.message(1).patch)
  }

  @Test func chunkBoundariesDoNotMatter() throws {
    // Messages larger than the chunk size and separators across chunk edges.
    let dir = NSTemporaryDirectory() + "uapi-review-chunks-\(getpid())"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var text = ""
    for k in 0..<3 {
      text += "From x Mon Sep 17 00:00:00 2001\nFrom: A <a@example.org>\nSubject: [PATCH \(k + 1)/3] big \(k)\nMessage-Id: <big\(k)@x>\n\n"
      text += String(repeating: "line of body text that is long enough\n", count: 120_000)
    }
    try text.write(toFile: dir + "/big.mbox", atomically: true, encoding: .utf8)
    var inputs = MailInputs()
    inputs.add(path: dir + "/big.mbox")
    #expect(inputs.store.count == 3)
    #expect(inputs.store.summaries.map(\.prefix.index) == [1, 2, 3])
    #expect(inputs.store.summaries.map(\.location.line) == [1, 120_006, 240_011])
    #expect(inputs.store.bytes(2).count == Array(text.utf8).count / 3)
  }

  @Test func missingPathIsADiagnostic() {
    var inputs = MailInputs()
    inputs.add(path: "/nonexistent/mail.mbox")
    #expect(inputs.store.diagnostics.map(\.id) == ["input.missing"])
    #expect(inputs.store.diagnostics.first?.location?.description == "/nonexistent/mail.mbox:1:1")
  }
}

extension MailInputsTests {
  /// `git format-patch --cover-letter` without --thread: no Message-IDs, still one posting.
  @Test func formatPatchFolderWithoutThreadingIsOneSeries() throws {
    let dir = NSTemporaryDirectory() + "uapi-review-fp-\(getpid())"
    try FileManager.default.createDirectory(atPath: dir + "/out", withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    func mail(_ n: Int, _ subject: String, _ body: String) -> String {
      "From 1234567890123456789012345678901234567890 Mon Sep 17 00:00:00 2001\nFrom: A <a@example.org>\nDate: Mon, 1 Jan 2024 10:00:00 +0000\nSubject: [PATCH \(n)/2] \(subject)\n\n\(body)\n"
    }
    try mail(0, "*** SUBJECT HERE ***", "*** BLURB HERE ***").write(toFile: dir + "/out/0000-cover-letter.patch", atomically: true, encoding: .utf8)
    try mail(1, "add a", "x\n---\n a.c | 1 +\n").write(toFile: dir + "/out/0001-add-a.patch", atomically: true, encoding: .utf8)
    try mail(2, "add b", "y\n---\n b.c | 1 +\n").write(toFile: dir + "/out/0002-add-b.patch", atomically: true, encoding: .utf8)
    // A FIFO in the folder is not read (it would block).
    #expect(mkfifo(dir + "/out/zz-fifo", 0o600) == 0)
    var inputs = MailInputs()
    inputs.add(path: dir + "/out")
    let set = SeriesAssembler().assemble(inputs.store)
    #expect(inputs.store.count == 3)
    #expect(set.series.count == 1 && set.series[0].versions[0].cover != nil && set.series[0].versions[0].patches.map(\.index) == [1, 2])
    #expect(!set.diagnostics.contains { $0.id == "thread.no-message-id" })
  }
}

extension MailInputsTests {
  /// `cat *.eml` without mbox separators is one "mail": say where the next one seems to start.
  @Test func concatenatedMailsAreReported() throws {
    var bytes: [UInt8] = []
    for (_, b) in try Self.corpusFiles() { bytes += b }
    var inputs = MailInputs()
    inputs.add(bytes: bytes, label: "<stdin>")
    let d = try #require(inputs.store.diagnostics.first { $0.id == "input.concatenated" })
    let first = try Self.corpusFiles()[0].1
    #expect(d.location?.line == first.filter { $0 == 0x0A }.count + 1)
    // One mail with in-body From/Subject/Date is not taken for two.
    var single = MailInputs()
    single.add(bytes: Array("From: A <a@example.org>\nSubject: x\nDate: Mon, 1 Jan 2024 10:00:00 +0000\n\nFrom: B <b@example.org>\nSubject: [PATCH] y\nDate: Mon, 1 Jan 2024 10:00:00 +0000\n\nbody\n".utf8), label: "one")
    #expect(!single.store.diagnostics.contains { $0.id == "input.concatenated" })
  }
}
