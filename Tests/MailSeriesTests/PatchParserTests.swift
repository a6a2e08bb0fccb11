import Foundation
import MailSeries
import TestSupport
import Testing

/// Differential tests against git itself: every patch git writes parses to the numstat and
/// summary `git apply` reads from it, and prints back byte for byte.
@Suite struct PatchParserTests {
  /// Runs git in `dir`; stdout as text.
  @discardableResult
  static func git(_ args: [String], in dir: String, input: String? = nil) throws -> String {
    let dates = ["GIT_AUTHOR_DATE": "2021-09-12T12:00:00Z", "GIT_COMMITTER_DATE": "2021-09-12T12:00:00Z"]
    return try GitCLI.run(args, in: dir, input: input.map { .data(Data($0.utf8)) } ?? .none, environment: dates).text
  }

  /// A repository with one commit of every kind of change git's headers describe.
  static func makeRepository() throws -> String {
    let dir = NSTemporaryDirectory() + "uapi-review-git-\(getpid())-\(UUID().uuidString.prefix(8))"
    try FileManager.default.createDirectory(atPath: dir + "/include/uapi/misc", withIntermediateDirectories: true)
    func write(_ name: String, _ text: String) throws { try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
    try git(["init", "-q"], in: dir)
    try git(["config", "user.email", "dev@example.org"], in: dir)
    try git(["config", "user.name", "Dev"], in: dir)
    let body = (1...40).map { "static int f\($0)(void)\n{\n\treturn \($0);\n}\n" }.joined()
    try write("include/uapi/misc/hl.h", "#ifndef HL_H\n#define HL_H\n" + body + "#endif\n")
    try write("moved.c", (1...30).map { "line \($0)\n" }.joined())
    try write("copied.c", (1...30).map { "copy \($0)\n" }.joined())
    try write("gone.txt", "bye\n")
    try write("script.sh", "echo\n")
    try write("crlf.txt", "a\r\nb\r\n")
    try write("tail.txt", "no newline")
    try Data([0, 1, 2, 3, 255]).write(to: URL(fileURLWithPath: dir + "/blob.bin"))
    try git(["add", "-A"], in: dir)
    try git(["commit", "-qm", "base"], in: dir)

    let changed = body.replacingOccurrences(of: "return 7;", with: "return 70;")
      .replacingOccurrences(of: "return 33;", with: "return -33;")
    try write("include/uapi/misc/hl.h", "#ifndef HL_H\n#define HL_H\n" + changed + "#define HL_NEW 1\n#endif\n")
    try git(["mv", "moved.c", "renamed.c"], in: dir)
    try write("renamed.c", (1...30).map { "line \($0)\n" }.joined() + "line 31\n")
    try write("copy of copied.c", (1...30).map { "copy \($0)\n" }.joined())
    try git(["rm", "-q", "gone.txt"], in: dir)
    try write("new file.txt", "fresh\n")
    try write("tab\there.txt", "odd name\n")
    try write("héllo.txt", "unicode name\n")
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir + "/script.sh")
    try write("crlf.txt", "a\r\nB\r\n")
    try write("tail.txt", "still no newline")
    try Data([0, 1, 2, 3, 254, 9]).write(to: URL(fileURLWithPath: dir + "/blob.bin"))
    try git(["add", "-A"], in: dir)
    try git(["commit", "-qm", "every kind of change"], in: dir)
    return dir
  }

  static func check(_ patch: String, in dir: String) throws {
    var parser = PatchParser(path: "test.patch")
    let parsed = parser.parse(patch)
    #expect(parser.diagnostics.isEmpty, "\(parser.diagnostics)")
    #expect(PatchPrinter.print(parsed) == patch)
    let fromGit = try git(["apply", "--numstat", "--summary", "-"], in: dir, input: patch)
    let ours = (GitSummary.numstat(parsed.files) + GitSummary.summary(parsed.files)).map { $0 + "\n" }.joined()
    #expect(ours == fromGit)
    #expect(!parsed.files.isEmpty)
  }

