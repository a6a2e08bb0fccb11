/// How bad a diagnostic is. Errors make the tool exit with status 1.
public enum Severity: String, Sendable, Codable, Comparable, CaseIterable {
  case note
  case warning
  case error

  private var rank: Int {
    switch self {
    case .note: 0
    case .warning: 1
    case .error: 2
    }
  }

  public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A problem found while reading input: data, not a thrown error, so a reader can keep going.
///
/// `id` is stable (for example `pp.unterminated-if`), so tests and waivers can name it; `excerpt`
/// is the source line the location points into, kept so the caret can be drawn later without
/// re-reading the file.
public struct Diagnostic: Hashable, Sendable, Codable {
  public var severity: Severity
  public var id: String
  public var message: String
  public var location: SourceLocation?
  public var excerpt: String?

  public init(
    _ severity: Severity, id: String, message: String, location: SourceLocation? = nil, excerpt: String? = nil
  ) {
    self.severity = severity
    self.id = id
    self.message = message
    self.location = location
    self.excerpt = excerpt
  }
}

extension Sequence<Diagnostic> {
  /// True when any diagnostic is an error.
  public var containsErrors: Bool { contains { $0.severity == .error } }
}
