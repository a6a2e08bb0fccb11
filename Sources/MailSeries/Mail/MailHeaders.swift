import Foundation

/// RFC 5322 header fields as read: unfolded, in order, names compared without case.
public struct MailHeaders: Sendable, Hashable {
  public struct Field: Sendable, Hashable {
    public var name: String
    /// The unfolded value, still encoded (RFC 2047 words left as written).
    public var raw: String
    /// 1-based line where the field starts.
    public var line: Int
  }

  public var fields: [Field]

  public init(fields: [Field]) { self.fields = fields }

  /// The first field called `name`, decoded.
  public subscript(_ name: String) -> String? {
    fields.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map { EncodedWords.decode($0.raw) }
  }

  public func all(_ name: String) -> [String] {
    fields.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map { EncodedWords.decode($0.raw) }
  }

  /// Reads header lines (each without its line ending) up to the blank line; continuation lines
  /// (starting with a space or tab) are joined to the field before them, line breaks removed.
  /// Returns the headers and the index of the first body line.
  public static func parse(_ lines: [String], firstLine: Int = 1) -> (MailHeaders, Int) {
    var fields: [Field] = []
    var i = 0
    while i < lines.count {
      let l = lines[i]
      if l.isEmpty { return (MailHeaders(fields: fields), i + 1) }
      if (l.hasPrefix(" ") || l.hasPrefix("\t")), !fields.isEmpty {
        fields[fields.count - 1].raw += l
      } else if let colon = l.firstIndex(of: ":"), colon != l.startIndex,
        !l[..<colon].contains(where: { $0 == " " || $0 == "\t" })
      {
        let name = String(l[..<colon])
        var value = l[l.index(after: colon)...]
        while value.first == " " || value.first == "\t" { value = value.dropFirst() }
        fields.append(Field(name: name, raw: String(value), line: firstLine + i))
      } else {
        // Not a header: the body starts here (mail without the blank line).
        return (MailHeaders(fields: fields), i)
      }
      i += 1
    }
    return (MailHeaders(fields: fields), i)
  }
}

extension MailHeaders {
  /// `From:`, `Subject:` and `Date:` lines at the top of a body (what `git send-email` writes
  /// when the sender is not the author), which replace the mail's own; nil when there are none.
  public static func inBody(_ body: ArraySlice<String>, firstLine: Int) -> (MailHeaders, Int)? {
    var start = body.startIndex
    while start < body.endIndex, body[start].trimmingCharacters(in: .whitespaces).isEmpty { start += 1 }
    var end = start
    let names = ["from:", "subject:", "date:"]
    while end < body.endIndex, names.contains(where: { body[end].lowercased().hasPrefix($0) }) { end += 1 }
    guard end > start else { return nil }
    let (headers, _) = parse(Array(body[start..<end]), firstLine: firstLine + (start - body.startIndex))
    return (headers, end)
  }

  /// These headers with `overrides`' fields put in place of the same names.
  public func overridden(by overrides: MailHeaders) -> MailHeaders {
    var result = self
    for field in overrides.fields {
      result.fields.removeAll { $0.name.caseInsensitiveCompare(field.name) == .orderedSame }
      result.fields.insert(field, at: 0)
    }
    return result
  }
}

/// RFC 2047 encoded words (`=?charset?Q?text?=`, `=?charset?B?text?=`).
public enum EncodedWords {
  public static func decode(_ s: String) -> String {
    guard s.contains("=?") else { return s }
    var out = ""
    var rest = Substring(s)
    var pendingSpace = ""
    var previousWasEncoded = false
    while !rest.isEmpty {
      if rest.hasPrefix("=?"), let (text, length) = word(rest) {
        // White space between two encoded words is not part of the text.
        if !previousWasEncoded { out += pendingSpace }
        out += text
        pendingSpace = ""
        rest = rest.dropFirst(length)
        previousWasEncoded = true
        continue
      }
      let c = rest.first!
      if c == " " || c == "\t" {
        pendingSpace.append(c)
      } else {
        out += pendingSpace
        pendingSpace = ""
        out.append(c)
        previousWasEncoded = false
      }
      rest = rest.dropFirst()
    }
    return out + pendingSpace
  }

