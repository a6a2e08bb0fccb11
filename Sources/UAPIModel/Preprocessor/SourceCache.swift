import Diagnostics
import Foundation

/// Files read and lexed once, shared by the translation units one worker thread runs in turn:
/// every header of a set includes `<linux/types.h>`, and lexing it once is enough. Not shared
/// between threads (the interner has no lock).
final class SourceCache {
  struct Entry {
    var source: SourceFile
    var lexed: LexedFile
  }

  let interner = Interner()
  let limits: InputLimits
  @exclusivity(unchecked) private(set) var entries: [Entry] = []
  /// Paths by file id, kept alongside `entries` so a unit can hold them without copying.
  @exclusivity(unchecked) private(set) var paths: [String] = []
  /// The macro table after each ABI's predefined macros, so a unit starts from a copy.
  @exclusivity(unchecked) var predefinedMacros: [ABI: [Int32: Macro]] = [:]
  /// Parsed documentation comments by file and comment start: one parse per comment, not per ABI.
  @exclusivity(unchecked) var docComments: [Int64: DocComment] = [:]
  /// Macro bodies as text by definition place, shared by the ABIs a worker reads.
  @exclusivity(unchecked) var macroTexts: [Int64: String] = [:]
  /// Results of included files for replay, by ABI and file (see `IncludeMemo`).
  @exclusivity(unchecked) var includeMemos: [IncludeMemoKey: [IncludeMemo]] = [:]
  @exclusivity(unchecked) var nextMemoID = 0
  /// Parser state after the tokens of a chain of leading include memos, by ABI and chain.
  @exclusivity(unchecked) var parserSnapshots: [ParserSnapshotKey: ParserSnapshot] = [:]
  @exclusivity(unchecked) private var byPath: [String: Int32] = [:]
  @exclusivity(unchecked) private var unreadable: Set<String> = []
  /// Files refused for their size, with the diagnostic each unit that asks for them gets.
  @exclusivity(unchecked) private var refused: [String: Diagnostic] = [:]
  @exclusivity(unchecked) private var regularFiles: [String: Bool] = [:]

  init(limits: InputLimits = .standard) { self.limits = limits }

  subscript(_ id: Int32) -> Entry { entries[Int(id)] }


  /// The cached file at `path`, reading and lexing it on first use; a diagnostic when it is too
  /// large. nil when it cannot be read.
  func file(at path: String, text: () -> String? = { nil }, diagnostics: inout [Diagnostic]) -> Int32? {
    if let id = byPath[path] { return id }
    if let d = refused[path] {
      diagnostics.append(d)
      return nil
    }
    if unreadable.contains(path) { return nil }
    if let text = text() { return add(SourceFile(path: path, text: text)) }
    // Size first: a huge file is refused before it is read into memory.
    if let d = limits.oversized(path) {
      refused[path] = d
      diagnostics.append(d)
      return nil
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      unreadable.insert(path)
      return nil
    }
    return add(SourceFile(path: path, bytes: [UInt8](data)))
  }

  /// Adds in-memory text under `path` (replacing nothing: a path already cached is returned).
  func add(_ source: SourceFile) -> Int32 {
    if let id = byPath[source.path] { return id }
    let id = Int32(entries.count)
    entries.append(Entry(source: source, lexed: Lexer.lex(source, fileIndex: id, interner: interner)))
    paths.append(source.path)
    byPath[source.path] = id
    return id
  }

  func isRegularFile(_ path: String) -> Bool {
    if let known = regularFiles[path] { return known }
    var isDir: ObjCBool = false
    let result = FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && !isDir.boolValue
    regularFiles[path] = result
    return result
  }
}
