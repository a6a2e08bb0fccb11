extension UnitParser {
  /// The comment that ends right before `token` with only white space between, when it is not a
  /// trailing comment of the previous line's code.
  func docComment(before token: Token) -> DocComment? {
    // Only the header's own declarations are documented in its model; included files are not.
    guard token.file == mainFile else { return nil }
    let entry = pp.cache[token.file]
    let comments = entry.lexed.comments
    guard !comments.isEmpty else { return nil }
    let offset = token.offset
    var lo = 0
    var hi = comments.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if comments[mid].end <= offset { lo = mid + 1 } else { hi = mid }
    }
    guard lo > 0 else { return nil }
    let c = comments[lo - 1]
    let bytes = entry.source.bytes
    var newlines = 0
    for k in Int(c.end)..<Int(offset) {
      let b = bytes[k]
      if b == 0x0A { newlines += 1 } else if b != 0x20 && b != 0x09 && b != 0x0D { return nil }
    }
    if newlines > 1 && !c.isDoc { return nil }
    // Code before the comment on its line makes it that code's trailing comment.
    var k = Int(c.start) - 1
    while k >= 0 && bytes[k] != 0x0A {
      if bytes[k] != 0x20 && bytes[k] != 0x09 { return nil }
      k -= 1
    }
    return cachedDoc(token.file, c)
  }

  private func cachedDoc(_ file: Int32, _ c: Comment) -> DocComment {
    let key = Int64(file) << 32 | Int64(c.start)
    if let doc = pp.cache.docComments[key] { return doc }
    let doc = DocComment.parse(pp.cache[file].source.text(Int(c.start)..<Int(c.end)), isDoc: c.isDoc)
    pp.cache.docComments[key] = doc
    return doc
  }

  /// A comment after `token` on the same line (`__u32 op; /* the operation */`).
  func trailingComment(after token: Token) -> DocComment? {
    guard token.file == mainFile else { return nil }
    let entry = pp.cache[token.file]
    let comments = entry.lexed.comments
    var lo = 0
    var hi = comments.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if comments[mid].start <= token.offset { lo = mid + 1 } else { hi = mid }
    }
    guard lo < comments.count else { return nil }
    let c = comments[lo]
    let bytes = entry.source.bytes
    for k in Int(token.offset)..<Int(c.start) where bytes[k] == 0x0A { return nil }
    return cachedDoc(token.file, c)
  }
}

extension DocComment {
  /// Strips comment markers and reads kernel-doc structure: the `name - summary` line and the
  /// `@member: text` entries (continued on following lines until a blank line or the next `@`).
  /// Works on bytes: it runs for every documented declaration of every header read.
  static func parse(_ raw: String, isDoc: Bool) -> DocComment {
    var body = Array(raw.utf8)[...]
    if body.starts(with: Array("/**".utf8)) {
      body = body.dropFirst(3)
    } else if body.starts(with: Array("/*".utf8)) || body.starts(with: Array("//".utf8)) {
      body = body.dropFirst(2)
    }
    if body.count >= 2, body[body.endIndex - 2] == UInt8(ascii: "*"), body.last == UInt8(ascii: "/") {
      body = body.dropLast(2)
    }
    var lines: [ArraySlice<UInt8>] = []
    for line in body.split(separator: 0x0A, omittingEmptySubsequences: false) {
      var l = line.drop { $0 == 0x20 || $0 == 0x09 }
      if l.first == UInt8(ascii: "*"), !(l.count >= 2 && l[l.startIndex + 1] == UInt8(ascii: "/")) { l = l.dropFirst() }
      lines.append(trim(l))
    }
    while lines.first?.isEmpty == true { lines.removeFirst() }
    while lines.last?.isEmpty == true { lines.removeLast() }
    let text = String(decoding: Array(lines.joined(separator: [0x0A])), as: UTF8.self)
    guard isDoc else { return DocComment(text: text, isKernelDoc: false) }

    var summary: String?
    var parameters: [Parameter] = []
    var rest = lines[...]
    if let first = rest.first, let dash = find(Array(" - ".utf8), in: first) {
      let head = first[first.startIndex..<dash]
      if head.split(separator: 0x20).count <= 2 && head.first != UInt8(ascii: "@") {
        summary = String(decoding: first[(dash + 3)...], as: UTF8.self)
        rest = rest.dropFirst()
      }
    }
    var currentName: ArraySlice<UInt8>?
    var currentText: [UInt8] = []
    func flush() {
      if let name = currentName {
        parameters.append(
          Parameter(name: String(decoding: name, as: UTF8.self), text: String(decoding: trim(currentText[...]), as: UTF8.self)))
      }
      currentName = nil
      currentText = []
    }
    for line in rest {
      if line.first == UInt8(ascii: "@"), let colon = line.firstIndex(of: UInt8(ascii: ":")) {
        flush()
        currentName = trim(line[(line.startIndex + 1)..<colon])
        currentText = Array(line[(colon + 1)...])
      } else if currentName != nil {
        if line.isEmpty {
          flush()
        } else {
          currentText.append(0x20)
          currentText += line
        }
      }
    }
    flush()
    return DocComment(text: text, isKernelDoc: true, summary: summary, parameters: parameters)
  }

  private static func trim(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    var t = s
    while let c = t.first, c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A { t = t.dropFirst() }
    while let c = t.last, c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A { t = t.dropLast() }
    return t
  }

  private static func find(_ needle: [UInt8], in hay: ArraySlice<UInt8>) -> Int? {
    guard hay.count >= needle.count else { return nil }
    var i = hay.startIndex
    while i + needle.count <= hay.endIndex {
      if hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
      i += 1
    }
    return nil
  }
}
