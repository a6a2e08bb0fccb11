import Diagnostics
import Foundation
import MailSeries
import Testing

/// A cover and three patches, one of which (or the space between two) a test spoils. Each mail
/// is written out by hand so a test can cut or break it anywhere.
enum BadSeries {
  // Sent mail, as an archive holds it (format-patch files would need no Message-ID).
  static let separator = "From dev@example.org Sun Sep 12 19:00:00 2021\n"

  static func mail(subject: String, id: String?, replyTo: String? = "c0", headers: String = "", body: String) -> String {
    var m = separator + "From: Dev Eloper <dev@example.org>\nSubject: \(subject)\nDate: Sun, 12 Sep 2021 19:00:00 +0300\n"
    if let id { m += "Message-Id: <\(id)>\n" }
    if let replyTo { m += "In-Reply-To: <\(replyTo)>\nReferences: <\(replyTo)>\n" }
    m += headers + "\n" + body
    return m.hasSuffix("\n") ? m : m + "\n"
  }

  static func cover() -> String {
    mail(subject: "[PATCH 0/3] uapi: three steps", id: "c0", replyTo: nil, body: "Three steps.\n")
  }

  static func patchBody(_ n: Int) -> String {
    MailFactory.patch("Step \(n).", path: "include/uapi/linux/s\(n).h", old: ["\t__u32 pad\(n);"], new: ["\t__u32 flags\(n);"])
  }

  static func patch(_ n: Int, id: String? = nil, headers: String = "", body: String? = nil) -> String {
    mail(subject: "[PATCH \(n)/3] uapi: step \(n)", id: id ?? "p\(n)", headers: headers, body: body ?? patchBody(n))
  }

  /// The mbox: mail `n` (0 is the cover) replaced by `replacing[n]`, `after[n]` put after it.
  static func mbox(replacing: [Int: String] = [:], after: [Int: String] = [:]) -> String {
    (0...3).map { n in (replacing[n] ?? (n == 0 ? cover() : patch(n))) + (after[n] ?? "") }.joined()
  }

  static func assemble(_ text: String, label: String = "bad.mbox") -> SeriesSet {
    var inputs = MailInputs()
    inputs.add(bytes: Array(text.utf8), label: label)
    return SeriesAssembler().assemble(inputs.store)
  }

  /// Writes `bytes` to a temporary file and reads it back as a file input.
  static func assembleFile(_ bytes: [UInt8], name: String) throws -> (set: SeriesSet, path: String) {
    let path = NSTemporaryDirectory() + "uapi-review-badinput-\(getpid())-\(name)"
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    var inputs = MailInputs()
    inputs.add(path: path)
    return (SeriesAssembler().assemble(inputs.store), path)
  }

  /// Every diagnostic of the set: inputs, threading, versions, mails and replies.
  static func diagnostics(_ set: SeriesSet) -> [Diagnostic] {
    var out = set.diagnostics
    for s in set.series {
      for v in s.versions {
        out += v.diagnostics
        for m in [v.cover].compactMap({ $0 }) + v.patches {
          out += m.diagnostics
          for r in m.replies { out += r.mail.diagnostics }
        }
      }
    }
    return out
  }

  /// `file:line:col` of the first occurrence of `marker` in `text` (column in bytes, 1-based).
  static func location(of marker: String, in text: String, file: String = "bad.mbox", occurrence: Int = 1) -> String {
    var seen = 0
    for (k, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      guard let r = line.range(of: marker) else { continue }
      seen += 1
      if seen == occurrence { return "\(file):\(k + 1):\(line.utf8.distance(from: line.startIndex, to: r.lowerBound) + 1)" }
    }
    return "\(file):?:? (\(marker) not found)"
  }

  /// `file:line:1` of the line `lines` below the one with `marker`.
  static func lineStart(of marker: String, in text: String, file: String = "bad.mbox", occurrence: Int = 1, lines: Int = 0) -> String {
    let parts = location(of: marker, in: text, file: file, occurrence: occurrence).split(separator: ":")
    return "\(file):\((Int(parts[parts.count - 2]) ?? 0) + lines):1"
  }

  static func locations(_ set: SeriesSet, _ id: String) -> [String] {
    diagnostics(set).filter { $0.id == id }.compactMap { $0.location?.description }
  }

