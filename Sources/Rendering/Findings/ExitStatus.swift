public import Diagnostics

/// The exit status as a bitfield (`DESIGN.md`), so CI can test one bit: 0 clean, 1 input or tool
/// error, 2 usage error, 4 uAPI change that needs review, 8 ABI break, 16 rule violation at or
/// above `--fail-on`, 32 verification failure.
///
/// How findings set bits (`compute`):
///
/// | rule id         | severity              | bit |
/// |-----------------|-----------------------|-----|
/// | `ABI.*`         | error (a break)       | 8   |
/// | `ABI.*`         | warning, note         | 4   |
/// | `verify.*`      | at or above fail-on   | 32  |
/// | any other       | at or above fail-on   | 16  |
///
/// Waived findings and findings a later patch of the series fixed set nothing. The ABI bits are
/// facts about the change, not violations, so `--fail-on` does not gate them; it gates 16 and 32
/// (a verification error always counts, since every `--fail-on` level admits errors). An error
/// among the input diagnostics sets 1.
public struct ExitStatus: OptionSet, Sendable, Hashable, CustomStringConvertible {
  public let rawValue: Int32
  public init(rawValue: Int32) { self.rawValue = rawValue }

  public static let inputError = ExitStatus(rawValue: 1)
  public static let usageError = ExitStatus(rawValue: 2)
  public static let needsReview = ExitStatus(rawValue: 4)
  public static let abiBreak = ExitStatus(rawValue: 8)
  public static let ruleViolation = ExitStatus(rawValue: 16)
  public static let verificationFailure = ExitStatus(rawValue: 32)

  /// Clean: nothing to report.
  public static let clean: ExitStatus = []

  /// What a finding's rule id says about it, for the bit it sets.
  public enum Category: Sendable, Hashable {
    /// `ABI.*`: a change to the uAPI's binary interface.
    case abi
    /// `verify.*`: the header disagreed with the reference driver.
    case verification
    /// Every other rule (`U8`, `L2`, `D13`…).
    case rule

    public init(ruleID: String) {
      if ruleID.hasPrefix("ABI.") {
        self = .abi
      } else if ruleID.hasPrefix("verify.") {
        self = .verification
      } else {
        self = .rule
      }
    }
  }

  /// The status for a run's findings and input diagnostics.
  ///
  /// - Parameters:
  ///   - findings: everything the checks reported; waived and fixed findings are ignored.
  ///   - failOn: the least severity that counts as a violation (`--fail-on`, default error).
  ///   - diagnostics: problems reading input; any error sets `inputError`.
  ///   - category: how a rule id maps to a category; by default its prefix (`Category(ruleID:)`).
  /// - Returns: the union of the bits the findings set.
  public static func compute(
    findings: [RuleFinding], failOn: Severity = .error, diagnostics: [Diagnostic] = [],
    category: (String) -> Category = Category.init(ruleID:)
  ) -> ExitStatus {
    var status: ExitStatus = []
    if diagnostics.containsErrors { status.insert(.inputError) }
    for finding in findings where finding.isActive {
      switch category(finding.rule) {
      case .abi:
        status.insert(finding.severity == .error ? .abiBreak : .needsReview)
      case .verification:
        if finding.severity >= failOn { status.insert(.verificationFailure) }
      case .rule:
        if finding.severity >= failOn { status.insert(.ruleViolation) }
      }
    }
    return status
  }

  /// `abi-break|rule-violation (24)`, or `clean (0)`.
  public var description: String {
    let names: [(ExitStatus, String)] = [
      (.inputError, "input-error"), (.usageError, "usage-error"), (.needsReview, "needs-review"),
      (.abiBreak, "abi-break"), (.ruleViolation, "rule-violation"), (.verificationFailure, "verification-failure"),
    ]
    let set = names.filter { contains($0.0) }.map(\.1)
    return (set.isEmpty ? "clean" : set.joined(separator: "|")) + " (\(rawValue))"
  }
}
