import Diagnostics
import MailSeries
import Rendering

/// What the checklist gathers evidence from: the newest version, its findings and the
/// verification, with the page each piece of evidence links to.
struct ChecklistContext {
  var version: SeriesVersion
  /// The name of the version's pages (`VersionReport.page`).
  var page: String
  var findings: [RuleFinding]
  var fragmentMode: Bool
  var verification: VerificationSection
  var headers: [HeaderReport]
  /// Where the site shows a finding (`ReviewReport.findingHref`).
  var findingHref: (Int) -> String
  /// Where a finding on a diff line lies in its file (`ReviewReport.fileLocation`).
  var fileLocation: (Int) -> String? = { _ in nil }

  var revision: String { "\(version.revision)" }
  var mails: [SeriesMail] { [version.cover].compactMap { $0 } + version.patches }

  /// The findings that still stand in the newest version (not waived, not fixed, not in the base).
  var standing: [Int] {
    findings.indices.filter { f in
      let x = findings[f]
      return x.waiver == nil && x.fixedBy == nil && !x.inBase
    }
  }

  func describe(finding f: Int) -> Evidence {
    let x = findings[f]
    var at = x.location.map { "\(lastComponent($0.file)):\($0.line)" } ?? ""
    // The file and line a reviewer opens in the tree first, the mail line after it.
    if let inFile = fileLocation(f) { at = "\(inFile) (\(at))" }
    return Evidence("\(x.rule) at \(at): \(x.message)", link: findingHref(f))
  }

  /// Added lines of the version's patches, with the page anchor of each.
  var addedLines: [(mail: SeriesMail, path: String, line: Int?, text: String)] {
    var out: [(SeriesMail, String, Int?, String)] = []
    for m in version.patches {
      for l in MailReports.classify(m.mail.patch, from: m.mail.patchLine, files: m.files) where l.kind == .added {
        out.append((m, l.path ?? "", l.line, String(l.text.dropFirst())))
      }
    }
    return out
  }

  func anchor(_ m: SeriesMail, _ line: Int?) -> String {
    SitePaths.mail(page, pageIndex(m)) + (line.map { "#" + SitePaths.lineAnchor($0) } ?? "")
  }

  func patchLabel(_ m: SeriesMail) -> String { "\(revision) \(pageIndex(m))/\(version.total)" }

  /// 0 for the cover letter, the patch number otherwise (the site's page numbering).
  func pageIndex(_ m: SeriesMail) -> Int { ReportBuilder.pageIndex(m, in: version) }
}

