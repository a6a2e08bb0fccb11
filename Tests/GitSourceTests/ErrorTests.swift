import TestSupport
import Foundation
import GitSource
import Testing

/// Bad input gives a one-line error saying what failed, with libgit2's reason; nothing crashes.
@Suite struct ErrorTests {
  func message(_ body: () throws -> Void) -> String? {
    do {
      try body()
      return nil
    } catch let error as GitSourceError {
      return error.message
    } catch {
      return "unexpected \(error)"
    }
  }

  @Test func notARepository() throws {
    let dir = try temporaryDirectory("not-a-repo")
    let text = try #require(message { _ = try GitRepository(path: dir) })
    #expect(text.hasPrefix("cannot open repository at \(dir): "))
    #expect(text.count > "cannot open repository at \(dir): ".count)
    let missing = try #require(message { _ = try GitRepository(path: dir + "/missing") })
    #expect(missing.hasPrefix("cannot open repository at \(dir)/missing: "))
  }

  @Test func badRevisions() throws {
    let fixture = try SeriesFixture()
    let repository = try GitRepository(path: fixture.dir)
    let resolve = try #require(message { _ = try repository.resolve("no-such-branch") })
    #expect(resolve.hasPrefix("cannot resolve revision 'no-such-branch' in \(fixture.dir): "))
    #expect(resolve.contains("no-such-branch"))
    let blob = try #require(message { _ = try repository.blob(at: "HEAD~9", path: SeriesFixture.header) })
    #expect(blob.hasPrefix("cannot resolve revision 'HEAD~9'"))
    let range = try #require(message { _ = try repository.commits(range: "v9.9..HEAD") })
    #expect(range.hasPrefix("cannot walk range 'v9.9..HEAD' in \(fixture.dir): "))
    let single = try #require(message { _ = try repository.commits(range: "nope") })
    #expect(single.hasPrefix("cannot resolve revision 'nope'"))
    let notCommit = try #require(message { _ = try repository.commits(range: "HEAD^{tree}") })
    #expect(notCommit.hasPrefix("revision 'HEAD^{tree}' in \(fixture.dir) is not a commit: "))
  }

  @Test func notAnInbox() throws {
    let dir = try temporaryDirectory("not-an-inbox")
    let empty = try #require(message { _ = try PublicInbox(path: dir) })
    #expect(empty == "not a public-inbox v2 archive at \(dir): no git/N.git epochs and not a git repository")
    try FileManager.default.createDirectory(atPath: dir + "/git/objects", withIntermediateDirectories: true)
    let noEpochs = try #require(message { _ = try PublicInbox(path: dir) })
    #expect(noEpochs == "not a public-inbox v2 archive at \(dir): git/ holds no N.git epoch repositories")
    let missing = try #require(message { _ = try PublicInbox(path: dir + "/missing") })
    #expect(missing == "not a public-inbox v2 archive at \(dir)/missing: no such directory")
  }

  /// An epoch directory that is not a repository fails when read, naming the epoch.
  @Test func brokenEpoch() throws {
    let dir = try temporaryDirectory("broken-epoch")
    try FileManager.default.createDirectory(atPath: dir + "/git/0.git", withIntermediateDirectories: true)
    let archive = try PublicInbox(path: dir)
    let text = try #require(message { _ = try archive.messages() })
    #expect(text.hasPrefix("cannot open repository at \(dir)/git/0.git: "))
  }
}
