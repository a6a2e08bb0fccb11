/// RFC 2047 encoded words (`=?charset?Q?text?=`, `=?charset?B?text?=`) in header values, read
/// as `git mailinfo` reads them.
public enum EncodedWords {
  /// The decoded value as text.
  public static func decode(_ s: String) -> String {
    Charsets.visible(decode(bytes: Array(s.utf8)).bytes)
  }

  /// Decodes every encoded word to UTF-8 and keeps other bytes as they are. White space between
  /// two encoded words is dropped (RFC 2047 §6.2). A malformed word leaves the whole value as
  /// written and says so (`malformed`), as git does. A byte that is not valid inside a word's
  /// base64 or quoted-printable text is skipped, as git does; `invalid` is the first one's offset.
  public static func decode(bytes value: [UInt8]) -> (bytes: [UInt8], malformed: Bool, invalid: Int?) {
    var out: [UInt8] = []
    out.reserveCapacity(value.count)
    var at = 0
    var afterWord = false
    var invalid: Int?
    while let start = find("=?", in: value, from: at) {
      let gap = value[at..<start]
      // Text before a word is kept unless it is only white space after another word.
      if !(afterWord && gap.allSatisfy(ByteText.isSpace)) { out.append(contentsOf: gap) }
      guard let q1 = value[(start + 2)...].firstIndex(of: UInt8(ascii: "?")), q1 + 2 < value.count,
        value[q1 + 2] == UInt8(ascii: "?"), let end = find("?=", in: value, from: q1 + 3)
      else { return (value, true, nil) }
      let charset = String(decoding: value[(start + 2)..<q1], as: UTF8.self)
      let text = value[(q1 + 3)..<end]
      let decoded: TransferEncoding.Decoded
      switch ByteText.lower(value[q1 + 1]) {
      case UInt8(ascii: "b"): decoded = TransferEncoding.base64(text)
      case UInt8(ascii: "q"): decoded = TransferEncoding.quotedPrintable(text, headerWord: true)
      default: return (value, true, nil)
      }
      let raw = decoded.bytes
      if invalid == nil, let k = decoded.firstInvalid { invalid = q1 + 3 + k }
      // RFC 2231 allows `charset*language`; the language is not part of the name.
      let name = charset.split(separator: "*", maxSplits: 1).first.map(String.init) ?? ""
      out.append(contentsOf: Charsets.isUTF8(name) ? raw : Array(Charsets.decode(raw, charset: name).text.utf8))
      at = end + 2
      afterWord = true
    }
    out.append(contentsOf: value[at...])
    return (out, false, invalid)
  }

  private static func find(_ pair: StaticString, in bytes: [UInt8], from: Int) -> Int? {
    let a = pair.utf8Start[0]
    let b = pair.utf8Start[1]
    var i = from
    while i + 1 < bytes.count {
      if bytes[i] == a && bytes[i + 1] == b { return i }
      i += 1
    }
    return nil
  }
}
