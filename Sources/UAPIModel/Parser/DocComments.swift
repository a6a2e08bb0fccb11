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
    return DocComment.parse(entry.source.text(Int(c.start)..<Int(c.end)), isDoc: c.isDoc)
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
    return DocComment.parse(entry.source.text(Int(c.start)..<Int(c.end)), isDoc: c.isDoc)
  }
}

extension Substring {
  /// Without leading and trailing spaces, tabs and carriage returns (no Foundation: this runs
  /// for every documented declaration).
  fileprivate var trimmed: Substring {
    var t = self
    while let c = t.first, c == " " || c == "\t" || c == "\r" || c == "\n" { t = t.dropFirst() }
    while let c = t.last, c == " " || c == "\t" || c == "\r" || c == "\n" { t = t.dropLast() }
    return t
  }
}

extension DocComment {
  /// Strips comment markers and reads kernel-doc structure: the `name - summary` line and the
  /// `@member: text` entries (continued on following lines until a blank line or the next `@`).
  static func parse(_ raw: String, isDoc: Bool) -> DocComment {
    var body = Substring(raw)
    if body.hasPrefix("/**") { body = body.dropFirst(3) } else if body.hasPrefix("/*") || body.hasPrefix("//") { body = body.dropFirst(2) }
    if body.hasSuffix("*/") { body = body.dropLast(2) }
    var lines: [Substring] = []
    for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
      var l = line.drop { $0 == " " || $0 == "\t" }
      if l.hasPrefix("*") && !l.hasPrefix("*/") { l = l.dropFirst() }
      lines.append(l.trimmed)
    }
    while lines.first?.isEmpty == true { lines.removeFirst() }
    while lines.last?.isEmpty == true { lines.removeLast() }
    let text = lines.joined(separator: "\n")
    guard isDoc else { return DocComment(text: text, isKernelDoc: false) }

    var summary: String?
    var parameters: [Parameter] = []
    var rest = lines[...]
    if let first = rest.first, let dash = first.range(of: " - ") {
      let head = first[..<dash.lowerBound]
      if head.split(separator: " ").count <= 2 && !head.hasPrefix("@") {
        summary = String(first[dash.upperBound...])
        rest = rest.dropFirst()
      }
    }
    var currentName: Substring?
    var currentText = ""
    func flush() {
      if let name = currentName {
        parameters.append(Parameter(name: String(name), text: String(Substring(currentText).trimmed)))
      }
      currentName = nil
      currentText = ""
    }
    for line in rest {
      if line.hasPrefix("@"), let colon = line.firstIndex(of: ":") {
        flush()
        currentName = line[line.index(after: line.startIndex)..<colon].trimmed
        currentText = String(line[line.index(after: colon)...])
      } else if currentName != nil {
        if line.isEmpty { flush() } else { currentText += " " + line }
      }
    }
    flush()
    return DocComment(text: text, isKernelDoc: true, summary: summary, parameters: parameters)
  }
}