  /// The one series with its one version holding the cover and `patches`, in order, each with
  /// the file it changes unless listed in `empty`.
  static func expectIntact(
    _ set: SeriesSet, patches: [Int] = [1, 2, 3], empty: Set<Int> = [], sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) {
    #expect(set.series.count == 1, sourceLocation: sourceLocation)
    guard let v = set.series.first?.versions.first else {
      Issue.record("no series", sourceLocation: sourceLocation)
      return
    }
    #expect(set.series.first?.versions.count == 1, sourceLocation: sourceLocation)
    #expect(v.cover?.mail.messageID == "c0", sourceLocation: sourceLocation)
    #expect(v.patches.map(\.index) == patches, sourceLocation: sourceLocation)
    for p in v.patches where !empty.contains(p.index) {
      #expect(p.files.map(\.path) == ["include/uapi/linux/s\(p.index).h"], "patch \(p.index)", sourceLocation: sourceLocation)
    }
  }

  /// A small deterministic generator (xorshift64*), so garbage is the same on every run.
  struct Random {
    var state: UInt64
    init(seed: UInt64) { state = seed | 1 }
    mutating func next() -> UInt64 {
      state ^= state >> 12
      state ^= state << 25
      state ^= state >> 27
      return state &* 2_685_821_657_736_338_717
    }
    mutating func bytes(_ n: Int) -> [UInt8] {
      var out: [UInt8] = []
      out.reserveCapacity(n)
      while out.count < n {
        let v = next()
        for k in 0..<8 where out.count < n { out.append(UInt8(truncatingIfNeeded: v >> (8 * k))) }
      }
      return out
    }
  }

  static func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
  }
}

/// Broken, cut, huge and hostile mail: nothing crashes or hangs, each problem is a diagnostic at
/// the line (and column) where it is, and the rest of the series still assembles.
@Suite struct SeriesBadInputTests {
  // MARK: Truncated mail

  @Test func mailCutInsideItsHeaders() throws {
    let head = BadSeries.separator + "From: Dev Eloper <dev@example.org>\nSubject: [PATCH 2/3] uapi: step 2\nMessage-Id: <p2>\n"
    let text = BadSeries.mbox(replacing: [2: head + "In-Reply-To: <c0>\nX-Mailer: git-send-em\n"])
    let set = BadSeries.assemble(text)
    BadSeries.expectIntact(set, empty: [2])
    #expect(BadSeries.locations(set, "mail.no-body") == [BadSeries.lineStart(of: "X-Mailer: git-send-em", in: text)])

    // The last mail of a file, cut in the middle of a header line, without a final newline.
    let tail = BadSeries.mbox(replacing: [3: ""]) + head.replacingOccurrences(of: "2", with: "3") + "In-Reply-To: <c0>\nX-Mailer: git-se"
    let file = try BadSeries.assembleFile(Array(tail.utf8), name: "cut-headers.mbox")
    BadSeries.expectIntact(file.set, empty: [3])
    #expect(BadSeries.locations(file.set, "mail.no-body") == [BadSeries.lineStart(of: "X-Mailer: git-se", in: tail, file: file.path)])
  }

  @Test func mailCutInsideAHunkIsAShortHunkAtItsMboxLine() throws {
    let body = BadSeries.patchBody(2)
    let cut = String(body[..<body.range(of: "+\t__u32 flags2;")!.lowerBound])
    let text = BadSeries.mbox(replacing: [2: BadSeries.patch(2, body: cut)])
    let set = BadSeries.assemble(text)
    BadSeries.expectIntact(set)
    // The hunk header of patch 2 is the second `@@` of the mbox.
    #expect(BadSeries.locations(set, "diff.short-hunk") == [BadSeries.location(of: "@@ -10,3", in: text, occurrence: 2)])
    let p2 = try #require(set.series.first?.versions.first?.patches[1])
    #expect(p2.files.first?.hunks.first?.lines.map(\.kind) == [.context, .removed])
  }

  // MARK: MIME

  static func multipart(boundary: String, parts: String, close: Bool) -> String {
    "This is a multi-part message in MIME format.\n--\(boundary)\nContent-Type: text/plain; charset=UTF-8\n\n"
      + parts + (close ? "--\(boundary)--\n" : "")
  }

