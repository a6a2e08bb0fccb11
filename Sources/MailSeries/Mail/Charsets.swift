import Foundation

/// Text in the charset a mail declares, converted with the C library's iconv (as git does).
///
/// Bytes that are not valid in their charset stay visible: each becomes the Latin-1 character
/// with that code, so `0xE9` in a mail that claims UTF-8 shows as `é` rather than vanishing.
public enum Charsets {
  /// True when no conversion is needed: the charset is UTF-8, ASCII, or not given.
  public static func isUTF8(_ charset: String) -> Bool {
    switch charset.lowercased() {
    case "", "utf-8", "utf8", "us-ascii", "ascii": true
    default: false
    }
  }

  /// `bytes` as text: UTF-8 where valid, Latin-1 for each byte that is not.
  public static func visible<C: Collection<UInt8>>(_ bytes: C) -> String {
    if let s = String(validating: bytes, as: UTF8.self) { return s }
    var scalars = String.UnicodeScalarView()
    var it = Array(bytes)[...]
    while let first = it.first {
      let n = sequenceLength(first, it)
      if n > 0, let s = String(validating: it.prefix(n), as: UTF8.self) {
        scalars.append(contentsOf: s.unicodeScalars)
        it = it.dropFirst(n)
      } else {
        scalars.append(Unicode.Scalar(first))
        it = it.dropFirst()
      }
    }
    return String(scalars)
  }

  /// Length of the UTF-8 sequence `first` starts, 0 when it cannot start one.
  private static func sequenceLength(_ first: UInt8, _ rest: ArraySlice<UInt8>) -> Int {
    let n = first < 0x80 ? 1 : first >= 0xF0 && first < 0xF5 ? 4 : first >= 0xE0 ? 3 : first >= 0xC2 ? 2 : 0
    return n <= rest.count ? n : 0
  }

  /// `bytes` in `charset` as text, and whether every byte converted. An unknown charset gives
  /// the `visible` reading and `nil`.
  public static func decode(_ bytes: [UInt8], charset: String) -> (text: String, clean: Bool?) {
    if isUTF8(charset) {
      let text = visible(bytes)
      return (text, String(validating: bytes, as: UTF8.self) != nil)
    }
    guard let utf8 = iconvToUTF8(bytes, from: charset) else { return (visible(bytes), nil) }
    return (visible(utf8.bytes), utf8.clean)
  }

  /// Converts with iconv; a byte iconv rejects is passed through as its Latin-1 character.
  private static func iconvToUTF8(_ input: [UInt8], from charset: String) -> (bytes: [UInt8], clean: Bool)? {
    let cd = iconv_open("UTF-8", charset)
    guard cd != iconv_t(bitPattern: -1) else { return nil }
    defer { iconv_close(cd) }
    var out: [UInt8] = []
    out.reserveCapacity(input.count * 2)
    var clean = true
    var chunk = [UInt8](repeating: 0, count: 4096)
    var offset = 0
    var source = input
    while offset < source.count {
      var inLeft = source.count - offset
      var outLeft = chunk.count
      let result = source.withUnsafeMutableBufferPointer { src in
        chunk.withUnsafeMutableBufferPointer { dst in
          var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(src.baseAddress! + offset)
            .assumingMemoryBound(to: CChar.self)
          var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(dst.baseAddress!)
            .assumingMemoryBound(to: CChar.self)
          return iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
        }
      }
      let failure = errno
      offset = source.count - inLeft
      out.append(contentsOf: chunk[0..<(chunk.count - outLeft)])
      if result == -1 && failure != E2BIG {
        // EILSEQ or EINVAL: keep the byte visible and go on after it.
        clean = false
        let b = source[offset]
        out.append(contentsOf: Array(String(Unicode.Scalar(b)).utf8))
        offset += 1
      }
    }
    return (out, clean)
  }
}
