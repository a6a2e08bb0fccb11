import Diagnostics
import MailSeries

/// P5: a version after v1 says what changed, in the cover letter or in a patch (message or the
/// notes below `---`). Accepted: "Changes in/since/from vN", "Changelog", "vN -> vM", a line
/// starting "vN:". Reported at the cover letter's (or first patch's) Subject:.
enum ChangelogRule: SeriesCheck {
  static let rule = RuleCatalogue.p5

  static func hasChangelog(_ text: String) -> Bool {
    let t = text.lowercased()
    return t.contains(#/chang\w*\s+(in|since|from|for)\s+v\d/#) || t.contains("changelog")
      || t.contains(#/v\d+(\.\d+)?\s*(->|→|to)\s*v\d+/#) || t.contains(#/(^|\n)[\s\-*]*v\d+(\.\d+)?\s*:/#)
      || t.contains(#/changes\s+v\d/#)
  }

  static func notes(_ mail: SeriesMail) -> String {
    mail.diff.parts.compactMap { part -> String? in
      if case .text(let lines) = part { return lines.joined() }
      return nil
    }.joined(separator: "\n")
  }

  static func check(_ s: SeriesContext) -> [RuleFinding] {
    let r = s.version.revision
    guard r.major > 1 || r.minor > 0 else { return [] }
    for mail in s.mails where hasChangelog(mail.mail.message) || hasChangelog(notes(mail)) { return [] }
    guard let target = s.version.cover ?? s.version.patches.first else { return [] }
    let at = s.field(target, ["Subject"])
    return [
      s.finding(
        rule, "\(r) has no changelog (\"Changes in \(r)\") in the cover letter or the patches", mail: target,
        line: at.line, excerpt: at.excerpt)
    ]
  }
}
