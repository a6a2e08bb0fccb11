import TestSupport
import Foundation
import GitSource
import Testing

/// `commits(range:)` against `git format-patch` and `git log` on the same repository.
@Suite struct CommitRangeTests {
  let fixture: SeriesFixture
  let repository: GitRepository

  init() throws {
    fixture = try SeriesFixture()
    repository = try GitRepository(path: fixture.dir)
  }

  @Test func rangeListsTheSeriesOldestFirst() throws {
    let patches = try repository.commits(range: "\(fixture.base)..HEAD")
    #expect(patches.map(\.id) == fixture.series)
    #expect(patches.map(\.number) == [1, 2, 3])
    #expect(patches.allSatisfy { $0.total == 3 })
    let fromGit = try GitCLI.text(["rev-list", "--reverse", "--no-merges", "\(fixture.base)..HEAD"], in: fixture.dir)
    #expect(patches.map(\.id) == fromGit.split(separator: "\n").map(String.init))
  }

  /// Ids, people, times, zones, subject, body and message equal what `git log` prints.
  @Test func fieldsMatchGitLog() throws {
    let patches = try repository.commits(range: "\(fixture.base)..HEAD")
    let format = ["%H", "%an", "%ae", "%ad", "%cn", "%ce", "%cd", "%s", "%b", "%B"].joined(separator: "%x1f") + "%x1e"
    let log = try GitCLI.text(
      ["log", "--reverse", "--date=raw", "--format=\(format)", "\(fixture.base)..HEAD"], in: fixture.dir)
    let records = log.split(separator: "\u{1e}").map { $0.trimmingCharacters(in: .newlines) }.filter { !$0.isEmpty }
    try #require(records.count == patches.count)
    for (patch, record) in zip(patches, records) {
      let f = record.split(separator: "\u{1f}", omittingEmptySubsequences: false).map(String.init)
      #expect(f[0] == patch.id)
      #expect(f[1] == patch.author.name)
      #expect(f[2] == patch.author.email)
      #expect(f[3] == raw(patch.author))
      #expect(f[4] == patch.committer.name)
      #expect(f[5] == patch.committer.email)
      #expect(f[6] == raw(patch.committer))
      #expect(f[7] == patch.summary)
      // git log's %b and %B end in the message's own newline; libgit2's body is trimmed.
      #expect(f[8].trimmingCharacters(in: .whitespacesAndNewlines) == patch.body)
      #expect(f[9] == patch.message.trimmingCharacters(in: .newlines))
    }
    #expect(patches[0].summary == "habanalabs: add HL_MEM_OP_EXPORT_DMABUF_FD to the memory ioctl")
    #expect(patches[0].author.offsetMinutes == 120)
    #expect(patches[0].committer.offsetMinutes == -300)
    #expect(patches[2].body.isEmpty)
  }

  /// Each libgit2 mail reads, through `git mailinfo`, exactly as git format-patch's mail does.
  @Test func mailsMatchGitFormatPatch() throws {
    let patches = try repository.commits(range: "\(fixture.base)..HEAD")
    let outDir = try temporaryDirectory("format-patch")
    try GitCLI.text(["format-patch", "-q", "-o", outDir, "\(fixture.base)..HEAD"], in: fixture.dir)
    let files = try FileManager.default.contentsOfDirectory(atPath: outDir).filter { $0.hasSuffix(".patch") }.sorted()
    try #require(files.count == patches.count)
    for (patch, file) in zip(patches, files) {
      let fromGit = try String(contentsOfFile: outDir + "/" + file, encoding: .utf8)
      try expectSameMail(patch.mail, fromGit, patch: patch)
    }
    // The non-ASCII author of patch 2: encoded by git, raw UTF-8 from libgit2 1.5.
    #expect(patches[1].mail.contains("\nFrom: Tomér Täyar <ttayar@example.org>\n"))
    #expect(!patches[1].mail.contains("\nContent-Type: "))
    let gitMail = try String(contentsOfFile: outDir + "/" + files[1], encoding: .utf8)
    #expect(gitMail.contains("\nFrom: =?UTF-8?q?Tom=C3=A9r=20T=C3=A4yar?= <ttayar@example.org>\n"))
    #expect(gitMail.contains("\nContent-Type: text/plain; charset=UTF-8\n"))
  }

  /// `git am` of the libgit2 mails onto the base recreates every tree, author, date and message,
  /// which proves the binary literals and renames carry the same content as git's.
  @Test func mailsApplyToTheSameTrees() throws {
    let patches = try repository.commits(range: "\(fixture.base)..HEAD")
    let clone = try temporaryDirectory("am")
    try GitCLI.text(["clone", "-q", "--no-checkout", fixture.dir, clone], in: clone)
    try GitCLI.text(["checkout", "-q", fixture.base], in: clone)
    let mbox = patches.map(\.mail).joined()
    try GitCLI.text(
      ["-c", "user.name=Applier", "-c", "user.email=applier@example.org", "am", "-q", "--keep-cr"], in: clone,
      input: Data(mbox.utf8))
    // %s and %b, not %B: a mail carries the subject paragraph as one line, for git's own mails too.
    let format = "--format=%T%x1f%an%x1f%ae%x1f%ad%x1f%s%x1f%b%x1e"
    let applied = try GitCLI.text(["log", "--reverse", "--date=raw", format, "\(fixture.base)..HEAD"], in: clone)
    let original = try GitCLI.text(
      ["log", "--reverse", "--date=raw", format, "\(fixture.base)..HEAD"], in: fixture.dir)
    #expect(!applied.isEmpty)
    #expect(applied == original)
  }

