/// The author of a mail as `git mailinfo` takes it from `From:`: `Name <addr>`,
/// `"Last, First" <addr>`, `addr (Name)`; a name that looks wrong (empty, over 60 bytes, or
/// with `@`, `<`, `>`) is replaced by the address.
public enum MailAddress {
  public static func parse(_ value: String) -> (name: String, email: String) {
    let (name, email) = parse(bytes: Array(value.utf8))
    return (Charsets.visible(name), Charsets.visible(email))
  }

  static func parse(bytes from: [UInt8]) -> (name: [UInt8], email: [UInt8]) {
    var f = unquoted(from)
    guard var at = f.firstIndex(of: UInt8(ascii: "@")) else { return bogus(from) }
    // The address is the word around `@`, possibly opened by `<`.
    while at > 0 {
      let c = f[at - 1]
      if ByteText.isSpace(c) { break }
      if c == UInt8(ascii: "<") {
        f[at - 1] = 0x20
        break
      }
      at -= 1
    }
    var end = at
    while end < f.count, !ByteText.isSpace(f[end]), f[end] != UInt8(ascii: ">") { end += 1 }
    let email = Array(f[at..<end])
    f.removeSubrange(at..<min(f.count, end < f.count ? end + 1 : end))
    // What remains is the name, perhaps as a comment: `addr (Name)`.
    var name = Array(ByteText.trimmed(ByteText.collapsingSpace(f)))
    if name.first == UInt8(ascii: "("), name.last == UInt8(ascii: ")"), name.count >= 2 {
      name = Array(name.dropFirst().dropLast())
    }
    return (sane(name, email: email), email)
  }

  /// `Name <addr>` without an `@`: take what the brackets hold.
  private static func bogus(_ line: [UInt8]) -> (name: [UInt8], email: [UInt8]) {
    guard let open = line.firstIndex(of: UInt8(ascii: "<")),
      let close = line[open...].firstIndex(of: UInt8(ascii: ">"))
    else { return ([], []) }
    let email = Array(line[(open + 1)..<close])
    return (sane(Array(ByteText.trimmed(line[..<open])), email: email), email)
  }

  private static func sane(_ name: [UInt8], email: [UInt8]) -> [UInt8] {
    let odd = name.contains { $0 == UInt8(ascii: "@") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") }
    return name.isEmpty || name.count > 60 || odd ? email : name
  }

  /// Quoted strings lose their quotes and escapes; comments keep their parentheses.
  private static func unquoted(_ input: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    var i = 0
    func comment() {
      out.append(UInt8(ascii: "("))
      var literal = false
      while i < input.count {
        let c = input[i]
        i += 1
        if literal {
          literal = false
        } else if c == UInt8(ascii: "\\") {
          literal = true
          continue
        } else if c == UInt8(ascii: "(") {
          comment()
          continue
        } else if c == UInt8(ascii: ")") {
          out.append(c)
          return
        }
        out.append(c)
      }
    }
    while i < input.count {
      let c = input[i]
      i += 1
      if c == UInt8(ascii: "\"") {
        var literal = false
        while i < input.count {
          let q = input[i]
          i += 1
          if literal {
            literal = false
          } else if q == UInt8(ascii: "\\") {
            literal = true
            continue
          } else if q == UInt8(ascii: "\"") {
            break
          }
          out.append(q)
        }
      } else if c == UInt8(ascii: "(") {
        comment()
      } else {
        out.append(c)
      }
    }
    return out
  }
}
