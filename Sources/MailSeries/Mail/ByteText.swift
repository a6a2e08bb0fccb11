import Foundation

/// Byte-level helpers for mail text: mail is bytes in some charset until a part says which, so
/// lines are split and compared as bytes, never through `Character` (where `\r\n` is one).
enum ByteText {
  static let newline = UInt8(ascii: "\n")
  static let cr = UInt8(ascii: "\r")

  /// C's `isspace` in the "C" locale, which is what git's mail code tests.
  @inline(__always) static func isSpace(_ b: UInt8) -> Bool {
    b == 0x20 || (b >= 0x09 && b <= 0x0D)
  }

  @inline(__always) static func lower(_ b: UInt8) -> UInt8 {
    b >= 0x41 && b <= 0x5A ? b | 0x20 : b
  }

  /// Ranges of the lines of `bytes`, each without its `\n`; `hasNewline` is false only for a
  /// last line that does not end in one.
  static func lineRanges(_ bytes: [UInt8]) -> [(range: Range<Int>, hasNewline: Bool)] {
    var out: [(Range<Int>, Bool)] = []
    out.reserveCapacity(bytes.count / 40 + 1)
    bytes.withUnsafeBufferPointer { buf in
      guard let base = buf.baseAddress else { return }
      var start = 0
      while start < buf.count {
        let found = memchr(base + start, Int32(newline), buf.count - start)
        if let p = found {
          let end = base.distance(to: p.assumingMemoryBound(to: UInt8.self))
          out.append((start..<end, true))
          start = end + 1
        } else {
          out.append((start..<buf.count, false))
          start = buf.count
        }
      }
    }
    return out
  }

  static func hasPrefix<C: Collection<UInt8>>(_ bytes: C, _ prefix: StaticString) -> Bool {
    let count = prefix.utf8CodeUnitCount
    guard bytes.count >= count else { return false }
    var i = bytes.startIndex
    for k in 0..<count {
      if bytes[i] != prefix.utf8Start[k] { return false }
      i = bytes.index(after: i)
    }
    return true
  }

  /// Case-insensitive search, as `strcasestr`.
  static func find<C: Collection<UInt8>>(_ needle: String, in bytes: C) -> C.Index? where C.Index == Int {
    let n = Array(needle.utf8).map(lower)
    guard !n.isEmpty, bytes.count >= n.count else { return nil }
    var i = bytes.startIndex
    while i + n.count <= bytes.endIndex {
      var k = 0
      while k < n.count, lower(bytes[i + k]) == n[k] { k += 1 }
      if k == n.count { return i }
      i += 1
    }
    return nil
  }

  static func trimmed<C: BidirectionalCollection<UInt8>>(_ bytes: C) -> C.SubSequence {
    var s = bytes[...]
    while let f = s.first, isSpace(f) { s = s.dropFirst() }
    while let l = s.last, isSpace(l) { s = s.dropLast() }
    return s
  }

  /// git's `cleanup_space`: every run of white space becomes one space.
  static func collapsingSpace<C: Collection<UInt8>>(_ bytes: C) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var inSpace = false
    for b in bytes {
      if isSpace(b) {
        if !inSpace { out.append(0x20) }
        inSpace = true
      } else {
        out.append(b)
        inSpace = false
      }
    }
    return out
  }
}

extension ByteText {
  static func trimmingTrailingSpace<C: BidirectionalCollection<UInt8>>(_ bytes: C) -> C.SubSequence {
    var s = bytes[...]
    while let l = s.last, isSpace(l) { s = s.dropLast() }
    return s
  }
}
