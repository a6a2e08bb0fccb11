import Diagnostics
import MailSeries
import Rendering

/// What the checklist gathers evidence from: the newest version, its findings and the
/// verification, with the page each piece of evidence links to.
struct ChecklistContext {
  var version: SeriesVersion
  /// The same version as the site shows it: its page name and classified patch lines.
  var versionReport: VersionReport
  var findings: [RuleFinding]
  var verification: VerificationSection
  var headers: [HeaderReport]
  /// Where the site shows a finding (`ReviewReport.findingHref`).
  var findingHref: (Int) -> String
  /// Where a finding on a diff line lies in its file (`ReviewReport.fileLocation`).
  var fileLocation: (Int) -> String?
  /// The findings that still stand in the newest version (`RuleFinding.isActive`), worked out
  /// once: every rule and question looks through them.
  let standing: [Int]
  /// The series changes C code, so the driver rules apply.
  let touchesC: Bool

  init(
    version: SeriesVersion, versionReport: VersionReport, findings: [RuleFinding], verification: VerificationSection,
    headers: [HeaderReport], findingHref: @escaping (Int) -> String, fileLocation: @escaping (Int) -> String?
  ) {
    self.version = version
    self.versionReport = versionReport
    self.findings = findings
    self.verification = verification
    self.headers = headers
    self.findingHref = findingHref
    self.fileLocation = fileLocation
    standing = findings.indices.filter { findings[$0].isActive }
    touchesC = version.patches.contains { m in m.files.contains { $0.path.hasSuffix(".c") } }
  }

  var page: String { versionReport.page }
  var revision: String { "\(version.revision)" }
  var mails: [SeriesMail] { [version.cover].compactMap { $0 } + version.patches }

  func describe(finding f: Int) -> Evidence {
    let x = findings[f]
    var at = x.location.map { "\(lastComponent($0.file)):\($0.line)" } ?? ""
    // The file and line a reviewer opens in the tree first, the mail line after it.
    if let inFile = fileLocation(f) { at = "\(inFile) (\(at))" }
    return Evidence("\(x.rule) at \(at): \(x.message)", link: findingHref(f))
  }

  /// Added lines of the version's patches, as the patch pages classified them.
  var addedLines: [(patch: Int, path: String, line: Int?, text: String)] {
    versionReport.patches.flatMap { m in
      m.patch.filter { $0.kind == .added }.map { (m.index, $0.path ?? "", $0.line, String($0.text.dropFirst())) }
    }
  }

  func anchor(_ m: SeriesMail, _ line: Int?) -> String { anchor(patch: pageIndex(m), line) }

  func anchor(patch index: Int, _ line: Int?) -> String {
    SitePaths.mail(page, index) + (line.map { "#" + SitePaths.lineAnchor($0) } ?? "")
  }

  func patchLabel(_ m: SeriesMail) -> String { patchLabel(pageIndex(m)) }

  func patchLabel(_ index: Int) -> String { "\(revision) \(index)/\(version.total)" }

  /// 0 for the cover letter, the patch number otherwise (the site's page numbering).
  func pageIndex(_ m: SeriesMail) -> Int { ReportBuilder.pageIndex(m, in: version) }
}

