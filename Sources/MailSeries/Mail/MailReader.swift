import Diagnostics

/// How a mail body is cut, where git offers a choice.
public struct MailOptions: Sendable, Hashable {
  /// Drop everything above a scissors line (`-- >8 --`), as `git mailinfo --scissors`.
  public var scissors: Bool
  /// Turn CRLF that transfer encoding hid from the mbox reader into LF, as
  /// `git mailinfo --quoted-cr=strip`; otherwise such CRs stay in the text.
  public var stripQuotedCR: Bool

  public init(scissors: Bool = false, stripQuotedCR: Bool = true) {
    self.scissors = scissors
    self.stripQuotedCR = stripQuotedCR
  }
}

/// Reads one mail into a `MailMessage` with git mailinfo's rules: headers (last one wins), MIME
/// parts (every part's text goes to the body, in order), transfer encodings, charsets,
/// format=flowed, in-body `From:`/`Subject:`/`Date:`, scissors, and the patch break. Never
/// throws; what is wrong is a diagnostic with the line it concerns.
public struct MailReader {
  enum Encoding { case identity, base64, quotedPrintable }
  /// The three fields git takes from headers, in this order.
  static let names = ["From", "Subject", "Date"]
  /// git's limit on nested multipart boundaries.
  static let maxBoundaries = 5

  let path: String
  let options: MailOptions
  private var bytes: [UInt8] = []
  private var lines: [(range: Range<Int>, hasNewline: Bool)] = []
  private var next = 0
  private var firstLine = 1
  /// Input line of the last line read, for diagnostics.
  private var lineNumber = 0

  private var primary: [[UInt8]?] = [nil, nil, nil]
  private var secondary: [[UInt8]?] = [nil, nil, nil]
  private var boundaries: [[UInt8]] = []
  /// Line of the `Content-Type` that declared each boundary.
  private var boundaryLines: [Int] = []
  private var encoding = Encoding.identity
  private var charset = ""
  private var flowed = false
  private var deleteSpace = false
  private var inPatch = false
  private var headerStage = true
  private var inBodyField: [UInt8] = []
  private var message = ""
  private var patch: [UInt8] = []
  private var patchLine: Int?
  private var messageLine: Int?
  private var patchLines = 0
  private var pending: [UInt8] = []
  private var diagnostics: [Diagnostic] = []
  private var reported: Set<String> = []

  public init(path: String, options: MailOptions = MailOptions()) {
    self.path = path
    self.options = options
  }

  /// Reads `input` (one message, perhaps with its mbox `From ` line) whose first line is line
  /// `firstLine` of the file `path`.
  public static func read(
    _ input: [UInt8], path: String, firstLine: Int = 1, options: MailOptions = MailOptions()
  ) -> MailMessage {
    var reader = MailReader(path: path, options: options)
    return reader.read(input, firstLine: firstLine)
  }

  mutating func read(_ input: [UInt8], firstLine: Int) -> MailMessage {
    // git skips white space before the first header, blank lines included.
    var start = 0
    var skippedLines = 0
    while start < input.count, ByteText.isSpace(input[start]) {
      if input[start] == ByteText.newline { skippedLines += 1 }
      start += 1
    }
    bytes = start == 0 ? input : Array(input[start...])
    lines = ByteText.lineRanges(bytes).map { line in
      // mbox readers drop the CR of CRLF; do it here too for mails read from single files.
      var r = line.range
      if line.hasNewline, r.count > 0, bytes[r.upperBound - 1] == ByteText.cr { r = r.lowerBound..<(r.upperBound - 1) }
      return (r, line.hasNewline)
    }
    self.firstLine = firstLine + skippedLines
    if lines.isEmpty {
      diagnose(.error, "mail.empty", "empty message", line: firstLine)
    }
    let (headers, end) = MailHeaders.read(bytes, lines: lines, from: 0, firstLine: self.firstLine)
    for field in headers.fields {
      lineNumber = field.line
      checkHeader(field.bytes, primaryFields: true, overwrite: true)
    }
    if end < lines.count, !ByteText.trimmingTrailingSpace(bytes[lines[end].range]).isEmpty {
      // git reads on into the body here, so fields below this line are lost: say where.
      diagnose(
        .warning, "mail.header-ended",
        "line is neither a header field ('Name: value') nor the blank line after the headers; the headers end here",
        line: self.firstLine + end)
    }
    next = end
    // The line that ended the headers is the first body line, trimmed as a header line was.
    var line: [UInt8] = []
    if next < lines.count {
      line = Array(ByteText.trimmingTrailingSpace(bytes[lines[next].range])) + [ByteText.newline]
      lineNumber = self.firstLine + next
      next += 1
    } else if !lines.isEmpty {
      diagnose(.warning, "mail.no-body", "message ends inside its headers; it has no body", line: self.firstLine + lines.count - 1)
    }
    readBody(line)
    return finish(headers: headers, line: firstLine)
  }