  @Test func mimeBoundaryNeverClosed() {
    let body = Self.multipart(boundary: "b1", parts: BadSeries.patchBody(2), close: false)
    let text = BadSeries.mbox(replacing: [2: BadSeries.patch(2, headers: "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b1\"\n", body: body)])
    let set = BadSeries.assemble(text)
    BadSeries.expectIntact(set)
    // Reported where the closing boundary was due: the mail's last line.
    #expect(BadSeries.locations(set, "mail.mime-unterminated") == [BadSeries.location(of: "2.30.2", in: text, occurrence: 2)])
  }

  @Test func mimeBoundaryNeverAppears() {
    let headers = "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"nowhere\"\n"
    let text = BadSeries.mbox(replacing: [2: BadSeries.patch(2, headers: headers)])
    let set = BadSeries.assemble(text)
    // git reads such a body as empty; the patch is still there, without its diff.
    BadSeries.expectIntact(set, empty: [2])
    #expect(BadSeries.locations(set, "mail.mime-boundary-missing") == [BadSeries.lineStart(of: "boundary=\"nowhere\"", in: text)])
  }

  @Test func mimeNestedMoreThanFiveDeep() {
    // Each part has a preamble line before its first boundary: git (and so MailReader) reads
    // the line right after part headers as text, never as a boundary.
    var body = ""
    for depth in 1...5 {
      body += "--b\(depth)\nContent-Type: multipart/mixed; boundary=\"b\(depth + 1)\"\n\npreamble\n"
    }
    body += "--b6\nContent-Type: text/plain\n\n" + BadSeries.patchBody(2) + "--b6--\n"
    for depth in (1...5).reversed() { body += "--b\(depth)--\n" }
    let text = BadSeries.mbox(replacing: [2: BadSeries.patch(2, headers: "Content-Type: multipart/mixed; boundary=\"b1\"\n", body: body)])
    let set = BadSeries.assemble(text)
    BadSeries.expectIntact(set)
    // Five boundaries (b1...b5) are git's limit: the sixth declaration is refused.
    #expect(BadSeries.locations(set, "mail.mime-too-deep") == [BadSeries.lineStart(of: "boundary=\"b6\"", in: text)])
  }

  // MARK: Transfer encodings

  @Test func invalidBase64IsSkippedAndReportedAtItsColumn() throws {
    var encoded = Data(BadSeries.patchBody(2).utf8).base64EncodedString(options: .lineLength76Characters)
      .replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n").map(String.init)
    // Garbage in the middle of the third line: skipping it keeps the 4-character groups aligned.
    encoded[2].insert(contentsOf: "*%!", at: encoded[2].index(encoded[2].startIndex, offsetBy: 12))
    let text = BadSeries.mbox(replacing: [
      2: BadSeries.patch(2, headers: "Content-Transfer-Encoding: base64\n", body: encoded.joined(separator: "\n") + "\n")
    ])
    let set = BadSeries.assemble(text)
    BadSeries.expectIntact(set)
    #expect(BadSeries.locations(set, "mail.base64-invalid") == [BadSeries.location(of: "*%!", in: text)])
    let p2 = try #require(set.series.first?.versions.first?.patches[1])
    #expect(p2.mail.message.hasPrefix("Step 2.") && p2.files.first?.added == 1)
  }

  @Test func invalidQuotedPrintableIsKeptAndReportedAtItsColumn() throws {
    let body = BadSeries.patchBody(2).replacingOccurrences(of: "Step 2.", with: "Step 2 =GG raw=3Dequals, soft=\nbreak.")
    let text = BadSeries.mbox(replacing: [2: BadSeries.patch(2, headers: "Content-Transfer-Encoding: quoted-printable\n", body: body)])
    let set = BadSeries.assemble(text)
    BadSeries.expectIntact(set)
    #expect(BadSeries.locations(set, "mail.quoted-printable-invalid") == [BadSeries.location(of: "=GG", in: text)])
    let p2 = try #require(set.series.first?.versions.first?.patches[1])
    #expect(p2.mail.message.hasPrefix("Step 2 =GG raw=equals, softbreak."))
  }

  // MARK: Size

