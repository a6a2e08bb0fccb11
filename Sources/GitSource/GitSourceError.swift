/// An error reading or writing a git repository or a public-inbox archive.
///
/// The message says what was being done and, when libgit2 failed, libgit2's own reason,
/// e.g. `cannot open repository at /tmp/x: failed to resolve path '/tmp/x': No such file or directory`.
public struct GitSourceError: Error, Equatable, Sendable, CustomStringConvertible {
  /// What failed, in one line.
  public let message: String

  /// Creates an error with a ready-made message.
  public init(_ message: String) {
    self.message = message
  }

  public var description: String { message }

  /// A libgit2 call failed while doing `what`; libgit2's last error text is appended.
  ///
  /// Call it right after the failing call: the text is thread-local and the next call replaces it.
  static func libgit2(_ what: String, code: Int32) -> GitSourceError {
    GitSourceError("\(what): \(lastLibgit2Error(code: code))")
  }

  /// The directory holds neither `git/N.git` epochs nor a git repository.
  static func notAnInbox(_ path: String, reason: String) -> GitSourceError {
    GitSourceError("not a public-inbox v2 archive at \(path): \(reason)")
  }
}
