import Foundation
import MailSeries
import Testing

/// Messages split out of an mbox equal what `git mailsplit` writes.
@Suite struct MboxTests {
  static let mbox = """
    From 2ac4d85f825eec72b0310d989e1804d1f2c3bbe5 Mon Sep 17 00:00:00 2001
    From: Dev <dev@example.org>
    Subject: [PATCH 1/2] one

    From the start of a sentence, not a separator.
    >From quoted once
    >>From quoted twice

    From 3bd5e96f825eec72b0310d989e1804d1f2c3bbe5 Mon Sep 17 00:00:00 2001\r
    From: Dev <dev@example.org>\r
    Subject: [PATCH 2/2] two\r
    \r
    crlf body\r
    From someone@example.org Sun Sep 12 19:53:09 2021
    From: Other <o@example.org>
    Subject: Re: [PATCH 2/2] two

    > quoted
    reply

    """

  @Test(arguments: [false, true])
  func splitMatchesGitMailsplit(_ mboxrd: Bool) throws {
    let dir = NSTemporaryDirectory() + "uapi-review-mailsplit-\(getpid())-\(mboxrd)"
    try FileManager.default.createDirectory(atPath: dir + "/out", withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try Self.mbox.write(toFile: dir + "/in.mbox", atomically: true, encoding: .utf8)
    let count = try PatchParserTests.git(
      ["mailsplit", "-o" + dir + "/out"] + (mboxrd ? ["--mboxrd"] : []) + [dir + "/in.mbox"], in: dir)
    let ours = Mbox.split(Self.mbox, mboxrd: mboxrd)
    #expect(Int(count.trimmingCharacters(in: .whitespacesAndNewlines)) == ours.count)
    #expect(ours.count == 3)
    for (k, message) in ours.enumerated() {
      let theirs = try String(contentsOfFile: dir + "/out/" + String(format: "%04d", k + 1), encoding: .utf8)
      #expect(message.text == theirs, "message \(k + 1)")
    }
    #expect(ours.map(\.line) == [1, 9, 14])
  }
}
