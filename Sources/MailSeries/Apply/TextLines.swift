/// Bytes cut into lines that keep their `\n` (and a `\r` before it), so joining them gives the
/// input back; a last line without newline stays without.
enum TextLines {
  static func split(_ bytes: [UInt8]) -> [[UInt8]] {
    var lines: [[UInt8]] = []
    var start = 0
    for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") {
      lines.append(Array(bytes[start...i]))
      start = i + 1
    }
    if start < bytes.count { lines.append(Array(bytes[start...])) }
    return lines
  }

  static func join(_ lines: [[UInt8]]) -> [UInt8] { Array(lines.joined()) }

  /// A line for a message: no line ending, invalid UTF-8 replaced.
  static func display(_ line: [UInt8]) -> String {
    var s = line[...]
    if s.last == UInt8(ascii: "\n") { s = s.dropLast() }
    if s.last == UInt8(ascii: "\r") { s = s.dropLast() }
    return String(decoding: s, as: UTF8.self)
  }
}

/// A hunk as the lines it expects (preimage: context and removed) and the lines it leaves
/// (postimage: context and added), byte exact.
struct HunkImages {
  var pre: [[UInt8]] = []
  var post: [[UInt8]] = []
  /// For each preimage line, its index in `Hunk.lines` (to point into the patch).
  var preSource: [Int] = []
  /// Context lines before the first and after the last change, counted as git counts them.
  var leading = 0
  var trailing = 0

  init(_ hunk: Hunk) {
    var changed = false
    for (i, line) in hunk.lines.enumerated() where line.kind != .noNewline {
      var bytes = HunkImages.payload(line)
      // `\ No newline at end of file` after a line: that line has no line ending.
      if i + 1 < hunk.lines.count, hunk.lines[i + 1].kind == .noNewline, bytes.last == UInt8(ascii: "\n") {
        bytes.removeLast()
      }
      switch line.kind {
      case .context:
        pre.append(bytes)
        preSource.append(i)
        post.append(bytes)
        if !changed { leading += 1 }
        trailing += 1
      case .removed:
        pre.append(bytes)
        preSource.append(i)
        changed = true
        trailing = 0
      case .added:
        post.append(bytes)
        changed = true
        trailing = 0
      case .noNewline:
        break
      }
    }
  }

  /// The line's bytes without its first column. A bare line ending is an empty context line
  /// whose space was lost in transit; it stands for an empty line.
  static func payload(_ line: HunkLine) -> [UInt8] {
    let raw = Array(line.raw.utf8)
    guard let first = raw.first else { return [] }
    if first == UInt8(ascii: "\n") || (first == UInt8(ascii: "\r") && raw.count <= 2) { return raw }
    return Array(raw.dropFirst())
  }
}