  /// One encoded word at the start of `s`: its decoded text and its length in characters.
  private static func word(_ s: Substring) -> (String, Int)? {
    let parts = s.dropFirst(2).split(separator: "?", maxSplits: 3, omittingEmptySubsequences: false)
    guard parts.count == 4, parts[3].hasPrefix("=") else { return nil }
    let charset = parts[0].split(separator: "*").first.map(String.init) ?? ""
    let encoding = parts[1].uppercased()
    let text = parts[2]
    guard !text.contains(" ") else { return nil }
    var bytes: [UInt8]
    if encoding == "B" {
      guard let data = Data(base64Encoded: String(text), options: .ignoreUnknownCharacters) ?? Data(base64Encoded: String(text) + "=") else { return nil }
      bytes = [UInt8](data)
    } else if encoding == "Q" {
      bytes = []
      var it = Array(text.utf8)[...]
      while let b = it.first {
        it = it.dropFirst()
        if b == UInt8(ascii: "_") {
          bytes.append(0x20)
        } else if b == UInt8(ascii: "="), it.count >= 2, let v = UInt8(String(decoding: it.prefix(2), as: UTF8.self), radix: 16) {
          bytes.append(v)
          it = it.dropFirst(2)
        } else {
          bytes.append(b)
        }
      }
    } else {
      return nil
    }
    let length = 2 + parts[0].count + 1 + parts[1].count + 1 + parts[2].count + 2
    return (Charsets.decode(bytes, charset: charset), length)
  }
}

/// Text in the charsets kernel mail uses; undecodable bytes stay visible as U+FFFD.
public enum Charsets {
  public static func decode(_ bytes: [UInt8], charset: String) -> String {
    switch charset.lowercased() {
    case "utf-8", "utf8", "us-ascii", "ascii", "":
      return String(decoding: bytes, as: UTF8.self)
    case "iso-8859-1", "latin1", "iso8859-1":
      return String(bytes.map { Character(Unicode.Scalar($0)) })
    case "windows-1252", "cp1252":
      return String(data: Data(bytes), encoding: .windowsCP1252) ?? String(decoding: bytes, as: UTF8.self)
    case "iso-8859-2", "latin2":
      return String(data: Data(bytes), encoding: .isoLatin2) ?? String(decoding: bytes, as: UTF8.self)
    case "windows-1250", "cp1250":
      return String(data: Data(bytes), encoding: .windowsCP1250) ?? String(decoding: bytes, as: UTF8.self)
    default:
      // Unknown: UTF-8 if it is valid, else Latin-1 so every byte stays visible.
      if let s = String(validating: bytes, as: UTF8.self) { return s }
      return String(bytes.map { Character(Unicode.Scalar($0)) })
    }
  }
}

/// A mailbox as `git mailinfo` reads it: `Name <addr>`, `"Last, First" <addr>`, `addr (Name)`.
public enum MailAddress {
  public static func parse(_ value: String) -> (name: String, email: String) {
    let v = value.trimmingCharacters(in: .whitespaces)
    if let open = v.lastIndex(of: "<"), let close = v.lastIndex(of: ">"), open < close {
      let email = String(v[v.index(after: open)..<close]).trimmingCharacters(in: .whitespaces)
      var name = String(v[..<open]).trimmingCharacters(in: .whitespaces)
      if name.hasPrefix("\"") && name.hasSuffix("\"") && name.count >= 2 {
        name = String(name.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
      }
      return (name.isEmpty ? email : name, email)
    }
    if let open = v.firstIndex(of: "("), let close = v.lastIndex(of: ")"), open < close {
      let email = String(v[..<open]).trimmingCharacters(in: .whitespaces)
      let name = String(v[v.index(after: open)..<close]).trimmingCharacters(in: .whitespaces)
      return (name.isEmpty ? email : name, email)
    }
    return (v, v)
  }
}
