import Foundation

/// Splits an mbox into messages the way `git mailsplit` does.
public enum Mbox {
  public struct Message: Sendable, Hashable {
    /// The message with its `From ` separator line (as `git mailsplit` keeps it), CR of CRLF
    /// removed, in the bytes of the input (charsets are the mail reader's business).
    public var bytes: [UInt8]
    /// 1-based line of the separator (or of the first line when there is none).
    public var line: Int

    public var text: String { Charsets.visible(bytes) }
  }

  public static func split(_ text: String, mboxrd: Bool = false) -> [Message] {
    split(bytes: Array(text.utf8), mboxrd: mboxrd)
  }

  /// `mboxrd` undoes one level of `>From ` quoting; mboxo leaves it (it cannot be undone).
  public static func split(bytes: [UInt8], mboxrd: Bool = false) -> [Message] {
    var messages: [Message] = []
    var current: [UInt8] = []
    var start = 1
    var lineNumber = 0
    var sawSeparator = false
    bytes.withUnsafeBufferPointer { buf in
      guard let base = buf.baseAddress else { return }
      var at = 0
      while at < buf.count {
        lineNumber += 1
        let end: Int
        if let p = memchr(base + at, 0x0A, buf.count - at) {
          end = base.distance(to: p.assumingMemoryBound(to: UInt8.self))
        } else {
          end = buf.count
        }
        var lineEnd = end
        if lineEnd > at, base[lineEnd - 1] == 0x0D, end < buf.count { lineEnd -= 1 }
        let line = UnsafeBufferPointer(rebasing: buf[at..<lineEnd])
        if line.first == UInt8(ascii: "F"), isFromLine(line) {
          if sawSeparator || !current.isEmpty { messages.append(Message(bytes: current, line: start)) }
          current = []
          current.reserveCapacity(4096)
          start = lineNumber
          sawSeparator = true
        }
        var body = line[...]
        if mboxrd, body.first == UInt8(ascii: ">"), ByteText.hasPrefix(body.drop { $0 == UInt8(ascii: ">") }, "From ") {
          body = body.dropFirst()
        }
        current.append(contentsOf: body)
        current.append(0x0A)
        at = end + 1
      }
    }
    if sawSeparator || !current.isEmpty { messages.append(Message(bytes: current, line: start)) }
    return messages
  }

  /// One raw message (its separator line up to the next one) as `split` would give it. Most
  /// mail needs no change at all, and then the bytes are passed through without a copy.
  public static func message(raw: [UInt8], mboxrd: Bool) -> [UInt8]? {
    if !mboxrd, raw.last == 0x0A, raw.withUnsafeBufferPointer({ $0.baseAddress.map { memchr($0, 0x0D, raw.count) == nil } ?? true }) {
      return raw
    }
    return split(bytes: raw, mboxrd: mboxrd).first?.bytes
  }

  /// git's test: `From ` then, before the end, `hh:mm:ss yyyy` with a year after 1990.
  static func isFromLine(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    guard b.count >= 20, ByteText.hasPrefix(b, "From ") else { return false }
    // git counts the newline in the length; this line has none.
    var colon = b.count - 1
    while true {
      colon -= 1
      if colon < 5 { return false }
      if b[colon] == UInt8(ascii: ":") { break }
    }
    func digit(_ i: Int) -> Bool { i >= 0 && i < b.count && b[i] >= 0x30 && b[i] <= 0x39 }
    guard digit(colon - 4), digit(colon - 2), digit(colon - 1), digit(colon + 1), digit(colon + 2) else { return false }
    var i = colon + 3
    while i < b.count, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
    var year = 0
    while i < b.count, b[i] >= 0x30, b[i] <= 0x39, year < 100_000 {
      year = year * 10 + Int(b[i] - 0x30)
      i += 1
    }
    return year > 90
  }
}