  /// One patch mail of 100 MiB: a hunk adding 1,638,400 lines of 64 bytes.
  @Test func hundredMegabyteMessage() throws {
    let lineCount = 1024 * 1600
    var line = Array("+\t0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,".utf8)
    line += Array(repeating: UInt8(ascii: " "), count: 63 - line.count) + [ByteTextNewline.value]
    let block = Array([[UInt8]](repeating: line, count: 1024).joined())
    var huge = Array(BadSeries.mail(subject: "[PATCH 2/3] uapi: step 2", id: "p2", body: "Step 2.\n\nSigned-off-by: Dev Eloper <dev@example.org>\n---\n include/uapi/linux/s2.h | \(lineCount) +\n 1 file changed, \(lineCount) insertions(+)\n\ndiff --git a/include/uapi/linux/s2.h b/include/uapi/linux/s2.h\nnew file mode 100644\nindex 0000000..2222222\n--- /dev/null\n+++ b/include/uapi/linux/s2.h\n@@ -0,0 +1,\(lineCount) @@\n").utf8)
    huge.reserveCapacity(huge.count + lineCount * 64 + 100)
    for _ in 0..<1600 { huge += block }
    huge += Array("-- \n2.30.2\n".utf8)
    #expect(huge.count > 100 << 20)
    let head = BadSeries.cover() + BadSeries.patch(1)
    let bytes = Array(head.utf8) + huge + Array(BadSeries.patch(3).utf8)

    let clock = ContinuousClock()
    let start = clock.now
    let (set, path) = try BadSeries.assembleFile(bytes, name: "huge.mbox")
    let elapsed = BadSeries.seconds(clock.now - start)
    print("100 MiB message: read and assembled in \(elapsed) s")
    BadSeries.expectIntact(set)
    // Read in full: every added line is in the hunk, nothing is reported about the mail.
    let p2 = try #require(set.series.first?.versions.first?.patches[1])
    #expect(p2.files.first?.added == lineCount && p2.files.first?.hunks.count == 1)
    #expect(p2.diagnostics.isEmpty && set.diagnostics.isEmpty)
    #expect(p2.mail.line == head.split(separator: "\n", omittingEmptySubsequences: false).count)
    #expect(path.hasSuffix("huge.mbox"))
    // A guard against a hang, not a speed target (make bench measures speed): about 7 s in a
    // debug build on a shared 2-core machine.
    #expect(elapsed < 120, "\(elapsed) s")
  }

  // MARK: Hunk counts

  @Test func hunkClaimsMoreLinesThanItHas() {
    let body = BadSeries.patchBody(2).replacingOccurrences(of: "@@ -10,3 +10,3 @@", with: "@@ -10,3 +10,9 @@")
    let text = BadSeries.mbox(replacing: [2: BadSeries.patch(2, body: body)])
    let set = BadSeries.assemble(text)
    BadSeries.expectIntact(set)
    #expect(BadSeries.locations(set, "diff.short-hunk") == [BadSeries.location(of: "@@ -10,3 +10,9 @@", in: text)])
  }

  @Test func hunkClaimsFewerLinesThanItHas() throws {
    let body = BadSeries.patchBody(2).replacingOccurrences(of: "@@ -10,3 +10,3 @@", with: "@@ -10,1 +10,1 @@")
    let text = BadSeries.mbox(replacing: [2: BadSeries.patch(2, body: body)])
    let set = BadSeries.assemble(text)
    BadSeries.expectIntact(set)
    // The first line past the claimed count is where the hunk overruns.
    #expect(BadSeries.locations(set, "diff.long-hunk") == [BadSeries.location(of: "-\t__u32 pad2;", in: text)])
    #expect(BadSeries.locations(set, "diff.diffstat-mismatch").count == 2)
    let p2 = try #require(set.series.first?.versions.first?.patches[1])
    #expect(p2.files.first?.hunks.first?.lines.count == 1)
  }

  // MARK: Binary garbage

  @Test func garbageBytesBetweenMails() throws {
    var random = BadSeries.Random(seed: 7)
    var garbage = random.bytes(8192)
    garbage[100] = 0
    let head = Array(BadSeries.mbox(replacing: [2: "", 3: ""]).utf8)
    let bytes = head + garbage + [ByteTextNewline.value] + Array((BadSeries.patch(2) + BadSeries.patch(3)).utf8)
    let (set, path) = try BadSeries.assembleFile(bytes, name: "garbage-between.mbox")
    BadSeries.expectIntact(set)
    // The first NUL is byte 100 of the garbage, which starts on a line of its own.
    let nul = head.count + garbage.firstIndex(of: 0)!
    let line = bytes[..<nul].filter { $0 == ByteTextNewline.value }.count + 1
    let lineStart = (bytes[..<nul].lastIndex(of: ByteTextNewline.value) ?? -1) + 1
    #expect(BadSeries.locations(set, "input.binary") == ["\(path):\(line):\(nul - lineStart + 1)"])
  }

