public import Diagnostics
public import Foundation

/// Reads mail inputs into a `MailStore`: mbox files (mboxo or mboxrd), maildirs, single mails,
/// folders of `git format-patch` files, and bytes from stdin. Big mboxes are read in chunks,
/// so memory stays near one chunk plus the summaries.
public struct MailInputs {
  public var store = MailStore()
  public var mboxrd: Bool
  /// `messages` and `fileBytes` (per message) apply here.
  public var limits: InputLimits
  /// Set when the message limit is reached: nothing more is read.
  private var full = false
  /// Messages left out for a limit: an input whose every message was is not "no mail".
  private var refused = 0
  /// Called with (bytes read, bytes in all) while reading files; nil for no progress.
  public var progress: (@Sendable (Int, Int) -> Void)?
  /// Small enough that a series picked from a mailbox costs little memory beyond its mails.
  static let chunkSize = 1 << 20

  public init(mboxrd: Bool = false, limits: InputLimits = .standard) {
    self.mboxrd = mboxrd
    self.limits = limits
  }

  /// Adds a file or a folder. An unreadable path is a diagnostic, not a throw, so the other
  /// inputs are still read.
  public mutating func add(path: String) {
    if full { return }  // the message limit was reached: said once, nothing more is read
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      store.diagnose(Diagnostic(.error, id: "input.missing", message: "no such file or directory", location: SourceLocation(file: path, line: 1, column: 1)))
      return
    }
    if isDirectory.boolValue {
      for file in Self.mailFiles(in: path) { addFile(file) }
    } else {
      addFile(path)
    }
  }

  /// A maildir's `new/` and `cur/` messages, or a folder's files, in name order (format-patch
  /// numbers its files, maildir names start with the delivery time).
  static func mailFiles(in folder: String) -> [String] {
    let fm = FileManager.default
    let isMaildir = ["cur", "new"].contains { fm.fileExists(atPath: folder + "/" + $0) }
    let folders = isMaildir ? ["new", "cur"].map { folder + "/" + $0 } : [folder]
    var files: [String] = []
    for dir in folders {
      let names = (try? fm.contentsOfDirectory(atPath: dir)) ?? []
      for name in names.sorted() where !name.hasPrefix(".") {
        var sub: ObjCBool = false
        let path = dir + "/" + name
        // Only regular files: a FIFO or device in the folder would block the read forever.
        if fm.fileExists(atPath: path, isDirectory: &sub), !sub.boolValue,
          (try? fm.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeRegular
        {
          files.append(path)
        }
      }
    }
    return files
  }

  /// Adds messages from bytes already in memory (stdin): an mbox or a single mail.
  public mutating func add(bytes: [UInt8], label: String) {
    var skipped: [Int] = []
    let before = store.count
    let refusedBefore = refused
    for message in Mbox.split(bytes: bytes, mboxrd: mboxrd) where !message.bytes.allSatisfy(ByteText.isSpace) {
      guard Self.looksLikeMail(message.bytes) else {
        skipped.append(message.line)
        continue
      }
      guard admit(path: label, line: message.line, bytes: message.bytes.count) else {
        if full { break } else { continue }
      }
      reportNUL(message.bytes, path: label, line: message.line)
      store.add(bytes: message.bytes, location: MailLocation(path: label, line: message.line))
    }
    reportNoMail(path: label, stored: store.count - before, skipped: skipped, refusedBefore: refusedBefore)
  }

  /// 1-based line, within one message, of a second header block in its body: lines of
  /// `Name: value` with From, Subject and Date or Message-ID among them, which is how
  /// concatenated mail files look without mbox separators.
  static func secondMailLine(_ bytes: [UInt8]) -> Int? {
    let text = String(decoding: bytes, as: UTF8.self)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard let end = lines.firstIndex(where: { $0.isEmpty }) else { return nil }
    func isField(_ l: Substring) -> Bool {
      guard let colon = l.firstIndex(of: ":"), colon != l.startIndex else { return false }
      return l[..<colon].allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } && l[l.index(after: colon)...].hasPrefix(" ")
    }
    var k = end + 1
    // In-body From:/Subject:/Date: right after the headers belong to this mail.
    while k < lines.count, isField(lines[k]) { k += 1 }
    while k < lines.count {
      guard isField(lines[k]), !isField(lines[k - 1]) else {
        k += 1
        continue
      }
      var names: Set<String> = []
      var j = k
      while j < lines.count, isField(lines[j]) || lines[j].hasPrefix(" ") || lines[j].hasPrefix("\t") {
        if let colon = lines[j].firstIndex(of: ":"), !lines[j].hasPrefix(" "), !lines[j].hasPrefix("\t") {
          names.insert(lines[j][..<colon].lowercased())
        }
        j += 1
      }
      if names.contains("from"), names.contains("subject"), names.contains("date") || names.contains("message-id") { return k + 1 }
      k = max(j, k + 1)
    }
    return nil
  }

  /// A message starts with a header field (after an mbox `From ` line and leading white space,
  /// which git skips too). Anything else between separators, random bytes or a stray file, is
  /// not a mail, and reading it as one would only give a message without headers.
  static func looksLikeMail(_ bytes: [UInt8]) -> Bool {
    var start = bytes.firstIndex { !ByteText.isSpace($0) } ?? bytes.count
    for _ in 0..<2 {
      let end = bytes[start...].firstIndex(of: ByteText.newline) ?? bytes.count
      let line = ByteText.trimmingTrailingSpace(bytes[start..<end])
      guard ByteText.hasPrefix(line, "From ") else { return line.contains(UInt8(ascii: ":")) && MailHeaders.isHeaderLine(line) }
      start = min(bytes.count, end + 1)
    }
    return false
  }

  /// memchr, so a 100 MB message is scanned at memory speed even in a debug build.
  static func firstNUL(_ bytes: [UInt8]) -> Int? {
    bytes.withUnsafeBufferPointer { buf in
      guard let base = buf.baseAddress, let p = memchr(base, 0, buf.count) else { return nil }
      return base.distance(to: p.assumingMemoryBound(to: UInt8.self))
    }
  }

  /// `input.no-mail` when an input gave nothing (empty, blank or garbage), else one
  /// `input.not-mail` per stretch of text that was skipped.
  private mutating func reportNoMail(path: String, stored: Int, skipped: [Int], refusedBefore: Int) {
    if stored == 1, let line = Self.secondMailLine(store.bytes(store.count - 1)) {
      // `cat *.eml` makes one "mail" of many: say so instead of reading a strange diff.
      let at = store.summaries[store.count - 1].location.line + line - 1
      store.diagnose(
        Diagnostic(
          .warning, id: "input.concatenated",
          message: "another mail seems to start here, but mails in one input need mbox 'From ' separator lines; give the files one by one, or use git format-patch --stdout",
          location: SourceLocation(file: path, line: at, column: 1)))
    }
    if stored == 0 && refused == refusedBefore && !full {
      store.diagnose(Diagnostic(.warning, id: "input.no-mail", message: "no mail found in this input", location: SourceLocation(file: path, line: 1, column: 1)))
      return
    }
    for line in skipped {
      store.diagnose(
        Diagnostic(.warning, id: "input.not-mail", message: "text that does not start with mail headers skipped",
          location: SourceLocation(file: path, line: line, column: 1)))
    }
  }

  private mutating func addFile(_ path: String) {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      store.diagnose(Diagnostic(.error, id: "input.unreadable", message: "cannot read file", location: SourceLocation(file: path, line: 1, column: 1)))
      return
    }
    defer { try? handle.close() }
    let total = Int((try? handle.seekToEnd()) ?? 0)
    try? handle.seek(toOffset: 0)
    scan(handle, path: path, total: total, inMemory: false)
  }

  /// Adds one message held in memory (a git commit, a public-inbox blob) within the limits;
  /// false once the message limit is reached, so the caller stops producing more.
  @discardableResult
  public mutating func add(message bytes: [UInt8], location: MailLocation) -> Bool {
    if admit(path: location.path, line: location.line, bytes: bytes.count) {
      store.add(bytes: bytes, location: location)
    }
    return !full
  }

  /// Adds the messages of a stream that cannot be read twice (stdin): read in chunks like a
  /// file, within the same limits, with each message kept in memory.
  public mutating func add(stream handle: FileHandle, label: String) {
    scan(handle, path: label, total: 0, inMemory: true)
  }

  private mutating func scan(_ handle: FileHandle, path: String, total: Int, inMemory: Bool) {
    var scanner = MboxScanner(maxMessageBytes: limits.fileBytes)
    var read = 0
    let before = store.count
    let refusedBefore = refused
    var skipped: [Int] = []
    // One buffer reused for every chunk, read with read(2): no Data and no copy per chunk.
    var buffer = [UInt8](repeating: 0, count: Self.chunkSize)
    while !full {
      let n = buffer.withUnsafeMutableBytes { Glibc.read(handle.fileDescriptor, $0.baseAddress, $0.count) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { break }
      read += n
      buffer.withUnsafeBufferPointer { buf in
        scanner.feed(UnsafeBufferPointer(rebasing: buf[..<n])) { emit($0, path: path, skipped: &skipped, inMemory: inMemory) }
      }
      progress?(read, total)
    }
    if !full { scanner.finish { emit($0, path: path, skipped: &skipped, inMemory: inMemory) } }
    reportNoMail(path: path, stored: store.count - before, skipped: skipped, refusedBefore: refusedBefore)
  }

  /// Whether one more message of `bytes` bytes may be stored; the diagnostic when not.
  private mutating func admit(path: String, line: Int, bytes: Int) -> Bool {
    if full { return false }
    if store.count >= limits.messages {
      full = true
      refused += 1
      store.diagnose(
        Diagnostic(
          .error, id: "input.too-many-messages",
          message: "more than \(limits.messages) messages; this one and the rest are not read \(limits.hint(\.messages))",
          location: SourceLocation(file: path, line: line, column: 1)))
      return false
    }
    if bytes > limits.fileBytes {
      refused += 1
      store.diagnose(
        Diagnostic(
          .error, id: "input.too-large",
          message: "message of \(bytes) bytes skipped; messages over \(limits.fileBytes) bytes are not read \(limits.hint(\.fileBytes))",
          location: SourceLocation(file: path, line: line, column: 1)))
      return false
    }
    return true
  }

  /// `input.binary` at the first NUL of a message whose first line is `line` of `path`.
  private mutating func reportNUL(_ bytes: [UInt8], path: String, line: Int) {
    guard let nul = Self.firstNUL(bytes) else { return }
    // Point at the first NUL itself: in an mbox it is often garbage glued to a good mail.
    let lineStart = (bytes[..<nul].lastIndex(of: ByteText.newline) ?? -1) + 1
    let at = line + bytes[..<nul].reduce(0) { $0 + ($1 == ByteText.newline ? 1 : 0) }
    store.diagnose(
      Diagnostic(.warning, id: "input.binary", message: "message contains NUL bytes; read as text anyway",
        location: SourceLocation(file: path, line: at, column: nul - lineStart + 1)))
  }

  private mutating func emit(_ raw: MboxScanner.Raw, path: String, skipped: inout [Int], inMemory: Bool) {
    if full { return }
    if raw.length > raw.bytes.count {
      // Over the size limit: the scanner kept none of it.
      _ = admit(path: path, line: raw.line, bytes: raw.length)
      return
    }
    // Undo CRLF and mboxrd quoting the same way the splitter does for in-memory input.
    guard let message = Mbox.message(raw: raw.bytes, mboxrd: mboxrd), !message.allSatisfy(ByteText.isSpace) else {
      return
    }
    guard Self.looksLikeMail(message) else {
      skipped.append(raw.line)
      return
    }
    guard admit(path: path, line: raw.line, bytes: raw.bytes.count) else { return }
    reportNUL(raw.bytes, path: path, line: raw.line)
    if inMemory {
      store.add(bytes: message, location: MailLocation(path: path, line: raw.line))
      return
    }
    store.append(
      message, location: MailLocation(path: path, line: raw.line),
      storage: .file(path: path, offset: raw.offset, length: raw.bytes.count, mboxrd: mboxrd))
  }
}

