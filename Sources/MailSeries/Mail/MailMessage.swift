public import Diagnostics

/// One mail read the way `git mailinfo` reads it (author, subject, date, commit message, patch),
/// plus the headers threading needs.
public struct MailMessage: Sendable, Hashable {
  public var headers: MailHeaders
  public var author: String
  public var email: String
  /// The subject as `git mailinfo -k` keeps it: RFC 2047 decoded, unfolded, prefixes kept.
  public var rawSubject: String
  public var date: String
  /// The text before the patch: in-body headers and anything above a scissors line removed.
  public var message: String
  /// Input line of the message's first line, when the body was not transfer-encoded.
  public var messageLine: Int?
  /// Everything from the first line that starts a patch (`diff -`, `Index: `, `---`) on.
  public var patch: String
  /// Input line of the patch's first line, when the body was not transfer-encoded (so patch
  /// line k is input line `patchLine + k - 1`).
  public var patchLine: Int?
  /// 1-based line of the message in its input.
  public var line: Int
  public var path: String
  public var diagnostics: [Diagnostic]

  public init(
    headers: MailHeaders, author: String, email: String, rawSubject: String, date: String, message: String,
    messageLine: Int? = nil, patch: String, patchLine: Int?, line: Int, path: String, diagnostics: [Diagnostic]
  ) {
    self.headers = headers
    self.author = author
    self.email = email
    self.rawSubject = rawSubject
    self.date = date
    self.message = message
    self.messageLine = messageLine
    self.patch = patch
    self.patchLine = patchLine
    self.line = line
    self.path = path
    self.diagnostics = diagnostics
  }

  /// The subject on one line, white space collapsed, prefixes such as `[PATCH v6 1/2]` kept.
  public var subject: String {
    Charsets.visible(ByteText.trimmed(ByteText.collapsingSpace(Array(rawSubject.utf8))))
  }

  /// The subject as `git am` makes it the commit title: `Re:` and bracketed prefixes removed.
  public var title: String { SubjectText.clean(rawSubject) }

  /// All the text a reader sees: the message and then the patch part.
  public var text: String { message + patch }

  public var messageID: String? { headers["Message-ID"].flatMap { MessageIDs.parse($0).first } }
  public var inReplyTo: String? { headers["In-Reply-To"].flatMap { MessageIDs.parse($0).first } }
  public var references: [String] { headers.all("References").flatMap(MessageIDs.parse) }
}

/// Message ids as they appear in `Message-ID`, `In-Reply-To` and `References`: `<id>` each.
public enum MessageIDs {
  public static func parse(_ value: String) -> [String] {
    var ids: [String] = []
    var rest = Substring(value)
    while let open = rest.firstIndex(of: "<") {
      guard let close = rest[open...].firstIndex(of: ">") else { break }
      let id = rest[rest.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
      if !id.isEmpty { ids.append(id) }
      rest = rest[rest.index(after: close)...]
    }
    // An id written without brackets (seen in the wild): take the bare word.
    if ids.isEmpty {
      let bare = value.trimmingCharacters(in: .whitespacesAndNewlines)
      if !bare.isEmpty, !bare.contains(" ") { ids.append(bare) }
    }
    return ids
  }
}
