public import Diagnostics

/// One input file's bytes, read once. Offsets are byte offsets; lines and columns are computed
/// from them only when a location is shown, so lexing stays a pass over bytes.
public final class SourceFile: Sendable {
  public let path: String
  public let bytes: [UInt8]
  /// Byte offset at which each line starts.
  let lineStarts: [Int]

  public init(path: String, bytes: [UInt8]) {
    self.path = path
    self.bytes = bytes
    var starts = [0]
    starts.reserveCapacity(bytes.count / 32 + 1)
    for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") {
      starts.append(i + 1)
    }
    self.lineStarts = starts
  }

  public convenience init(path: String, text: String) {
    self.init(path: path, bytes: Array(text.utf8))
  }

  /// 1-based line containing `offset`.
  public func line(of offset: Int) -> Int {
    var lo = 0
    var hi = lineStarts.count - 1
    while lo < hi {
      let mid = (lo + hi + 1) / 2
      if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
    }
    return lo + 1
  }

  public func location(of offset: Int) -> SourceLocation {
    let line = line(of: offset)
    return SourceLocation(file: path, line: line, column: offset - lineStarts[line - 1] + 1)
  }

  /// The text of a 1-based line without its newline, decoded leniently (bad UTF-8 becomes U+FFFD).
  public func lineText(_ line: Int) -> String {
    guard line >= 1, line <= lineStarts.count else { return "" }
    let start = lineStarts[line - 1]
    var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
    if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
    return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
  }

  /// Text of a byte range, decoded leniently.
  public func text(_ range: Range<Int>) -> String {
    String(decoding: bytes[range], as: UTF8.self)
  }

  /// A diagnostic located at `offset` in this file, carrying the line for the caret excerpt.
  public func diagnostic(_ severity: Severity, _ id: String, _ message: String, at offset: Int) -> Diagnostic {
    let location = location(of: offset)
    return Diagnostic(severity, id: id, message: message, location: location, excerpt: lineText(location.line))
  }
}