/// Cuts a stream of mbox bytes into raw messages (separator line to the next one) with their
/// file offsets and first lines, whatever the chunk boundaries.
struct MboxScanner {
  struct Raw {
    /// Empty when the message is over the size limit.
    var bytes: [UInt8]
    var offset: Int
    var line: Int
    /// Bytes the message had in the file.
    var length: Int
  }

  /// A message past this size is counted, not kept: one huge message (or a file with no line
  /// breaks) must not be held in memory.
  let maxMessageBytes: Int

  init(maxMessageBytes: Int = .max) { self.maxMessageBytes = maxMessageBytes }

  private var current: [UInt8] = []
  /// Bytes of the current message, kept or not.
  private var currentLength = 0
  /// The current message went over `maxMessageBytes`; its bytes are no longer kept.
  private var oversized = false
  /// A line longer than the limit is being skipped; its end continues it.
  private var inLongLine = false
  private var currentOffset = 0
  private var currentLine = 1
  private var partial: [UInt8] = []
  private var offset = 0
  private var line = 0
  private(set) var messages = 0

  mutating func feed(_ buf: UnsafeBufferPointer<UInt8>, emit: (Raw) -> Void) {
    do {
      guard let base = buf.baseAddress else { return }
      var at = 0
      while at < buf.count {
        guard let p = memchr(base + at, 0x0A, buf.count - at) else {
          // No line break in the rest: the line goes on in the next chunk. One longer than the
          // limit is counted as part of an oversized message instead of held.
          let rest = buf.count - at
          if inLongLine || partial.count + rest > maxMessageBytes {
            skipLongLine(partial.count + rest)
            partial = []
          } else {
            partial.append(contentsOf: buf[at...])
          }
          return
        }
        let end = base.distance(to: p.assumingMemoryBound(to: UInt8.self))
        if partial.isEmpty {
          take(UnsafeBufferPointer(rebasing: buf[at...end]), emit: emit)
        } else {
          partial.append(contentsOf: buf[at...end])
          let line = partial
          partial = []
          line.withUnsafeBufferPointer { take($0, emit: emit) }
        }
        at = end + 1
      }
    }
  }