  /// A single revision is that commit alone, numbered as git numbers a one-patch series.
  @Test func singleRevisionIsOnePatch() throws {
    let patches = try repository.commits(range: "HEAD~1")
    try #require(patches.count == 1)
    #expect(patches[0].id == fixture.series[1])
    #expect(patches[0].number == 1 && patches[0].total == 1)
    let fromGit = try GitCLI.text(["format-patch", "-1", "--stdout", "HEAD~1"], in: fixture.dir)
    try expectSameMail(patches[0].mail, fromGit, patch: patches[0])
    #expect(patches[0].mail.contains("\nSubject: [PATCH] habanalabs: rename memory.c to mem.c\n"))
  }

  /// A root commit is diffed against the empty tree, as git does.
  @Test func rootCommitDiffsAgainstTheEmptyTree() throws {
    let patches = try repository.commits(range: fixture.base)
    try #require(patches.count == 1)
    let fromGit = try GitCLI.text(["format-patch", "-1", "--stdout", fixture.base], in: fixture.dir)
    try expectSameMail(patches[0].mail, fromGit, patch: patches[0])
  }

  /// Merges are skipped and not counted, as format-patch does.
  @Test func mergesAreSkipped() throws {
    let dir = fixture.dir
    try GitCLI.text(["checkout", "-q", "-b", "side", fixture.base], in: dir)
    try GitCLI.text(
      ["-c", "user.name=Side", "-c", "user.email=side@example.org", "commit", "-q", "--allow-empty", "-m", "side"],
      in: dir)
    try GitCLI.text(["checkout", "-q", "-"], in: dir)
    try GitCLI.text(
      ["-c", "user.name=Merger", "-c", "user.email=m@example.org", "merge", "-q", "--no-edit", "--no-ff", "side"],
      in: dir)
    let patches = try repository.commits(range: "\(fixture.base)..HEAD")
    let fromGit = try GitCLI.text(["rev-list", "--reverse", "--no-merges", "\(fixture.base)..HEAD"], in: dir)
    #expect(patches.map(\.id) == fromGit.split(separator: "\n").map(String.init))
    #expect(patches.count == 4)
    #expect(patches.allSatisfy { $0.total == 4 })
  }

  // MARK: - Helpers

  /// `1631448000 +0200`, as `git log --date=raw` writes a signature's time.
  func raw(_ signature: GitSignature) -> String {
    let sign = signature.offsetMinutes < 0 ? "-" : "+"
    let minutes = abs(signature.offsetMinutes)
    return "\(signature.time) \(sign)\(String(format: "%02d%02d", minutes / 60, minutes % 60))"
  }

