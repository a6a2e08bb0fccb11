import Foundation
import MailSeries
import Testing

/// Headers as `git mailinfo -k` reads them (author, email, subject kept as is, date).
@Suite struct MailHeaderTests {
  static let mails: [String] = [
    "From: =?UTF-8?q?J=C3=B6rg_R=C3=B6del?= <joro@example.org>\nSubject: [PATCH v6 1/2] =?ISO-8859-1?B?aGFiYW5hbGFic+k=?=\n =?UTF-8?Q?_tail?=\nDate: Sun, 12 Sep 2021 19:12:00 +0300\n\nbody\n",
    "From: \"Gabbay, Oded\" <oded@example.org>\nSubject: Re: [PATCH]\n  folded   subject\nDate: Sun, 12 Sep 2021 19:12:00 +0300\n\nbody\n",
    "From: dev@example.org (Some Dev)\nSubject: plain\nDate: Mon, 13 Sep 2021 08:00:00 +0000\n\nbody\n",
    "From: Tomer Tayar <ttayar@example.org>\r\nSubject: =?utf-8?B?aGFiYW5hbGFiczogZGVmaW5lIHVBUEk=?= =?utf-8?B?IHRvIGV4cG9ydA==?=\r\nDate: Sun, 12 Sep 2021 19:12:01 +0300\r\n\r\nbody\r\n",
    "from: lower@example.org\nSUBJECT: case of names\nDate: Sun, 12 Sep 2021 19:12:02 +0300\n\nbody\n",
    "From: =?windows-1252?Q?Fran=E7ois_=93Quote=94?= <f@example.org>\nSubject: =?iso-8859-2?Q?=B3=F3d=BC?= and text\nDate: Sun, 12 Sep 2021 19:12:03 +0300\n\nbody\n",
  ]

  @Test(arguments: mails.indices)
  func headersMatchGitMailinfo(_ k: Int) throws {
    let mail = Self.mails[k]
    let dir = NSTemporaryDirectory() + "uapi-review-mailinfo-\(getpid())-\(k)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let fromGit = try PatchParserTests.git(["mailinfo", "-k", "msg", "patch"], in: dir, input: mail)
    let read = MailReader.read(Array(mail.utf8), path: "inline")
    var ours = "Author: \(read.author)\nEmail: \(read.email)\nSubject: \(read.rawSubject)\n"
    if !read.date.isEmpty { ours += "Date: \(read.date)\n" }
    #expect(ours + "\n" == fromGit)
  }
}

extension MailHeaderTests {
  @Test(arguments: ["0000-cover.eml", "0001-uapi.eml", "0002-exporter.eml", "0003-review-reply.eml"])
  func corpusHeadersMatchGitMailinfo(_ name: String) throws {
    let path = CorpusPatchTests.corpus + "/" + name
    let mail = try String(contentsOfFile: path, encoding: .utf8)
    let dir = NSTemporaryDirectory() + "uapi-review-mailinfo-\(getpid())-\(name)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let fromGit = try PatchParserTests.git(["mailinfo", "-k", "msg", "patch"], in: dir, input: mail)
    let read = MailReader.read(Array(mail.utf8), path: name)
    let (author, email) = (read.author, read.email)
    let expected = fromGit.split(separator: "\n").map(String.init)
    #expect(expected.contains("Author: \(author)"))
    #expect(expected.contains("Email: \(email)"))
    #expect(expected.contains("Subject: \(read.rawSubject)"))
  }
}
