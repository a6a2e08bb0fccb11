public import Diagnostics
import Foundation

/// Where one message's bytes are, so an index can hold thousands of messages without their
/// bodies and read a body back only when a series needs it.
public struct MailLocation: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The file (or a label such as `<stdin>` or `repo@id`) the message came from.
  public var path: String
  /// 1-based line of the message's first line in `path`.
  public var line: Int
  public var description: String { "\(path):\(line)" }

  public init(path: String, line: Int) {
    self.path = path
    self.line = line
  }
}

/// The messages of every input, each with a summary of its headers for threading, and its
/// bytes on demand.
public struct MailStore: Sendable {
  enum Storage: Sendable {
    /// A byte range of a file, read back with `pread`.
    case file(path: String, offset: Int, length: Int, mboxrd: Bool)
    case bytes([UInt8])
  }

  public private(set) var summaries: [MailSummary] = []
  var storage: [Storage] = []
  public private(set) var diagnostics: [Diagnostic] = []

  public init() {}

  public var count: Int { summaries.count }

  /// Adds messages held in memory (stdin, a git range, a public-inbox archive).
  public mutating func add(bytes: [UInt8], location: MailLocation) {
    append(bytes, location: location, storage: .bytes(bytes))
  }

  mutating func append(_ bytes: [UInt8], location: MailLocation, storage: Storage) {
    let summary = MailSummary(bytes, location: location, ordinal: summaries.count)
    summaries.append(summary)
    self.storage.append(storage)
  }

  mutating func diagnose(_ d: Diagnostic) { diagnostics.append(d) }

  /// The message's bytes (for a file, read again from disk).
  public func bytes(_ index: Int) -> [UInt8] {
    switch storage[index] {
    case .bytes(let b):
      return b
    case .file(let path, let offset, let length, let mboxrd):
      guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
      defer { try? handle.close() }
      try? handle.seek(toOffset: UInt64(offset))
      let data = (try? handle.read(upToCount: length)) ?? Data()
      // The stored range is raw mbox text; undo the mbox quoting and CRLF the same way.
      return Mbox.message(raw: [UInt8](data), mboxrd: mboxrd) ?? []
    }
  }

  /// The message read in full.
  public func message(_ index: Int, options: MailOptions = MailOptions()) -> MailMessage {
    let loc = summaries[index].location
    return MailReader.read(bytes(index), path: loc.path, firstLine: loc.line, options: options)
  }
}
