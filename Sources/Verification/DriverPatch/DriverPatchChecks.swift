import Diagnostics
public import MailSeries

/// The machine-checkable driver rules of `UAPI-RULES.md` (D1, D4, D6–D11, D13–D17, F3, P6) run
/// on the C hunks (`*.c`/`*.h` under `drivers/`) and Kconfig hunks of one patch.
///
/// Only added lines are reported; context lines are read for what comes before and after. The
/// C awareness is a token scanner plus kernel-style function boundaries, not a parser, so each
/// rule matches a narrow pattern and says in its file what it accepts as correct.
public enum DriverPatchChecks {
  /// The rules in the order they run; each one's logic is in `Rules/`.
  static var rules: [any DriverPatchRule.Type] {
    [
      OpsCallbacksRule.self, CachedTableRule.self, SegmentLimitRule.self, DMAIterationRule.self, RawAddressRule.self,
      PeerToPeerRule.self, NoCPUListRule.self, SkipCPUSyncRule.self, FDInstallOrderRule.self, HandleNarrowingRule.self,
      UserLogRule.self, FreeWhileExportedRule.self, OwnerReferenceRule.self, FlagsPassThroughRule.self,
      KconfigSelectRule.self,
    ]
  }

  /// Runs every rule on a patch's file diffs.
  ///
  /// - Parameters:
  ///   - files: the patch's file diffs (other files are ignored).
  ///   - mailPath: the file findings point into.
  ///   - patchLine: the mail line of the patch text's first line (`MailMessage.patchLine`).
  /// - Returns: the findings, ordered by line, column and rule id.
  public static func run(files: [FileDiff], mailPath: String, patchLine: Int) -> [Finding] {
    let patch = CPatch(files)
    var findings: [Finding] = []
    for rule in rules {
      for hit in rule.check(patch) {
        let meta = rule.rule
        let location = SourceLocation(file: mailPath, line: patchLine + hit.patchLine - 1, column: hit.column)
        findings.append(
          Finding(
            rule: meta,
            diagnostic: Diagnostic(meta.severity, id: meta.id, message: hit.message, location: location, excerpt: hit.excerpt)))
      }
    }
    let order = Dictionary(uniqueKeysWithValues: DriverRule.driverPatchRules.enumerated().map { ($1.id, $0) })
    return findings.sorted {
      ($0.line, $0.column, order[$0.id] ?? 0, $0.message) < ($1.line, $1.column, order[$1.id] ?? 0, $1.message)
    }
  }

  /// Runs every rule on the patch of one mail. Lines map through `patchLine`; a transfer-encoded
  /// body has none, and then the mail's own first line stands in for it.
  public static func run(mail: MailMessage) -> [Finding] {
    var parser = PatchParser(path: mail.path)
    let parsed = parser.parse(mail.patch)
    return run(files: parsed.files, mailPath: mail.path, patchLine: mail.patchLine ?? mail.line)
  }
}
