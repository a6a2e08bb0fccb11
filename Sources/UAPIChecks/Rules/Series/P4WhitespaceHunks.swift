import Diagnostics
import MailSeries

/// P4: a functional patch carries no formatting-only changes. Flagged: a removed line that
/// comes back as an added line differing only in white space (a re-indent), and a hunk whose
/// only change is blank lines. Accepted: a patch whose every change is formatting (a
/// deliberate clean-up patch), and white space inside changed lines.
enum WhitespaceHunksRule: SeriesCheck {
  static let rule = RuleCatalogue.p4

  /// White space runs as one space, ends trimmed: `#define M (4)` and `#define M(4)` differ.
  static func squeezed(_ s: String) -> String {
    s.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
  }

  static func check(_ s: SeriesContext) -> [RuleFinding] {
    var out: [RuleFinding] = []
    for mail in s.version.patches {
      var found: [RuleFinding] = []
      var functional = false
      for file in mail.files {
        for hunk in file.hunks {
          var hunkFindings: [RuleFinding] = []
          var blankOnly = true
          // Change blocks: a run of removed lines and the added lines that follow it. A
          // re-indent is the i-th removed line coming back as the i-th added line.
          var k = 0
          let lines = hunk.lines
          while k < lines.count {
            guard lines[k].kind == .removed || lines[k].kind == .added else {
              k += 1
              continue
            }
            var removed: [Int] = []
            var added: [Int] = []
            while k < lines.count, lines[k].kind == .removed { removed.append(k); k += 1 }
            while k < lines.count, lines[k].kind == .added { added.append(k); k += 1 }
            for (i, a) in added.enumerated() {
              let text = squeezed(lines[a].text)
              if !text.isEmpty { blankOnly = false }
              if i < removed.count, !text.isEmpty, squeezed(lines[removed[i]].text) == text {
                hunkFindings.append(
                  s.finding(
                    rule, "\(file.path): this line only changes white space; leave formatting for its own patch", mail: mail,
                    line: s.mailLine(mail, patchLine: hunk.line + 1 + a), excerpt: SeriesContext.strippedExcerpt(lines[a].raw)))
              } else if !text.isEmpty {
                functional = true
              }
            }
            for (i, r) in removed.enumerated() where !squeezed(lines[r].text).isEmpty {
              blankOnly = false
              if i >= added.count || squeezed(lines[added[i]].text) != squeezed(lines[r].text) { functional = true }
            }
          }
          if blankOnly, let first = lines.indices.first(where: { lines[$0].kind == .added || lines[$0].kind == .removed }) {
            hunkFindings.append(
              s.finding(
                rule, "\(file.path): a hunk that only adds or removes blank lines", mail: mail,
                line: s.mailLine(mail, patchLine: hunk.line + 1 + first), excerpt: SeriesContext.strippedExcerpt(lines[first].raw)))
          }
          found += hunkFindings
        }
      }
      // A patch that is all formatting is a clean-up patch, which is the right place for it.
      if functional { out += found }
    }
    return out
  }
}