  @Test func garbageBeforeTheFirstMail() throws {
    var random = BadSeries.Random(seed: 11)
    let bytes = [UInt8(0)] + random.bytes(4096) + [ByteTextNewline.value] + Array(BadSeries.mbox().utf8)
    let (set, path) = try BadSeries.assembleFile(bytes, name: "garbage-first.mbox")
    BadSeries.expectIntact(set)
    #expect(BadSeries.locations(set, "input.not-mail") == ["\(path):1:1"])
    #expect(set.messageCount == 4)
  }

  @Test func wholeFileOfGarbage() throws {
    var random = BadSeries.Random(seed: 3)
    let (set, path) = try BadSeries.assembleFile(random.bytes(1 << 16), name: "garbage.bin")
    #expect(set.series.isEmpty && set.messageCount == 0)
    #expect(BadSeries.locations(set, "input.no-mail") == ["\(path):1:1"])
  }

  @Test func randomBytesNeverCrashTheReaders() {
    var random = BadSeries.Random(seed: 99)
    for k in 0..<200 {
      var bytes = random.bytes(Int(random.next() % 3000))
      // Half of the inputs look like a mail at first, so the body paths run too.
      if k % 2 == 0 { bytes = Array("Subject: [PATCH 1/1] x\nContent-Type: multipart/mixed; boundary=b\n\n--b\n".utf8) + bytes }
      let mail = MailReader.read(bytes, path: "random", firstLine: 1)
      #expect(mail.diagnostics.allSatisfy { ($0.location?.line ?? 0) >= 1 })
      var parser = PatchParser(path: "random")
      _ = parser.parse(Charsets.visible(bytes))
    }
  }

  // MARK: Threading

  @Test func tenThousandReferencesStillAttach() throws {
    var refs = ["<p2>"]
    for k in 1..<10_000 { refs.append("<unknown-\(k)@example.org>") }
    let reply = BadSeries.mail(
      subject: "An unrelated subject", id: "r1", replyTo: nil, headers: "References: " + refs.joined(separator: "\n "),
      body: "> -\t__u32 pad2;\n\nLooks good.\n\nReviewed-by: Reviewer <r@example.org>\n")
    let text = BadSeries.mbox(after: [3: reply])
    let clock = ContinuousClock()
    let start = clock.now
    let set = BadSeries.assemble(text)
    let elapsed = BadSeries.seconds(clock.now - start)
    BadSeries.expectIntact(set)
    let p2 = try #require(set.series.first?.versions.first?.patches[1])
    #expect(p2.replies.map(\.mail.messageID) == ["r1"] && p2.replies.first?.attachedBy == .thread)
    #expect(p2.collected.map(\.trailer.key) == ["Reviewed-by"])
    // A guard against quadratic threading (10,000² steps would take minutes), not a speed target.
    #expect(elapsed < 30, "\(elapsed) s")
  }

