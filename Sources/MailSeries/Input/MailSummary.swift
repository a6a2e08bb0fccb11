/// What threading and series grouping need of a message, read from its headers only.
public struct MailSummary: Sendable, Hashable {
  /// The Message-ID, or a made-up one (`<path:line>`) when the mail has none.
  public var messageID: String
  public var hasMessageID: Bool
  public var inReplyTo: String?
  public var references: [String]
  /// The subject on one line, prefixes kept.
  public var subject: String
  public var prefix: SubjectPrefix
  public var author: String
  public var email: String
  public var date: String
  /// `change-id:` of a cover letter (b4 writes it), which ties versions together.
  public var changeID: String?
  /// Lines of the `Message-ID`, `In-Reply-To` and first `References` fields, for diagnostics.
  public var messageIDLine: Int?
  public var inReplyToLine: Int?
  public var referencesLine: Int?
  public var location: MailLocation
  /// Position in the store.
  public var ordinal: Int
  /// Written by `git format-patch` or libgit2 (its `From <sha> Mon Sep 17 00:00:00 2001` line):
  /// a patch file, not sent mail, so a missing Message-ID is expected.
  public var fromGit: Bool

  init(_ bytes: [UInt8], location: MailLocation, ordinal: Int) {
    let headerEnd = MailSummary.headerEnd(bytes)
    let head = Array(bytes[..<headerEnd])
    let lines = ByteText.lineRanges(head)
    let (headers, _) = MailHeaders.read(head, lines: lines, from: 0, firstLine: location.line)
    let id = headers["Message-ID"].flatMap { MessageIDs.parse($0).first }
    messageID = id ?? "\(location.path):\(location.line)"
    hasMessageID = id != nil
    inReplyTo = headers["In-Reply-To"].flatMap { MessageIDs.parse($0).first }
    references = headers.all("References").flatMap(MessageIDs.parse)
    func line(_ name: String) -> Int? { headers.fields.first { $0.name.caseInsensitiveEquals(name) }?.line }
    messageIDLine = line("Message-ID")
    inReplyToLine = line("In-Reply-To")
    referencesLine = line("References")
    let raw = headers.fields.last { $0.name.caseInsensitiveEquals("Subject") }?.value ?? ""
    subject = Charsets.visible(ByteText.trimmed(ByteText.collapsingSpace(Array(raw.utf8))))
    prefix = SubjectPrefix(subject)
    let from = headers.fields.last { $0.name.caseInsensitiveEquals("From") }?.value ?? ""
    (author, email) = MailAddress.parse(from)
    date = headers.fields.last { $0.name.caseInsensitiveEquals("Date") }?.value ?? ""
    self.location = location
    self.ordinal = ordinal
    let firstLine = bytes.prefix { $0 != ByteText.newline }
    fromGit = SubjectText.isFormatPatchSeparator(Array(firstLine) + [ByteText.newline])
    changeID = prefix.index == 0 ? MailSummary.changeID(bytes[headerEnd...]) : nil
  }

  /// Offset just past the blank line that ends the headers (or the end).
  static func headerEnd(_ bytes: [UInt8]) -> Int {
    var i = 0
    var lineStart = true
    while i < bytes.count {
      if lineStart && bytes[i] == ByteText.newline { return i + 1 }
      lineStart = bytes[i] == ByteText.newline
      i += 1
    }
    return bytes.count
  }

  /// A `change-id: ...` line in a cover letter's body.
  static func changeID(_ body: ArraySlice<UInt8>) -> String? {
    guard let at = ByteText.find("\nchange-id: ", in: body) else { return nil }
    let start = at + 12
    let end = body[start...].firstIndex(of: ByteText.newline) ?? body.endIndex
    let id = Charsets.visible(ByteText.trimmed(body[start..<end]))
    return id.isEmpty ? nil : id
  }
}
