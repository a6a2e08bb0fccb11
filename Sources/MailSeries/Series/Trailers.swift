/// A trailer line: `Reviewed-by: Name <email>`, `Fixes: 123abc ("title")`, `Link: https://...`.
public struct Trailer: Sendable, Hashable, Codable {
  /// The key as written (`Reviewed-by`).
  public var key: String
  public var value: String
  /// 1-based line in the mail.
  public var line: Int

  public init(key: String, value: String, line: Int) {
    self.key = key
    self.value = value
    self.line = line
  }

  /// The standard kinds kernel mail uses (Documentation/process/submitting-patches.rst).
  public static let standardKeys = [
    "Signed-off-by", "Reviewed-by", "Acked-by", "Tested-by", "Reported-by", "Suggested-by",
    "Co-developed-by", "Reported-and-tested-by", "Fixes", "Link", "Closes", "Cc", "Requested-by",
    "Debugged-by", "Helped-by", "Originally-by", "Based-on-patch-by", "Message-ID",
  ]

  /// Trailers a reviewer gives that tools collect onto a patch (b4's set).
  public static let collectedKeys: Set<String> = [
    "reviewed-by", "acked-by", "tested-by", "reported-by", "suggested-by", "reported-and-tested-by",
    "co-developed-by", "signed-off-by", "fixes", "link", "closes", "requested-by",
  ]

  public var isStandard: Bool { Self.standardKeys.contains { $0.caseInsensitiveEquals(key) } }

  /// One trailer line, or nil. Keys are a word of letters, digits and dashes; the value is
  /// not empty. Free text such as `Note: ...` is a trailer only if its key is standard or
  /// has a dash (`Something-by:`), which keeps prose out.
  static func parse(_ line: Substring, lineNumber: Int) -> Trailer? {
    guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else { return nil }
    let key = line[..<colon]
    guard key.count <= 40, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }),
      key.first?.isLetter == true
    else { return nil }
    let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    guard !value.isEmpty, line[line.index(after: colon)...].first == " " else { return nil }
    let t = Trailer(key: String(key), value: value, line: lineNumber)
    return t.isStandard || key.contains("-") ? t : nil
  }

  /// The trailer block of a commit message: its last paragraph when every line of it is a
  /// trailer (a continuation line starting with white space is allowed), as git
  /// interpret-trailers finds it. `firstLine` is the message's first line in the mail.
  public static func block(in message: String, firstLine: Int) -> [Trailer] {
    // Byte-level split: only the last paragraph is looked at, but every line is passed over.
    let lines = message.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { Substring($0) }
    func blank(_ l: Substring) -> Bool { l.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D } }
    var end = lines.count
    while end > 0, blank(lines[end - 1]) { end -= 1 }
    var start = end
    while start > 0, !blank(lines[start - 1]) { start -= 1 }
    var trailers: [Trailer] = []
    for k in start..<end {
      let line = lines[k]
      if line.first == " " || line.first == "\t", !trailers.isEmpty {
        trailers[trailers.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces)
      } else if let t = parse(line, lineNumber: firstLine + k) {
        trailers.append(t)
      } else if !line.hasPrefix("[") {
        // `[maintainer: tweaked]` notes may sit among trailers; anything else means prose.
        return []
      }
    }
    return trailers
  }

  /// Trailers anywhere in a reply's own (unquoted) lines: reviewers write them alone on a line.
  static func given(in lines: [(text: Substring, line: Int)]) -> [Trailer] {
    lines.compactMap { l in
      parse(l.text.drop { $0 == " " }, lineNumber: l.line).flatMap { collectedKeys.contains($0.key.lowercased()) ? $0 : nil }
    }
  }
}