  // MARK: Lines

  /// The next input line with its `\n` (added when `addNewline` and the line had none).
  private mutating func nextLine(keepNewline: Bool) -> [UInt8]? {
    guard next < lines.count else { return nil }
    let (range, hasNewline) = lines[next]
    lineNumber = firstLine + next
    next += 1
    var line = Array(bytes[range])
    if keepNewline && hasNewline { line.append(ByteText.newline) }
    return line
  }

  // MARK: Body

  private mutating func readBody(_ first: [UInt8]) {
    var line = first
    if !boundaries.isEmpty {
      guard let found = findBoundary() else {
        diagnose(
          .warning, "mail.mime-boundary-missing",
          "multipart body has no line starting with its boundary '\(Charsets.visible(boundaries.last ?? []))'; the body is empty",
          line: boundaryLines.last ?? lineNumber)
        return
      }
      line = found
    }
    while true {
      if let top = boundaries.last, line.starts(with: top) {
        if !pending.isEmpty {
          filter(pending)
          pending = []
        }
        guard let partFirst = enterPart(boundaryLine: line) else { return }
        line = partFirst
      }
      decodeAndFilter(line)
      guard let l = nextLine(keepNewline: true) else { break }
      line = l
    }
    if !pending.isEmpty {
      filter(pending)
      pending = []
    }
    flushInBodyField()
    if !boundaries.isEmpty {
      diagnose(
        .warning, "mail.mime-unterminated",
        "multipart body ends without its closing boundary '\(Charsets.visible(boundaries.last ?? []))--'", line: lineNumber)
    }
  }

  /// Skips to the next line starting with the innermost boundary; nil at the end of input.
  private mutating func findBoundary() -> [UInt8]? {
    while let line = nextLine(keepNewline: false) {
      if let top = boundaries.last, line.starts(with: top) { return line }
    }
    return nil
  }

  /// At a boundary line: a closing one pops the boundary and skips to the next part of the
  /// outer multipart; an opening one reads the part's headers. Returns the part's first body
  /// line, or nil when the input ends.
  private mutating func enterPart(boundaryLine: [UInt8]) -> [UInt8]? {
    var line = boundaryLine
    while let top = boundaries.last, line.count >= top.count + 2,
      line[top.count] == UInt8(ascii: "-"), line[top.count + 1] == UInt8(ascii: "-")
    {
      boundaries.removeLast()
      boundaryLines.removeLast()
      filter([ByteText.newline])
      guard let found = findBoundary() else { return nil }
      line = found
    }
    encoding = .identity
    charset = ""
    let (partHeaders, end) = MailHeaders.read(bytes, lines: lines, from: next, firstLine: firstLine)
    for field in partHeaders.fields {
      lineNumber = field.line
      checkHeader(field.bytes, primaryFields: true, overwrite: false)
    }
    // The line that ended the part's headers is consumed with them.
    next = min(lines.count, end + 1)
    guard var first = nextLine(keepNewline: false) else { return nil }
    first.append(ByteText.newline)
    return first
  }

  private mutating func decodeAndFilter(_ line: [UInt8]) {
    switch encoding {
    case .identity:
      filterFlowed(line)
    case .base64, .quotedPrintable:
      let decoded =
        encoding == .base64
        ? TransferEncoding.base64(line) : TransferEncoding.quotedPrintable(line, headerWord: false)
      if let column = decoded.firstInvalid {
        let what = encoding == .base64 ? "base64" : "quoted-printable"
        diagnose(.warning, "mail.\(what)-invalid", "invalid \(what) byte skipped", line: lineNumber, column: column + 1, once: true)
      }
      var text = pending + decoded.bytes
      pending = []
      // One decoded line may hold several; a last piece without newline waits for the next.
      var start = 0
      while start < text.count {
        guard let nl = text[start...].firstIndex(of: ByteText.newline) else {
          pending = Array(text[start...])
          break
        }
        filterFlowed(Array(text[start...nl]))
        start = nl + 1
      }
      text = []
    }
  }

