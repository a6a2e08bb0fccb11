/// RFC 5322 header fields as read: unfolded, in order, names compared without case.
public struct MailHeaders: Sendable, Hashable {
  public struct Field: Sendable, Hashable {
    public var name: String
    /// The whole unfolded line, `Name: value`, trailing white space removed, still encoded.
    public var bytes: [UInt8]
    /// 1-based line where the field starts.
    public var line: Int

    /// The value after the colon and the white space that follows it, RFC 2047 words decoded.
    public var value: String {
      var v = bytes[(name.utf8.count + 1)...]
      while let f = v.first, ByteText.isSpace(f) { v = v.dropFirst() }
      return Charsets.visible(EncodedWords.decode(bytes: Array(v)).bytes)
    }
  }

  public var fields: [Field]

  public init(fields: [Field]) { self.fields = fields }

  /// The first field called `name`, decoded.
  public subscript(_ name: String) -> String? {
    fields.first { $0.name.caseInsensitiveEquals(name) }?.value
  }

  public func all(_ name: String) -> [String] {
    fields.filter { $0.name.caseInsensitiveEquals(name) }.map(\.value)
  }

  /// Reads header lines from `lines[from...]` of `bytes` until a line that is empty or is not a
  /// header, as git does: each line is right-trimmed, and a line starting with a space or tab
  /// continues the field before it. An mbox `From ` line counts as a header line but is not a
  /// field. Returns the fields and the index of the line that ended them (not consumed).
  static func read(
    _ bytes: [UInt8], lines: [(range: Range<Int>, hasNewline: Bool)], from: Int, firstLine: Int
  ) -> (MailHeaders, end: Int) {
    var fields: [Field] = []
    var i = from
    while i < lines.count {
      let text = ByteText.trimmingTrailingSpace(bytes[lines[i].range])
      guard !text.isEmpty, isHeaderLine(text) else { break }
      var unfolded = Array(text)
      let start = i
      i += 1
      while i < lines.count, let first = bytes[lines[i].range].first, first == 0x20 || first == 0x09 {
        var continuation = Array(ByteText.trimmingTrailingSpace(bytes[lines[i].range]))
        if !continuation.isEmpty { continuation[0] = 0x20 }
        unfolded += continuation
        i += 1
      }
      if let colon = unfolded.firstIndex(of: UInt8(ascii: ":")), !ByteText.hasPrefix(unfolded, "From ") {
        fields.append(Field(name: String(decoding: unfolded[..<colon], as: UTF8.self), bytes: unfolded, line: firstLine + start))
      }
    }
    return (MailHeaders(fields: fields), i)
  }

  /// RFC 5322's field name (printable ASCII except `:`) up to a colon, or an mbox `From ` line.
  static func isHeaderLine<C: Collection<UInt8>>(_ text: C) -> Bool {
    if ByteText.hasPrefix(text, "From ") || ByteText.hasPrefix(text, ">From ") { return true }
    for b in text {
      if b == UInt8(ascii: ":") { return true }
      if !(33...126).contains(b) { return false }
    }
    return false
  }
}

extension String {
  func caseInsensitiveEquals(_ other: String) -> Bool {
    utf8.count == other.utf8.count && zip(utf8, other.utf8).allSatisfy { ByteText.lower($0) == ByteText.lower($1) }
  }
}
