import Glibc

/// How far the readers follow input before they stop with a diagnostic: untrusted mail and
/// headers must not make the tool hang, recurse off its stack or run out of memory. Each limit is
/// set on the command line (`--limit name=N`); reaching one is a diagnostic that names the limit,
/// and what was read up to that point is kept.
public struct InputLimits: Sendable, Hashable {
  /// Bytes of one input file: a header, a mail, a patch, or one message of an mbox.
  public var fileBytes: Int = 256 << 20
  /// Messages read from all mail inputs together.
  public var messages: Int = 1_000_000
  /// Patches in one version of a series.
  public var patches: Int = 5_000
  /// `#include` nesting.
  public var includeDepth: Int = 200
  /// Macro arguments expanded inside macro arguments.
  public var macroDepth: Int = 200
  /// Tokens one macro expansion may produce.
  public var macroTokens: Int = 500_000
  /// Macro expansions in one translation unit.
  public var macroExpansions: Int = 5_000_000
  /// Nesting of structs, declarators and parentheses in expressions.
  public var nesting: Int = 200

  public init() {}

  public static let standard = InputLimits()

  /// The names `--limit` takes, with what each bounds, in the order `--help` lists them.
  public static let names: [(name: String, keyPath: WritableKeyPath<InputLimits, Int> & Sendable, what: String)] = [
    ("file-bytes", \.fileBytes, "bytes of one header, mail, patch or mbox message"),
    ("messages", \.messages, "messages read from all mail inputs"),
    ("patches", \.patches, "patches in one version of a series"),
    ("include-depth", \.includeDepth, "#include nesting"),
    ("macro-depth", \.macroDepth, "macro arguments expanded inside macro arguments"),
    ("macro-tokens", \.macroTokens, "tokens one macro expansion may produce"),
    ("macro-expansions", \.macroExpansions, "macro expansions in one translation unit"),
    ("nesting", \.nesting, "nesting of structs, declarators and expressions"),
  ]

  /// Sets one limit from `name=N`; the error says what is wrong, for a usage message.
  public mutating func set(_ assignment: String) throws(InputLimitError) {
    guard let eq = assignment.firstIndex(of: "=") else { throw .malformed(assignment) }
    let name = String(assignment[..<eq])
    guard let entry = Self.names.first(where: { $0.name == name }) else { throw .unknown(name) }
    guard let value = Int(assignment[assignment.index(after: eq)...]), value > 0 else {
      throw .badValue(name, String(assignment[assignment.index(after: eq)...]))
    }
    self[keyPath: entry.keyPath] = value
  }

  /// `input.too-large` for a file (or blob, message) of `bytes` over `fileBytes`; nil when it
  /// fits. One wording for every reader that refuses a file for its size.
  public func oversized(_ path: String, bytes: Int) -> Diagnostic? {
    guard bytes > fileBytes else { return nil }
    return Diagnostic(
      .error, id: "input.too-large", message: "\(path) is \(bytes) bytes; files over \(fileBytes) bytes are not read \(hint(\.fileBytes))",
      location: SourceLocation(file: path, line: 1, column: 1))
  }

  /// The same for a file on disk, from its size alone: it is refused before it is read.
  public func oversized(_ path: String) -> Diagnostic? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return oversized(path, bytes: Int(info.st_size))
  }

  /// "(limit include-depth=200; raise it with --limit include-depth=N)": the tail of every
  /// diagnostic that reports a limit.
  public func hint(_ keyPath: WritableKeyPath<InputLimits, Int>) -> String {
    guard let name = Self.names.first(where: { $0.keyPath == keyPath })?.name else { return "" }
    return "(limit \(name)=\(self[keyPath: keyPath]); raise it with --limit \(name)=N)"
  }
}

public enum InputLimitError: Error, CustomStringConvertible, Equatable {
  case malformed(String)
  case unknown(String)
  case badValue(String, String)

  public var description: String {
    switch self {
    case .malformed(let s): "'\(s)' is not name=N"
    case .unknown(let n):
      "unknown limit '\(n)'; limits are \(InputLimits.names.map(\.name).joined(separator: ", "))"
    case .badValue(let n, let v): "limit \(n) takes a positive whole number, not '\(v)'"
    }
  }
}