  /// format=flowed (RFC 3676): soft breaks joined, space-stuffing removed, `-- ` kept.
  private mutating func filterFlowed(_ input: [UInt8]) {
    var line = input
    guard flowed else {
      if options.stripQuotedCR, line.count >= 2, line[line.count - 2] == ByteText.cr, line.last == ByteText.newline {
        line.removeSubrange((line.count - 2)..<(line.count - 1))
      }
      filter(line)
      return
    }
    var length = line.count
    if length > 0, line[length - 1] == ByteText.newline {
      length -= 1
      if length > 0, line[length - 1] == ByteText.cr { length -= 1 }
    }
    if length == 3, ByteText.hasPrefix(line, "-- ") {
      if !pending.isEmpty {
        filter(pending)
        pending = []
      }
      filter(line)
      return
    }
    if length > 0, line[0] == 0x20 {
      line.removeFirst()
      length -= 1
    }
    if length > 0, line[length - 1] == 0x20 {
      pending += line[0..<(length - (deleteSpace ? 1 : 0))]
      return
    }
    filter(pending + line)
    pending = []
  }

  private mutating func filter(_ line: [UInt8]) {
    if !inPatch {
      guard commitMessage(line) else { return }
      inPatch = true
      if encoding == .identity && !flowed { patchLine = lineNumber }
    }
    patch += line
    patchLines += 1
  }

  /// Takes a line of the commit message; true when the line starts the patch instead.
  private mutating func commitMessage(_ line: [UInt8]) -> Bool {
    if headerStage, line.isEmpty || line == [ByteText.newline] {
      if !inBodyField.isEmpty {
        flushInBodyField()
        headerStage = false
      }
      return false
    }
    if headerStage {
      headerStage = inBodyHeader(line)
      if headerStage { return false }
    }
    if options.scissors && SubjectText.isScissors(line) {
      message = ""
      headerStage = true
      secondary = [nil, nil, nil]
      return false
    }
    if SubjectText.isPatchBreak(line) { return true }
    if message.isEmpty && encoding == .identity && !flowed { messageLine = lineNumber }
    message += text(line)
    return false
  }

  /// Message text in the part's charset.
  private mutating func text(_ line: [UInt8]) -> String {
    let (decoded, clean) = Charsets.decode(line, charset: charset)
    if clean == nil {
      diagnose(.warning, "mail.charset-unknown", "unknown charset '\(charset)'; bytes shown as UTF-8 or Latin-1", line: lineNumber, once: true)
    } else if clean == false {
      diagnose(.warning, "mail.charset-invalid", "bytes that are not valid \(charset.isEmpty ? "UTF-8" : charset) kept as Latin-1", line: lineNumber, once: true)
    }
    return decoded
  }

  /// In-body headers at the top of the message: true while the line belongs to them.
  private mutating func inBodyHeader(_ line: [UInt8]) -> Bool {
    if !inBodyField.isEmpty, let first = line.first, first == 0x20 || first == 0x09 {
      if options.scissors && SubjectText.isScissors(line) {
        flushInBodyField()
        return false
      }
      if inBodyField.last == ByteText.newline { inBodyField.removeLast() }
      inBodyField += line
      return true
    }
    flushInBodyField()
    if ByteText.hasPrefix(line, ">From"), line.count > 5, ByteText.isSpace(line[5]) {
      return SubjectText.isFormatPatchSeparator(line.dropFirst())
    }
    if ByteText.hasPrefix(line, "[PATCH]"), line.count > 7, ByteText.isSpace(line[7]) {
      secondary[1] = line
      return true
    }
    for (i, name) in Self.names.enumerated() where secondary[i] == nil && Self.isField(line, name) {
      inBodyField += line
      return true
    }
    return false
  }

  private mutating func flushInBodyField() {
    guard !inBodyField.isEmpty else { return }
    checkHeader(inBodyField, primaryFields: false, overwrite: false)
    inBodyField = []
  }

  // MARK: Headers

  /// `Name:` then white space, name compared without case: the only form git accepts.
  static func isField(_ line: [UInt8], _ name: String) -> Bool {
    let n = Array(name.utf8)
    guard line.count > n.count + 1 else { return false }
    for k in 0..<n.count where ByteText.lower(line[k]) != ByteText.lower(n[k]) { return false }
    return line[n.count] == UInt8(ascii: ":") && ByteText.isSpace(line[n.count + 1])
  }

