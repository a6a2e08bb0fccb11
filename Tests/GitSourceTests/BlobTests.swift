import TestSupport
import Foundation
import GitSource
import Testing

/// `resolve`, `blob(at:path:)` and `treePaths(at:)` against `git rev-parse`, `git show` and `git ls-tree`.
@Suite struct BlobTests {
  let fixture: SeriesFixture
  let repository: GitRepository

  init() throws {
    fixture = try SeriesFixture()
    repository = try GitRepository(path: fixture.dir)
  }

  @Test(arguments: ["HEAD", "HEAD~2", "HEAD^{tree}", "HEAD:include/uapi/misc/hl.h", "HEAD~3"])
  func resolveMatchesRevParse(rev: String) throws {
    let fromGit = try GitCLI.text(["rev-parse", rev], in: fixture.dir).trimmingCharacters(in: .newlines)
    #expect(try repository.resolve(rev) == fromGit)
  }

  @Test func abbreviatedIdResolves() throws {
    #expect(try repository.resolve(String(fixture.base.prefix(10))) == fixture.base)
  }

  @Test(arguments: [
    ("HEAD", SeriesFixture.header), ("HEAD~3", SeriesFixture.header), ("HEAD", "include/uapi/misc/hl_dmabuf.h"),
    ("HEAD~3", "firmware/hl.bin"), ("HEAD", "firmware/hl.bin"), ("HEAD", "drivers/misc/hl/mem.c"),
  ])
  func blobMatchesGitShow(rev: String, path: String) throws {
    let fromGit = try GitCLI.run(["show", "\(rev):\(path)"], in: fixture.dir)
    try #require(fromGit.status == 0)
    #expect(try repository.blob(at: rev, path: path) == Array(fromGit.stdout))
  }

  @Test func binaryBlobIsByteExact() throws {
    #expect(try repository.blob(at: "HEAD~3", path: "firmware/hl.bin") == SeriesFixture.binary)
    #expect(try repository.blob(at: "HEAD", path: "firmware/hl.bin") == SeriesFixture.binaryChanged)
  }

  /// A path absent at that revision is nil, as is a directory; git show fails on the former.
  @Test func missingPathIsNil() throws {
    #expect(try GitCLI.run(["show", "HEAD:drivers/misc/hl/memory.c"], in: fixture.dir).status != 0)
    #expect(try repository.blob(at: "HEAD", path: "drivers/misc/hl/memory.c") == nil)
    #expect(try repository.blob(at: "HEAD~3", path: "include/uapi/misc/hl_dmabuf.h") == nil)
    #expect(try repository.blob(at: "HEAD", path: "drivers/misc") == nil)
    #expect(try repository.blob(at: "HEAD", path: "no/such/dir/file.h") == nil)
  }

  @Test func treePathsMatchLsTree() throws {
    let fromGit = try GitCLI.text(["ls-tree", "-r", "--name-only", "HEAD"], in: fixture.dir)
    #expect(try repository.treePaths(at: "HEAD") == fromGit.split(separator: "\n").map(String.init))
  }

  /// Writing through libgit2 leaves a repository git itself finds sound.
  @Test func writtenRepositoryPassesFsck() throws {
    #expect(try GitCLI.run(["fsck", "--strict"], in: fixture.dir).status == 0)
    #expect(!repository.isBare)
  }
}
