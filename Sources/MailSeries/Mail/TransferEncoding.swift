/// Content-Transfer-Encoding decoders with git's tolerance: garbage is skipped, not fatal, but
/// each decoder reports the first offending column so a diagnostic can point at it.
enum TransferEncoding {
  struct Decoded {
    var bytes: [UInt8]
    /// 0-based offset in the input of the first byte that was not valid, if any.
    var firstInvalid: Int?
  }

  /// Base64; characters outside the alphabet are skipped (white space silently, others
  /// reported). Padding `=` ends nothing: git keeps decoding after it, and so do we.
  static func base64<C: Collection<UInt8>>(_ input: C) -> Decoded {
    var out: [UInt8] = []
    out.reserveCapacity(input.count * 3 / 4)
    var acc: UInt32 = 0
    var pos = 0
    var invalid: Int?
    for (offset, c) in input.enumerated() {
      let v: UInt32
      switch c {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"): v = UInt32(c - UInt8(ascii: "A"))
      case UInt8(ascii: "a")...UInt8(ascii: "z"): v = UInt32(c - UInt8(ascii: "a")) + 26
      case UInt8(ascii: "0")...UInt8(ascii: "9"): v = UInt32(c - UInt8(ascii: "0")) + 52
      case UInt8(ascii: "+"): v = 62
      case UInt8(ascii: "/"): v = 63
      default:
        if invalid == nil && !ByteText.isSpace(c) && c != UInt8(ascii: "=") { invalid = offset }
        continue
      }
      switch pos {
      case 0: acc = v << 2
      case 1:
        out.append(UInt8(truncatingIfNeeded: acc | (v >> 4)))
        acc = (v & 15) << 4
      case 2:
        out.append(UInt8(truncatingIfNeeded: acc | (v >> 2)))
        acc = (v & 3) << 6
      default:
        out.append(UInt8(truncatingIfNeeded: acc | v))
        acc = 0
      }
      pos = (pos + 1) & 3
    }
    return Decoded(bytes: out, firstInvalid: invalid)
  }

  /// Quoted-printable. `=` before the line end (or the end) is a soft break: the rest is dropped.
  /// `headerWord` is RFC 2047's Q encoding, where `_` is a space.
  static func quotedPrintable<C: Collection<UInt8>>(_ input: C, headerWord: Bool) -> Decoded where C.Index == Int {
    var out: [UInt8] = []
    out.reserveCapacity(input.count)
    var invalid: Int?
    var i = input.startIndex
    while i < input.endIndex {
      let c = input[i]
      if c == UInt8(ascii: "=") {
        if i + 1 >= input.endIndex || input[i + 1] == ByteText.newline { break }
        if i + 2 < input.endIndex, let h = hex(input[i + 1]), let l = hex(input[i + 2]) {
          out.append(h << 4 | l)
          i += 3
          continue
        }
        if invalid == nil { invalid = i - input.startIndex }
      }
      out.append(headerWord && c == UInt8(ascii: "_") ? 0x20 : c)
      i += 1
    }
    return Decoded(bytes: out, firstInvalid: invalid)
  }

  private static func hex(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}
