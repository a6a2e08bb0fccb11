import CGit2

/// Who made a commit and when, as git records it.
public struct GitSignature: Hashable, Sendable, Codable {
  /// The name, as recorded (no mailmap).
  public var name: String
  /// The email address, without angle brackets.
  public var email: String
  /// Seconds since the Unix epoch.
  public var time: Int64
  /// The writer's offset from UTC in minutes (east positive), as in `+0200` → 120.
  public var offsetMinutes: Int

  /// Creates a signature.
  public init(name: String, email: String, time: Int64, offsetMinutes: Int = 0) {
    self.name = name
    self.email = email
    self.time = time
    self.offsetMinutes = offsetMinutes
  }

  /// Copies a libgit2 signature out.
  init(_ signature: UnsafePointer<git_signature>) {
    let s = signature.pointee
    self.init(name: string(s.name), email: string(s.email), time: s.when.time, offsetMinutes: Int(s.when.offset))
  }

  /// Runs `body` with a libgit2 copy of this signature, freed afterwards.
  func withLibgit2<R>(_ body: (UnsafePointer<git_signature>) throws -> R) throws -> R {
    var signature: UnsafeMutablePointer<git_signature>?
    try check(
      git_signature_new(&signature, name, email, time, Int32(offsetMinutes)),
      "invalid signature \(name) <\(email)>")
    defer { git_signature_free(signature) }
    guard let signature else { throw GitSourceError("libgit2 returned no signature for \(name) <\(email)>") }
    return try body(signature)
  }
}
