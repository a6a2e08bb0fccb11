public import Diagnostics

/// What one rule of `UAPI-RULES.md` is: its stable id, how bad a violation is, a short title, the
/// help text (in our words, citing the document and section it comes from) and what it runs on.
/// The logic lives in one file per rule; this type is only the data.
public struct Rule: Sendable, Hashable, Codable {
  /// What a rule runs on.
  public enum Scope: String, Sendable, Hashable, Codable {
    /// A uAPI header as a whole (`HeaderModel` on every ABI).
    case header
    /// Two states of a header (before and after a patch).
    case headerChange = "header-change"
    /// The added lines of a header hunk, when no base header is known.
    case fragment
    /// A series version: its mails, headers, trailers and diffs.
    case series
  }

  /// Stable id (`U8`, `L2`, `P5`): findings, waivers, docs and tests use it.
  public var id: String
  /// E → `.error`, W → `.warning`, I → `.note`. A rule whose document gives two levels (U4, U7,
  /// I8) has the higher one here; each finding carries its own.
  public var severity: Severity
  public var title: String
  /// What the rule asks and accepts, and where it comes from (`UAPI-RULES.md` section and the
  /// source document's section).
  public var help: String
  public var scope: Scope
  /// Rules that can also run in fragment mode on added lines.
  public var runsOnFragments: Bool

  public init(id: String, severity: Severity, title: String, help: String, scope: Scope, runsOnFragments: Bool = false) {
    self.id = id
    self.severity = severity
    self.title = title
    self.help = help
    self.scope = scope
    self.runsOnFragments = runsOnFragments
  }
}