  @Test func formatPatchWithRenamesCopiesModesBinaryAndOddNames() throws {
    let dir = try Self.makeRepository()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    for flags in [["-M"], ["-M", "-C", "--find-copies-harder"], ["--no-renames"], ["-M", "--full-index"]] {
      let patch = try Self.git(["format-patch", "-1", "--stdout"] + flags, in: dir)
      try Self.check(patch, in: dir)
    }
  }

  @Test func plainGitDiffWithoutBinaryData() throws {
    let dir = try Self.makeRepository()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let diff = try Self.git(["diff", "-M", "HEAD~1", "HEAD"], in: dir)
    try Self.check(diff, in: dir)
    let parsed = { () -> ParsedPatch in
      var p = PatchParser(path: "d")
      return p.parse(diff)
    }()
    let hl = try #require(parsed.files.first { $0.path == "include/uapi/misc/hl.h" })
    #expect(hl.hunks.count == 3)
    #expect(hl.hunks.first?.section.hasPrefix("static int f") == true)
    #expect(parsed.files.first { $0.path == "tab\there.txt" }?.change == .added)
    #expect(parsed.files.first { $0.path == "renamed.c" }?.oldPath == "moved.c")
    #expect(parsed.files.first { $0.path == "blob.bin" }?.isBinary == true)
  }

  @Test func hunkCountsThatLieAreDiagnosed() throws {
    let patch = """
      diff --git a/x.h b/x.h
      --- a/x.h
      +++ b/x.h
      @@ -1,3 +1,4 @@
       a
      +b
      diff --git a/y.h b/y.h
      --- a/y.h
      +++ b/y.h
      @@ -1 +1 @@
      -old
      +new

      """
    var parser = PatchParser(path: "bad.patch")
    let parsed = parser.parse(patch)
    let d = try #require(parser.diagnostics.first)
    #expect(d.id == "diff.short-hunk" && d.location?.line == 4)
    #expect(parsed.files.count == 2 && parsed.files[1].added == 1 && parsed.files[1].removed == 1)
    #expect(PatchPrinter.print(parsed) == patch)
  }
}

/// The real v6 patches from the motivating series, read in place from ../shared/corpus.
@Suite struct CorpusPatchTests {
  static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../../shared/corpus/habanalabs-v6").standardizedFileURL.path

  @Test(arguments: ["0001-uapi.eml", "0002-exporter.eml"])
  func realPatchesParseLikeGitApply(_ name: String) throws {
    let path = Self.corpus + "/" + name
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var parser = PatchParser(path: path)
    let parsed = parser.parse(text)
    #expect(parser.diagnostics.isEmpty, "\(parser.diagnostics)")
    #expect(PatchPrinter.print(parsed) == text)
    let fromGit = try PatchParserTests.git(["apply", "--numstat", "--summary", path], in: Self.corpus)
    #expect(GitSummary.numstat(parsed.files).map { $0 + "\n" }.joined() + GitSummary.summary(parsed.files).map { $0 + "\n" }.joined() == fromGit)
  }

  @Test func uapiPatchAddsTheExportOpcode() throws {
    let text = try String(contentsOfFile: Self.corpus + "/0001-uapi.eml", encoding: .utf8)
    var parser = PatchParser(path: "0001-uapi.eml")
    let file = try #require(parser.parse(text).files.first)
    #expect(file.path == "include/uapi/misc/habanalabs.h")
    #expect(file.hunks.flatMap(\.lines).contains { $0.kind == .added && $0.text.contains("HL_MEM_OP_EXPORT_DMABUF_FD") })
  }
}

@Suite struct PatchBadInputTests {
  /// Every prefix of a real patch (cut mid-line, mid-hunk, mid-header) parses without a crash and
  /// prints back unchanged.
  @Test func truncatedPatchesRoundTrip() throws {
    let text = try String(contentsOfFile: CorpusPatchTests.corpus + "/0001-uapi.eml", encoding: .utf8)
    let chars = Array(text)
    for cut in stride(from: 0, to: chars.count, by: 37) {
      let prefix = String(chars[..<cut])
      var parser = PatchParser(path: "cut.patch")
      let parsed = parser.parse(prefix)
      #expect(PatchPrinter.print(parsed) == prefix)
    }
  }

