import TestSupport
import Foundation
import GitSource
import Testing

/// Reading a public-inbox v2 archive: two epochs written the way public-inbox writes them (one
/// message `m` per commit, a deletion as `d`), an empty third epoch, and an `all.git` beside them.
@Suite struct PublicInboxTests {
  let inbox: String
  let mails: [[UInt8]]

  static func mail(_ n: Int) -> [UInt8] {
    """
    From: Dev \(n) <dev\(n)@example.org>
    Subject: [PATCH v6 \(n)/3] habanalabs: part \(n)
    Message-ID: <part\(n)@example.org>
    Date: Sun, 12 Sep 2021 12:0\(n):00 +0000

    Body \(n).

    """.bytes
  }

  init() throws {
    inbox = try temporaryDirectory("inbox")
    mails = (1...4).map(Self.mail)
    let archiver = GitSignature(name: "public-inbox", email: "archiver@example.org", time: 1_631_448_000)
    let zero = try GitRepository.create(at: inbox + "/git/0.git", bare: true)
    // public-inbox keeps exactly one file per commit: the new message replaces the last one.
    try zero.commit(files: ["m": mails[0]], message: "part 1", author: archiver)
    try zero.commit(files: ["m": mails[1]], message: "part 2", author: archiver)
    try zero.commit(files: ["m": nil, "d": mails[0]], message: "remove part 1", author: archiver)
    let one = try GitRepository.create(at: inbox + "/git/1.git", bare: true)
    try one.commit(files: ["m": mails[2]], message: "part 3", author: archiver)
    try one.commit(files: ["m": mails[3]], message: "part 4", author: archiver)
    _ = try GitRepository.create(at: inbox + "/git/2.git", bare: true)
    _ = try GitRepository.create(at: inbox + "/all.git", bare: true)
  }

  @Test func epochsAreFoundInOrder() throws {
    let archive = try PublicInbox(path: inbox)
    #expect(archive.epochs.map(\.number) == [0, 1, 2])
  }

  @Test func messagesComeInEpochThenCommitOrder() throws {
    let entries = try PublicInbox(path: inbox).messages()
    #expect(entries.map(\.kind) == [.message, .message, .deletion, .message, .message])
    #expect(entries.map(\.epoch) == [0, 0, 0, 1, 1])
    #expect(entries.map(\.bytes) == [mails[0], mails[1], mails[0], mails[2], mails[3]])
    // The deletion names the blob of the message it removes.
    #expect(entries[2].blob == entries[0].blob)
  }

  /// Commit ids and blob bytes agree with what git itself reads from each epoch.
  @Test func entriesMatchGit() throws {
    let entries = try PublicInbox(path: inbox).messages()
    for epoch in [0, 1] {
      let gitDir = "--git-dir=\(inbox)/git/\(epoch).git"
      let ids = try GitCLI.text([gitDir, "rev-list", "--reverse", "HEAD"], in: inbox).split(separator: "\n").map(
        String.init)
      let ours = entries.filter { $0.epoch == epoch }
      #expect(ours.map(\.commit) == ids)
      for entry in ours {
        let name = entry.kind == .message ? "m" : "d"
        let blob = try GitCLI.run([gitDir, "cat-file", "blob", "\(entry.commit):\(name)"], in: inbox)
        #expect(Array(blob.stdout) == entry.bytes)
        let blobID = try GitCLI.text([gitDir, "rev-parse", "\(entry.commit):\(name)"], in: inbox)
        #expect(blobID.trimmingCharacters(in: .newlines) == entry.blob)
      }
    }
  }

  @Test func oneEpochRepositoryAlone() throws {
    let archive = try PublicInbox(path: inbox + "/git/1.git")
    #expect(archive.epochs.map(\.number) == [1])
    #expect(try archive.messages().map(\.bytes) == [mails[2], mails[3]])
  }

  @Test func streamingStopsWhenTheCallerThrows() throws {
    struct Enough: Error {}
    var seen = 0
    #expect(throws: Enough.self) {
      try PublicInbox(path: inbox).forEachMessage { _ in
        seen += 1
        if seen == 2 { throw Enough() }
      }
    }
    #expect(seen == 2)
  }
}
