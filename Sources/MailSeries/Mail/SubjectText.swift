/// Line tests git's mail reader makes on body text and subjects.
enum SubjectText {
  /// git's default subject cleanup: leading `Re:`, `:`, white space and `[...]` groups removed,
  /// then white space collapsed.
  static func clean(_ subject: String) -> String {
    var s = Array(subject.utf8)[...]
    loop: while let c = s.first {
      switch c {
      case UInt8(ascii: "r"), UInt8(ascii: "R"):
        guard s.count > 3, ByteText.lower(s[s.startIndex + 1]) == UInt8(ascii: "e"),
          s[s.startIndex + 2] == UInt8(ascii: ":")
        else { break loop }
        s = s.dropFirst(3)
      case 0x20, 0x09, UInt8(ascii: ":"):
        s = s.dropFirst()
      case UInt8(ascii: "["):
        guard let close = s.firstIndex(of: UInt8(ascii: "]")) else { break loop }
        s = s[(close + 1)...]
      default:
        break loop
      }
    }
    return Charsets.visible(ByteText.trimmed(ByteText.collapsingSpace(ByteText.trimmed(s))))
  }

  /// A line that starts the patch part of a mail: `diff -`, `Index: `, `--- name`, or `---`
  /// followed only by white space.
  static func isPatchBreak(_ line: [UInt8]) -> Bool {
    if ByteText.hasPrefix(line, "diff -") || ByteText.hasPrefix(line, "Index: ") { return true }
    guard line.count >= 4, ByteText.hasPrefix(line, "---") else { return false }
    if line[3] == 0x20, !ByteText.isSpace(line[4]) { return true }
    for c in line[3...] {
      if c == ByteText.newline { return true }
      if !ByteText.isSpace(c) { return false }
    }
    return false
  }

  /// A scissors line (`-- >8 --`, `--8<--`): at least 8 visible bytes, perforation more than a
  /// third of them, dashes and scissors more than half the perforation.
  static func isScissors(_ line: [UInt8]) -> Bool {
    var scissors = 0
    var gap = 0
    var perforation = 0
    var inPerforation = false
    var first: Int?
    var last: Int?
    var i = 0
    while i < line.count {
      let c = line[i]
      if ByteText.isSpace(c) {
        if inPerforation {
          perforation += 1
          gap += 1
        }
        i += 1
        continue
      }
      last = i
      if first == nil { first = i }
      if c == UInt8(ascii: "-") {
        inPerforation = true
        perforation += 1
        i += 1
        continue
      }
      if i + 1 < line.count {
        let pair = (c, line[i + 1])
        let marks: [(UInt8, UInt8)] = [(62, 56), (56, 60), (62, 37), (37, 60)]  // >8 8< >% %<
        if marks.contains(where: { $0 == pair }) {
          inPerforation = true
          perforation += 2
          scissors += 2
          i += 2
          continue
        }
      }
      inPerforation = false
      i += 1
    }
    let visible = first.flatMap { f in last.map { $0 - f + 1 } } ?? 0
    return scissors > 0 && visible >= 8 && visible < perforation * 3 && gap * 2 < perforation
  }

  /// `From <40 hex> Mon Sep 17 00:00:00 2001\n`, the separator format-patch writes.
  static func isFormatPatchSeparator<C: Collection<UInt8>>(_ line: C) -> Bool {
    let bytes = Array(line)
    let tail = Array(" Mon Sep 17 00:00:00 2001\n".utf8)
    guard bytes.count == 5 + 40 + tail.count, ByteText.hasPrefix(bytes, "From ") else { return false }
    let hex = bytes[5..<45]
    return hex.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) } && Array(bytes[45...]) == tail
  }
}
