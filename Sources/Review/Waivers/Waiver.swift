public import Diagnostics

/// An accepted finding: which rule, where, why, until when. Written by a maintainer in the
/// waiver file so CI stops failing on a change the project decided to keep.
public struct Waiver: Sendable, Hashable {
  /// The rule id it covers (`U8`, `ABI.member-retyped`), or `*`.
  public var rule: String
  /// Only findings in a file whose path ends with this.
  public var file: String?
  /// Only findings whose message, symbol or evidence contains this text.
  public var match: String?
  /// Why the finding is accepted: required.
  public var justification: String
  /// `YYYY-MM-DD`: after this day the waiver no longer covers anything and is itself a finding.
  public var expires: String?
  public var link: String?
  /// Where the waiver is written, for diagnostics about it.
  public var location: SourceLocation

  public init(
    rule: String, file: String? = nil, match: String? = nil, justification: String, expires: String? = nil,
    link: String? = nil, location: SourceLocation
  ) {
    self.rule = rule
    self.file = file
    self.match = match
    self.justification = justification
    self.expires = expires
    self.link = link
    self.location = location
  }

  /// `include/uapi/linux/foo.h` ends with `foo.h` and `linux/foo.h`, not with `oo.h`.
  static func path(_ path: String, endsWith tail: String) -> Bool {
    path == tail || path.hasSuffix("/" + tail)
  }

  func covers(_ f: RuleFinding) -> Bool {
    guard rule == "*" || rule == f.rule else { return false }
    if let file {
      // A finding from a mail points into the mail; the kernel path it concerns is then in
      // its message or evidence.
      let inFile = f.location.map { Self.path($0.file, endsWith: file) } ?? false
      guard inFile || f.message.contains(file) || f.evidence.contains(where: { $0.contains(file) }) else { return false }
    }
    if let match, !(f.message.contains(match) || f.evidence.contains { $0.contains(match) }) { return false }
    return true
  }
}

/// A header that moved: the ABI comparison pairs the old path with the new one instead of
/// reporting one header removed and another added.
public struct HeaderMove: Sendable, Hashable {
  public init(from: String, to: String, justification: String, location: SourceLocation) {
    self.from = from
    self.to = to
    self.justification = justification
    self.location = location
  }

  public var from: String
  public var to: String
  public var justification: String
  public var location: SourceLocation
}

/// A waiver file read: its waivers, its declared moves, and what was wrong with it.
public struct WaiverFile: Sendable {
  public var path: String
  public var waivers: [Waiver]
  public var moves: [HeaderMove]
  public var diagnostics: [Diagnostic]
}