  mutating func finish(emit: (Raw) -> Void) {
    if !partial.isEmpty {
      let last = partial
      partial = []
      last.withUnsafeBufferPointer { take($0, emit: emit) }
    }
    if currentLength > 0 { flush(emit: emit) }
  }

  private mutating func flush(emit: (Raw) -> Void) {
    messages += 1
    emit(Raw(bytes: oversized ? [] : current, offset: currentOffset, line: currentLine, length: currentLength))
    current = []
    currentLength = 0
    oversized = false
  }

  private mutating func skipLongLine(_ count: Int) {
    if currentLength == 0 {
      currentOffset = offset
      currentLine = line + 1
    }
    if !inLongLine { line += 1 }
    inLongLine = true
    oversized = true
    current = []
    currentLength += count
    offset += count
  }

  /// One line with its newline.
  private mutating func take(_ l: UnsafeBufferPointer<UInt8>, emit: (Raw) -> Void) {
    if inLongLine {
      // The end of a line that was too long to keep.
      inLongLine = false
      currentLength += l.count
      offset += l.count
      return
    }
    line += 1
    var content = l
    if content.last == 0x0A { content = UnsafeBufferPointer(rebasing: content.dropLast()) }
    if content.last == 0x0D { content = UnsafeBufferPointer(rebasing: content.dropLast()) }
    if content.first == UInt8(ascii: "F"), Mbox.isFromLine(content), currentLength > 0 {
      flush(emit: emit)
    }
    if currentLength == 0 {
      currentOffset = offset
      currentLine = line
    }
    currentLength += l.count
    if !oversized, currentLength > maxMessageBytes {
      oversized = true
      current = []
    }
    if !oversized { current.append(contentsOf: l) }
    offset += l.count
  }
}
