public import Diagnostics
public import MailSeries

/// One series rule: its catalogue entry and its check over a series version.
protocol SeriesCheck {
  static var rule: Rule { get }
  static func check(_ s: SeriesContext) -> [RuleFinding]
}

/// The series rules of `UAPI-RULES.md` §1.6 that mails can show (P1–P5, P7; P6 is in
/// `Verification`), run on one version of a series. Findings point into the mails:
/// `path:line` of the header field, trailer or diff line concerned.
public enum SeriesRules {
  static var checks: [any SeriesCheck.Type] {
    [UAPIWithCodeRule.self, DMABufListsRule.self, UserspaceLinkRule.self, WhitespaceHunksRule.self, ChangelogRule.self, NamespaceImportRule.self]
  }

  public static func run(_ version: SeriesVersion) -> [RuleFinding] {
    let context = SeriesContext(version: version)
    var findings: [RuleFinding] = []
    for check in checks { findings += check.check(context) }
    let order = RuleCatalogue.position
    return findings.sorted {
      ($0.location?.file ?? "", $0.location?.line ?? 0, $0.location?.column ?? 0, order[$0.rule] ?? 999)
        < ($1.location?.file ?? "", $1.location?.line ?? 0, $1.location?.column ?? 0, order[$1.rule] ?? 999)
    }
  }
}

/// A line of a hunk with where it is in its mail.
struct MailLine {
  var mail: SeriesMail
  var file: FileDiff
  var line: HunkLine
  /// Line in the mail's input file.
  var mailLine: Int
}

struct SeriesContext {
  let version: SeriesVersion

  /// The cover letter (if any) and the patches.
  var mails: [SeriesMail] { (version.cover.map { [$0] } ?? []) + version.patches }

  func label(_ mail: SeriesMail) -> String {
    "\(version.revision) \(mail.prefix.index ?? mail.index)/\(version.total)"
  }

  static func isUAPI(_ path: String) -> Bool { path.hasPrefix("include/uapi/") || path.contains("/include/uapi/") }

  /// Kernel code: a change outside include/uapi/, Documentation/ and tools/.
  static func isKernelCode(_ path: String) -> Bool {
    !isUAPI(path) && !path.hasPrefix("Documentation/") && !path.hasPrefix("tools/") && !path.hasPrefix("MAINTAINERS")
  }

  /// Input line of patch-text line `k` (1-based) of a mail.
  func mailLine(_ mail: SeriesMail, patchLine k: Int) -> Int { (mail.mail.patchLine ?? mail.mail.line) + k - 1 }

  /// Every added line of a mail's diffs, with its mail line.
  func addedLines(_ mail: SeriesMail) -> [MailLine] {
    var out: [MailLine] = []
    for file in mail.files {
      for hunk in file.hunks {
        for (k, hl) in hunk.lines.enumerated() where hl.kind == .added {
          out.append(MailLine(mail: mail, file: file, line: hl, mailLine: mailLine(mail, patchLine: hunk.line + 1 + k)))
        }
      }
    }
    return out
  }

  /// The header field to point at (first of `names` present), or the mail's first line.
  func field(_ mail: SeriesMail, _ names: [String]) -> (line: Int, excerpt: String) {
    for name in names {
      if let f = mail.mail.headers.fields.first(where: { $0.name.lowercased() == name.lowercased() }) {
        return (f.line, String(decoding: f.bytes, as: UTF8.self))
      }
    }
    return (mail.mail.line, mail.mail.subject)
  }

  func finding(
    _ rule: Rule, _ message: String, mail: SeriesMail, line: Int, column: Int = 1, excerpt: String?,
    evidence: [String] = []
  ) -> RuleFinding {
    RuleFinding(
      rule: rule.id, severity: rule.severity, message: message,
      location: SourceLocation(file: mail.mail.path, line: line, column: column), excerpt: excerpt, help: rule.help,
      evidence: evidence, introducedBy: label(mail))
  }

  /// A dma-buf API call on an added C line: the identifier and its 1-based column in the diff line.
  static func dmaBufCall(_ line: HunkLine) -> (name: String, column: Int)? {
    let text = line.text
    let trimmed = text.drop { $0 == " " || $0 == "\t" }
    if trimmed.hasPrefix("*") || trimmed.hasPrefix("/*") || trimmed.hasPrefix("//") { return nil }
    // Regex literals are built each time they are evaluated: test the cheap way first and
    // keep the pattern built once.
    guard text.contains("dma_buf_"), let m = text.firstMatch(of: Patterns.dmaBufCall) else { return nil }
    let column = text.utf8.distance(from: text.utf8.startIndex, to: m.range.lowerBound) + 2
    return (String(m.output.1), column)
  }

  static func strippedExcerpt(_ raw: String) -> String {
    var s = raw
    while s.hasSuffix("\n") || s.hasSuffix("\r") { s.removeLast() }
    return s
  }
}