  @Test func garbageAndHostileHeaders() {
    let inputs = [
      "@@ -1,99999999999999999999 +1 @@\n",
      "diff --git \"a/unterminated\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n",
      "diff --git a/x b/x\nGIT binary patch\nliteral 5\nzzz",
      "--- a\n+++ b\n@@ -0,0 +1,2 @@\n+only one\n",
      String(repeating: "\u{0}\u{1}\u{FFFD}", count: 1000),
    ]
    for input in inputs {
      var parser = PatchParser(path: "x")
      let parsed = parser.parse(input)
      #expect(PatchPrinter.print(parsed) == input)
    }
  }
}

@Suite struct DiffstatTests {
  @Test(arguments: ["0001-uapi.eml", "0002-exporter.eml"])
  func corpusDiffstatsMatchTheirDiffs(_ name: String) throws {
    let text = try String(contentsOfFile: CorpusPatchTests.corpus + "/" + name, encoding: .utf8)
    var parser = PatchParser(path: name)
    let parsed = parser.parse(text)
    let claimed = try #require(DiffstatReader.claimed(in: parsed))
    #expect(claimed.filesChanged == parsed.files.count && claimed.entries.count == parsed.files.count)
    #expect(DiffstatReader.compare(claimed, with: parsed.files, path: name).isEmpty)
  }

  @Test func coverLetterDiffstatCoversTheSeries() throws {
    let cover = try String(contentsOfFile: CorpusPatchTests.corpus + "/0000-cover.eml", encoding: .utf8)
    var p = PatchParser(path: "cover")
    let claimed = try #require(DiffstatReader.claimed(in: p.parse(cover)))
    var files: [FileDiff] = []
    for name in ["0001-uapi.eml", "0002-exporter.eml"] {
      var parser = PatchParser(path: name)
      files += parser.parse(try String(contentsOfFile: CorpusPatchTests.corpus + "/" + name, encoding: .utf8)).files
    }
    // The cover counts include/uapi/misc/habanalabs.h once for the whole series.
    #expect(claimed.insertions == files.reduce(0) { $0 + $1.added } && claimed.deletions == files.reduce(0) { $0 + $1.removed })
    #expect(claimed.filesChanged == Set(files.map(\.path)).count)
  }

  @Test func aLyingDiffstatIsAFinding() throws {
    var text = try String(contentsOfFile: CorpusPatchTests.corpus + "/0001-uapi.eml", encoding: .utf8)
    text = text.replacingOccurrences(of: "27 insertions(+)", with: "29 insertions(+)")
    var parser = PatchParser(path: "lying.eml")
    let parsed = parser.parse(text)
    let claimed = try #require(DiffstatReader.claimed(in: parsed))
    let findings = DiffstatReader.compare(claimed, with: parsed.files, path: "lying.eml")
    #expect(findings.count == 1 && findings[0].id == "diff.diffstat-mismatch" && findings[0].location?.line == 79)
  }

  @Test func quotedNamesInTheDiffstatAreUnquoted() throws {
    // A name git has to quote is quoted the same way in the diffstat and in the diff.
    let dir = try temporaryDirectory("quoted-stat")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let name = "a\"b\\c.h"
    try GitCLI.run(["init", "-q", "."], in: dir)
    try "x\n".write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
    try GitCLI.run(["add", "."], in: dir)
    try GitCLI.run(["-c", "user.name=T", "-c", "user.email=t@e", "commit", "-qm", "quoted"], in: dir)
    let mail = try GitCLI.run(["format-patch", "--root", "-1", "--stdout"], in: dir).text
    #expect(mail.contains("\"a\\\"b\\\\c.h\" | 1 +"))
    var parser = PatchParser(path: "quoted.eml")
    let parsed = parser.parse(mail)
    let claimed = try #require(DiffstatReader.claimed(in: parsed))
    #expect(claimed.entries.map(\.path) == [name])
    #expect(DiffstatReader.compare(claimed, with: parsed.files, path: "quoted.eml").isEmpty)
  }
}
