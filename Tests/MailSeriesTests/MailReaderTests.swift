import Foundation
import MailSeries
import TestSupport
import Testing

/// Every fixture mail read by us equals what `git mailsplit` + `git mailinfo` make of it:
/// author, email, subject (kept and cleaned), date, commit message and patch.
@Suite struct MailReaderTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/mail").path
  static let fixtures = (try? FileManager.default.contentsOfDirectory(atPath: folder))?
    .filter { $0.hasSuffix(".eml") || $0.hasSuffix(".mbox") }.sorted() ?? []

  /// Runs git with `stdin` from a file; returns stdout as bytes.
  static func git(_ args: [String], in dir: String, stdin: String? = nil) throws -> [UInt8] {
    try GitCLI.run(args, in: dir, input: stdin.map { .file($0) } ?? .none).bytes
  }

  /// mailinfo's info lines that carry a value (git omits a field it did not find, and prints
  /// `Subject: ` again after an in-body subject; neither is information).
  static func infoLines(_ text: String) -> [String] {
    text.split(separator: "\n").map(String.init).filter { line in
      guard let colon = line.firstIndex(of: ":") else { return false }
      return !line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces).isEmpty
    }
  }

  @Test func thereAreFixtures() { #expect(Self.fixtures.count >= 20) }

  @Test(arguments: fixtures)
  func mailMatchesGitMailinfo(_ name: String) throws {
    let path = Self.folder + "/" + name
    let mboxrd = name.hasPrefix("mboxrd")
    let scissors = name.hasPrefix("scissors")
    let dir = NSTemporaryDirectory() + "uapi-review-mailreader-\(getpid())-\(name)"
    try FileManager.default.createDirectory(atPath: dir + "/split", withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    _ = try Self.git(["mailsplit", "-b", "-o" + dir + "/split"] + (mboxrd ? ["--mboxrd"] : []) + [path], in: dir)
    let split = try FileManager.default.contentsOfDirectory(atPath: dir + "/split").sorted()

    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    let messages = Mbox.split(bytes: bytes, mboxrd: mboxrd)
    #expect(messages.count == split.count, "\(name): message count")
    let options = MailOptions(scissors: scissors)
    for (k, part) in zip(messages.indices, split) {
      let file = dir + "/split/" + part
      let flags = ["--quoted-cr=strip"] + (scissors ? ["--scissors"] : [])
      let kept = try Self.git(["mailinfo", "-k"] + flags + [dir + "/msg", dir + "/patch"], in: dir, stdin: file)
      let gitMessage = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/msg")))
      let gitPatch = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/patch")))
      let cleaned = try Self.git(["mailinfo"] + flags + [dir + "/msg", dir + "/patch"], in: dir, stdin: file)

      let mail = MailReader.read(messages[k].bytes, path: name, firstLine: messages[k].line, options: options)
      var ours = "Author: \(mail.author)\nEmail: \(mail.email)\n"
      for line in mail.rawSubject.split(separator: "\n", omittingEmptySubsequences: false) { ours += "Subject: \(line)\n" }
      ours += "Date: \(mail.date)\n"
      let context = "\(name) message \(k + 1)"
      #expect(Self.infoLines(ours) == Self.infoLines(Charsets.visible(kept)), "\(context): info")
      let cleanSubject = Self.infoLines(Charsets.visible(cleaned)).first { $0.hasPrefix("Subject: ") }
      #expect(cleanSubject.map { String($0.dropFirst(9)) } ?? "" == mail.title, "\(context): cleaned subject")
      if name == "headers-only.eml" {
        // Deliberate difference: when input ends inside the headers, git keeps its last header
        // line as the commit message (its line buffer is not reset at end of file). We keep an
        // empty message and say that the mail has no body.
        #expect(Charsets.visible(gitMessage).hasPrefix("Message-Id: "))
        #expect(mail.message.isEmpty && mail.diagnostics.map(\.id) == ["mail.no-body"])
        continue
      }
      #expect(mail.message == Charsets.visible(gitMessage), "\(context): message")
      #expect(mail.patch == Charsets.visible(gitPatch), "\(context): patch")
    }
  }
}

/// Broken mail gets diagnostics that point at the line, and the rest is still read.
extension MailReaderTests {
  static func read(_ name: String) throws -> MailMessage {
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)))
    return MailReader.read(bytes, path: name)
  }

  @Test func invalidBase64IsReportedAtItsColumn() throws {
    let mail = try Self.read("invalid-base64.eml")
    let d = try #require(mail.diagnostics.first { $0.id == "mail.base64-invalid" })
    #expect(d.location?.line == 7)
    #expect(d.location.map { Array(d.excerpt ?? "")[$0.column - 1] } == "*")
    #expect(mail.patch.contains("diff --git"))
  }

  @Test func unterminatedMultipartKeepsItsText() throws {
    let mail = try Self.read("broken-boundary.eml")
    #expect(mail.diagnostics.map(\.id) == ["mail.mime-unterminated"])
    #expect(mail.message.contains("Carve the pad"))
    #expect(mail.patch.contains("+\t__u32 ctx_id;"))
  }

  @Test func missingBoundaryIsReported() throws {
    let mail = try Self.read("missing-boundary.eml")
    let d = try #require(mail.diagnostics.first)
    #expect(d.id == "mail.mime-boundary-missing")
    #expect(d.message.contains("--nope"))
  }

  @Test func latin1BodyIsConvertedAndUndeclaredBytesStayVisible() throws {
    #expect(try Self.read("latin1-8bit.eml").message.hasPrefix("Jörg's café."))
    let raw = try Self.read("undeclared-8bit.eml")
    #expect(raw.message == "bytes é and é mixed\n")
    #expect(raw.diagnostics.map(\.id) == ["mail.charset-invalid"])
  }

  @Test func patchLineMapsToTheInput() throws {
    let mail = try Self.read("plain.eml")
    let lines = try String(contentsOfFile: Self.folder + "/plain.eml", encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
    let first = try #require(mail.patchLine)
    #expect(lines[first - 1] == "---")
    #expect(mail.subject == "[PATCH v6 1/2] habanalabs: define uAPI" && mail.title == "habanalabs: define uAPI")
    #expect(mail.messageID == "3636785816@example.org")
  }
}