  private mutating func checkHeader(_ line: [UInt8], primaryFields: Bool, overwrite: Bool) {
    for (i, name) in Self.names.enumerated() {
      let current = primaryFields ? primary[i] : secondary[i]
      guard current == nil || overwrite, Self.isField(line, name) else { continue }
      let value = decoded(Array(line[(name.utf8.count + 2)...]), at: name.utf8.count + 2)
      if primaryFields { primary[i] = value } else { secondary[i] = value }
      return
    }
    if Self.isField(line, "Content-Type") {
      contentType(decoded(Array(line[14...]), at: 14))
    } else if Self.isField(line, "Content-Transfer-Encoding") {
      let value = decoded(Array(line[27...]), at: 27)
      encoding =
        ByteText.find("base64", in: value) != nil
        ? .base64 : ByteText.find("quoted-printable", in: value) != nil ? .quotedPrintable : .identity
    }
  }

  /// A header value (starting at byte `start` of its field) with its encoded words decoded.
  private mutating func decoded(_ value: [UInt8], at start: Int) -> [UInt8] {
    let (bytes, malformed, invalid) = EncodedWords.decode(bytes: value)
    if malformed {
      diagnose(.warning, "mail.encoded-word-invalid", "malformed RFC 2047 encoded word; value kept as written", line: lineNumber)
    } else if let invalid {
      // The column holds only on the field's first line (folding joins lines).
      let index = lineNumber - firstLine
      let column = index >= 0 && index < lines.count && start + invalid < lines[index].range.count ? start + invalid + 1 : 1
      diagnose(
        .warning, "mail.encoded-word-invalid", "invalid byte in an RFC 2047 encoded word skipped", line: lineNumber, column: column)
    }
    return bytes
  }

  private mutating func contentType(_ value: [UInt8]) {
    // git searches the whole `Content-Type: ...` line for attributes.
    let line = Array("Content-Type: ".utf8) + value
    flowed = Self.attribute("format=", in: line).map { $0.caseInsensitiveEquals("flowed") } ?? false
    deleteSpace = Self.attribute("delsp=", in: line).map { $0.caseInsensitiveEquals("yes") } ?? false
    if let boundary = Self.attribute("boundary=", in: line) {
      if boundaries.count >= Self.maxBoundaries {
        diagnose(.error, "mail.mime-too-deep", "more than \(Self.maxBoundaries) nested multipart boundaries", line: lineNumber)
      } else {
        boundaries.append(Array("--".utf8) + Array(boundary.utf8))
        // The end of input says nothing about a boundary that never came; its declaration does.
        boundaryLines.append(lineNumber)
      }
    }
    charset = Self.attribute("charset=", in: line) ?? ""
  }

  /// `name=value` or `name="value"` anywhere in `line`, as git's `slurp_attr`.
  static func attribute(_ name: String, in line: [UInt8]) -> String? {
    guard let at = ByteText.find(name, in: line) else { return nil }
    var start = at + name.utf8.count
    let quoted = start < line.count && line[start] == UInt8(ascii: "\"")
    if quoted { start += 1 }
    var end = start
    while end < line.count {
      let c = line[end]
      if quoted ? c == UInt8(ascii: "\"") : (c == UInt8(ascii: ";") || c == 0x20 || c == 0x09) { break }
      end += 1
    }
    return Charsets.visible(line[start..<end])
  }

  // MARK: Result

  private mutating func finish(headers: MailHeaders, line: Int) -> MailMessage {
    var fields: [[UInt8]] = []
    for i in 0..<3 {
      // In-body fields count only for a mail that carries a patch.
      fields.append((patchLines > 0 ? secondary[i] : nil) ?? primary[i] ?? [])
    }
    let (name, email) = MailAddress.parse(bytes: ByteText.collapsingSpace(fields[0]))
    return MailMessage(
      headers: headers, author: Charsets.visible(name), email: Charsets.visible(email),
      rawSubject: Charsets.visible(fields[1]), date: Charsets.visible(ByteText.collapsingSpace(fields[2])),
      message: message, messageLine: messageLine, patch: Charsets.visible(patch), patchLine: patchLine, line: line, path: path,
      diagnostics: diagnostics)
  }

  private mutating func diagnose(
    _ severity: Severity, _ id: String, _ message: String, line: Int, column: Int = 1, once: Bool = false
  ) {
    if once {
      guard reported.insert(id).inserted else { return }
    }
    let index = line - firstLine
    let excerpt = index >= 0 && index < lines.count ? Charsets.visible(bytes[lines[index].range]) : nil
    diagnostics.append(
      Diagnostic(severity, id: id, message: message, location: SourceLocation(file: path, line: line, column: column), excerpt: excerpt))
  }
}
