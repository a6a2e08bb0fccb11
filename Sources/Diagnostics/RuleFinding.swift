/// A finding of a rule (`U8`, `L2`, `D13`, an ABI change kind): what the checks, the ABI
/// classifier and verification report, and what every output format renders. Unlike a plain
/// `Diagnostic` (a problem reading input) it carries the rule's help, evidence, the patch that
/// introduced or fixed it, and a waiver.
public struct RuleFinding: Sendable, Hashable, Codable {
  /// The rule's stable id (`U8`, `I8`, `ABI.member-retyped`).
  public var rule: String
  public var severity: Severity
  public var message: String
  public var location: SourceLocation?
  /// The source or mail line the location points into, for a caret excerpt.
  public var excerpt: String?
  /// What the rule asks and where it comes from (`UAPI-RULES.md` §1.1, and its citation).
  public var help: String?
  /// Facts behind the finding, one per entry (`i386: offset 4, x86_64: offset 8`).
  public var evidence: [String]
  /// The patch that introduced it (`v6 1/2`), in a series.
  public var introducedBy: String?
  /// The patch that fixed it, if a later one did.
  public var fixedBy: String?
  /// The waiver's justification, when a waiver covers the finding.
  public var waiver: String?
  /// The base already had it: a series check reports it but does not blame the series for it.
  public var inBase: Bool = false

  public init(
    rule: String, severity: Severity, message: String, location: SourceLocation? = nil, excerpt: String? = nil,
    help: String? = nil, evidence: [String] = [], introducedBy: String? = nil, fixedBy: String? = nil, waiver: String? = nil
  ) {
    self.rule = rule
    self.severity = severity
    self.message = message
    self.location = location
    self.excerpt = excerpt
    self.help = help
    self.evidence = evidence
    self.introducedBy = introducedBy
    self.fixedBy = fixedBy
    self.waiver = waiver
  }

  /// The finding as a diagnostic (id = rule), for the compiler-style renderer.
  public var diagnostic: Diagnostic {
    Diagnostic(severity, id: rule, message: message, location: location, excerpt: excerpt)
  }
}
