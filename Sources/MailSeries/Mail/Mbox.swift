/// Splits an mbox into messages the way `git mailsplit` does.
public enum Mbox {
  public struct Message: Sendable, Hashable {
    /// The message with its `From ` separator line (as `git mailsplit` keeps it), line endings
    /// normalised to `\n`.
    public var text: String
    /// 1-based line of the separator (or of the first line when there is none).
    public var line: Int
  }

  /// `mboxrd` undoes one level of `>From ` quoting; mboxo leaves it (it cannot be undone).
  public static func split(_ text: String, mboxrd: Bool = false) -> [Message] {
    var messages: [Message] = []
    var current: [Substring] = []
    var start = 1
    var lineNumber = 0
    var sawSeparator = false
    func flush() {
      if sawSeparator || !current.isEmpty {
        messages.append(Message(text: current.map { $0 + "\n" }.joined(), line: start))
      }
      current = []
    }
    // Split on bytes: in Swift "\r\n" is one Character and would not split on "\n".
    for rawLine in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
      lineNumber += 1
      var bytes = rawLine
      if bytes.last == 0x0D { bytes = bytes.dropLast() }
      var line = Substring(String(decoding: bytes, as: UTF8.self))
      if isFromLine(line) {
        flush()
        start = lineNumber
        sawSeparator = true
        current.append(line)
        continue
      }
      if mboxrd, line.hasPrefix(">"), line.drop(while: { $0 == ">" }).hasPrefix("From ") {
        line = line.dropFirst()
      }
      current.append(line)
    }
    // The split above sees one empty line after a final newline.
    if current.last == "" { current.removeLast() }
    flush()
    return messages
  }

  /// git's test: `From ` then, before the end, `hh:mm:ss yyyy` with a year after 1990.
  static func isFromLine(_ line: Substring) -> Bool {
    let b = Array(line.utf8)
    guard b.count >= 20, b.starts(with: Array("From ".utf8)) else { return false }
    // git counts the newline in the length; this line has none.
    var colon = b.count - 1
    while true {
      colon -= 1
      if colon < 5 { return false }
      if b[colon] == UInt8(ascii: ":") { break }
    }
    func digit(_ i: Int) -> Bool { i >= 0 && i < b.count && b[i] >= 0x30 && b[i] <= 0x39 }
    guard digit(colon - 4), digit(colon - 2), digit(colon - 1), digit(colon + 1), digit(colon + 2) else { return false }
    let year = b[min(b.count, colon + 3)...].drop { $0 == 0x20 || $0 == 0x09 }.prefix { $0 >= 0x30 && $0 <= 0x39 }
    return (Int(String(decoding: year, as: UTF8.self)) ?? 0) > 90
  }
}