  /// Compares two mails through `git mailinfo` (author, email, subject, date, message, patch)
  /// plus the `From <id>` line and the numbered Subject, which mailinfo strips.
  ///
  /// Known libgit2 1.5 differences, each checked as narrowly as it allows rather than ignored:
  /// - the diffstat graph is not scaled to git's 80 columns, its columns are padded differently,
  ///   and the `rename a => b (NN%)` summary line is missing: file names, counts, create/delete
  ///   lines and the totals line are compared, the bar and the padding are not;
  /// - binary literals are deflated with another zlib level, so their base85 lines differ while
  ///   encoding the same bytes: the `literal N`/`delta N` headers are compared here, and
  ///   ``mailsApplyToTheSameTrees()`` proves the bytes by applying the mails with `git am`;
  /// - the signature is `--` + `libgit2 1.5.1` where git writes `-- ` + its version;
  /// - long subjects are not folded (git folds at 78 columns); mailinfo unfolds, and the
  ///   Subject header is compared unfolded;
  /// - a non-ASCII author name is written as raw UTF-8, not as an RFC 2047 encoded word, and no
  ///   `MIME-Version`/`Content-Type` headers are added for a non-ASCII body; mailinfo reads
  ///   undeclared 8-bit text as UTF-8, so both still give the same author and message
  ///   (``mailsMatchGitFormatPatch()`` pins this difference).
  func expectSameMail(_ ours: String, _ theirs: String, patch: GitCommitPatch) throws {
    // GITSOURCE_DUMP=DIR keeps both mails, to diff by hand when this fails.
    if let dump = ProcessInfo.processInfo.environment["GITSOURCE_DUMP"] {
      try ours.write(toFile: "\(dump)/\(patch.id).libgit2", atomically: true, encoding: .utf8)
      try theirs.write(toFile: "\(dump)/\(patch.id).git", atomically: true, encoding: .utf8)
    }
    let a = try mailinfo(ours)
    let b = try mailinfo(theirs)
    #expect(a.info == b.info, "mailinfo headers differ for \(patch.summary)")
    #expect(a.message == b.message, "messages differ for \(patch.summary)")
    let (ourStat, ourDiff) = splitPatch(dropSignature(a.patch))
    let (theirStat, theirDiff) = splitPatch(dropSignature(b.patch))
    #expect(dropBinaryData(ourDiff) == dropBinaryData(theirDiff), "diffs differ for \(patch.summary)")
    #expect(ourDiff.contains("GIT binary patch") == theirDiff.contains("GIT binary patch"))
    #expect(
      ourDiff.hasPrefix("diff --git ")
        && diffstat(ourStat).contains { $0.hasSuffix(" changed") || $0.contains(" changed,") })
    #expect(
      diffstat(ourStat) == diffstat(theirStat, droppingRenameLines: true), "diffstats differ for \(patch.summary)")
    #expect(ours.hasSuffix("\n--\nlibgit2 1.5.1\n\n") && theirs.hasSuffix("\n-- \n2.39.5\n\n"))
    #expect(firstLine(ours) == "From \(patch.id) Mon Sep 17 00:00:00 2001")
    #expect(firstLine(ours) == firstLine(theirs))
    #expect(subjectHeader(ours) == subjectHeader(theirs))
    #expect(
      subjectHeader(ours).hasPrefix(
        patch.total == 1 ? "Subject: [PATCH] " : "Subject: [PATCH \(patch.number)/\(patch.total)] "))
  }

  /// mailinfo's patch file: the diffstat block after `---`, and the diffs from the first `diff --git`.
  func splitPatch(_ patch: String) -> (stat: [String], diff: String) {
    guard let range = patch.range(of: "diff --git ") else { return (patch.components(separatedBy: "\n"), "") }
    return (String(patch[..<range.lowerBound]).components(separatedBy: "\n"), String(patch[range.lowerBound...]))
  }

  /// What a diffstat says, without the layout: `name | count` (or `name | Bin a -> b bytes`),
  /// the totals line, and the create/delete/mode summary lines.
  func diffstat(_ lines: [String], droppingRenameLines: Bool = false) -> [String] {
    lines.compactMap { line -> String? in
      if let bar = line.range(of: " | ") {
        let name = line[..<bar.lowerBound].trimmingCharacters(in: .whitespaces)
        let rest = line[bar.upperBound...].trimmingCharacters(in: .whitespaces)
        let count = rest.hasPrefix("Bin") ? rest : String(rest.prefix { $0.isNumber })
        return "\(name) | \(count)"
      }
      let text = line.trimmingCharacters(in: .whitespaces)
      if text.isEmpty || text == "---" { return nil }
      // libgit2 1.5 leaves out the rename summary line; git's is dropped on its side only.
      if droppingRenameLines && (text.hasPrefix("rename ") || text.hasPrefix("copy ")) { return nil }
      return text
    }
  }

  /// The diff with the base85 lines of binary literals and deltas removed (see ``expectSameMail``).
  func dropBinaryData(_ diff: String) -> String {
    var kept: [String] = []
    var inBinary = false
    for line in diff.components(separatedBy: "\n") {
      if line == "GIT binary patch" {
        inBinary = true
      } else if line.hasPrefix("diff --git ") {
        inBinary = false
      } else if inBinary && !(line.hasPrefix("literal ") || line.hasPrefix("delta ") || line.isEmpty) {
        continue
      }
      kept.append(line)
    }
    return kept.joined(separator: "\n")
  }

  struct MailInfo {
    var info: String
    var message: String
    var patch: String
  }

  func mailinfo(_ mail: String) throws -> MailInfo {
    let dir = try temporaryDirectory("mailinfo")
    let info = try GitCLI.text(["mailinfo", "msg", "patch"], in: dir, input: Data(mail.utf8))
    return MailInfo(
      info: info,
      message: try String(contentsOfFile: dir + "/msg", encoding: .utf8),
      patch: try String(contentsOfFile: dir + "/patch", encoding: .utf8))
  }

  /// Drops the closing signature.
  ///
  /// git writes `-- ` then its version, libgit2 `--` then
  /// `libgit2 <version>`. Only the tool's name and version differ, so only those lines go.
  func dropSignature(_ patch: String) -> String {
    var lines = patch.components(separatedBy: "\n")
    while lines.last?.isEmpty == true { lines.removeLast() }
    if lines.count >= 2, lines[lines.count - 2] == "-- " || lines[lines.count - 2] == "--" {
      lines.removeLast(2)
    }
    return lines.joined(separator: "\n")
  }

  func firstLine(_ mail: String) -> String {
    String(mail.prefix { $0 != "\n" })
  }

  /// The Subject header unfolded (continuation lines joined, as RFC 5322 unfolding does).
  func subjectHeader(_ mail: String) -> String {
    let lines = mail.components(separatedBy: "\n")
    guard let start = lines.firstIndex(where: { $0.hasPrefix("Subject: ") }) else { return "" }
    var header = [lines[start]]
    for line in lines[(start + 1)...] {
      guard line.hasPrefix(" ") || line.hasPrefix("\t") else { break }
      header.append(line)
    }
    return header.joined()
  }
}