  @Test func referencesCycleBetweenPatches() {
    // Patch 2 answers patch 3 and patch 3 answers patch 2; both also name the cover.
    let p2 = BadSeries.mail(subject: "[PATCH 2/3] uapi: step 2", id: "p2", replyTo: nil, headers: "In-Reply-To: <p3>\nReferences: <c0> <p3>\n", body: BadSeries.patchBody(2))
    let p3 = BadSeries.mail(subject: "[PATCH 3/3] uapi: step 3", id: "p3", replyTo: nil, headers: "In-Reply-To: <p2>\nReferences: <c0> <p2>\n", body: BadSeries.patchBody(3))
    let text = BadSeries.mbox(replacing: [2: p2, 3: p3])
    let set = BadSeries.assemble(text)
    BadSeries.expectIntact(set)
    #expect(
      Set(BadSeries.locations(set, "thread.cycle"))
        == [BadSeries.location(of: "In-Reply-To: <p3>", in: text), BadSeries.location(of: "In-Reply-To: <p2>", in: text)])
  }

  @Test func referencesCycleBetweenReplies() throws {
    let a = BadSeries.mail(subject: "Re: [PATCH 2/3] uapi: step 2", id: "ra", replyTo: "rb", body: "A.\n")
    let b = BadSeries.mail(subject: "Re: [PATCH 2/3] uapi: step 2", id: "rb", replyTo: "ra", body: "B.\n")
    let text = BadSeries.mbox(after: [3: a + b])
    let set = BadSeries.assemble(text)
    BadSeries.expectIntact(set)
    let p2 = try #require(set.series.first?.versions.first?.patches[1])
    #expect(p2.replies.map(\.mail.messageID) == ["ra", "rb"] && p2.replies.allSatisfy { $0.attachedBy == .subject })
    #expect(
      Set(BadSeries.locations(set, "thread.cycle"))
        == [BadSeries.location(of: "In-Reply-To: <rb>", in: text), BadSeries.location(of: "In-Reply-To: <ra>", in: text)])
  }

  @Test func mailInReplyToItself() throws {
    let p2 = BadSeries.mail(subject: "[PATCH 2/3] uapi: step 2", id: "p2", replyTo: nil, headers: "In-Reply-To: <p2>\nReferences: <c0> <p2>\n", body: BadSeries.patchBody(2))
    let text = BadSeries.mbox(replacing: [2: p2])
    let set = BadSeries.assemble(text)
    BadSeries.expectIntact(set)
    #expect(BadSeries.locations(set, "thread.self-reply") == [BadSeries.location(of: "In-Reply-To: <p2>", in: text)])
  }

  // MARK: Message-IDs and empty input

  @Test func samePatchTwice() {
    let text = BadSeries.mbox(after: [2: BadSeries.patch(2)])
    let set = BadSeries.assemble(text)
    BadSeries.expectIntact(set)
    #expect(BadSeries.locations(set, "series.duplicate-patch") == [BadSeries.lineStart(of: "[PATCH 2/3]", in: text, occurrence: 2, lines: -2)])
    #expect(BadSeries.locations(set, "thread.duplicate-id").isEmpty)
  }

  @Test func differentMailsShareAMessageID() throws {
    let reply = BadSeries.mail(subject: "Re: review", id: "r1", replyTo: "p2", body: "Reviewed-by: Reviewer <r@example.org>\n")
    let text = BadSeries.mbox(replacing: [3: BadSeries.patch(3, id: "p2")], after: [3: reply])
    let set = BadSeries.assemble(text)
    BadSeries.expectIntact(set)
    let v = try #require(set.series.first?.versions.first)
    // Replies thread to the first mail with the id.
    #expect(v.patches[1].replies.map(\.mail.messageID) == ["r1"] && v.patches[2].replies.isEmpty)
    #expect(BadSeries.locations(set, "thread.duplicate-id") == [BadSeries.location(of: "Message-Id: <p2>", in: text, occurrence: 2)])
  }

  @Test func patchWithoutMessageID() throws {
    let text = BadSeries.mbox(replacing: [2: BadSeries.mail(subject: "[PATCH 2/3] uapi: step 2", id: nil, body: BadSeries.patchBody(2))])
    let set = BadSeries.assemble(text)
    BadSeries.expectIntact(set)
    #expect(BadSeries.locations(set, "thread.no-message-id") == [BadSeries.lineStart(of: "[PATCH 2/3]", in: text, lines: -2)])
    #expect(set.series.first?.versions.first?.patches[1].mail.messageID == nil)
  }

  @Test(arguments: [("empty", ""), ("blank", "\n\n  \n\r\n\t\n")])
  func fileWithoutMail(_ c: (String, String)) throws {
    let (set, path) = try BadSeries.assembleFile(Array(c.1.utf8), name: c.0)
    #expect(set.series.isEmpty && set.messageCount == 0 && set.unattached.isEmpty)
    #expect(BadSeries.locations(set, "input.no-mail") == ["\(path):1:1"])
    let inMemory = BadSeries.assemble(c.1, label: "<stdin>")
    #expect(BadSeries.locations(inMemory, "input.no-mail") == ["<stdin>:1:1"])
  }
}

enum ByteTextNewline {
  static let value = UInt8(ascii: "\n")
}
