extension ReviewReport {
  /// The page and anchor a finding is shown at: its patch line, its header's page, the mail that
  /// introduced it (which lists it), or the findings page. The site and the checklist's evidence
  /// both link through here, so every link names an anchor that exists.
  public func findingHref(_ index: Int) -> String {
    let f = findings.findings[index]
    for v in versions {
      for m in [v.cover].compactMap({ $0 }) + v.patches {
        if let line = f.location?.line, m.patch.contains(where: { $0.line == line && $0.findings.contains(index) }) {
          return SitePaths.mail(v.page, m.index) + "#" + SitePaths.lineAnchor(line)
        }
      }
    }
    if let path = f.location?.file, headers.contains(where: { $0.path == path }) { return SitePaths.header(path) }
    for v in versions {
      for m in [v.cover].compactMap({ $0 }) + v.patches where f.introducedBy == "\(v.revision) \(m.index)/\(v.total)" {
        return SitePaths.mail(v.page, m.index) + "#" + SitePaths.findingAnchor(index)
      }
    }
    return SitePaths.findings + "#" + SitePaths.findingAnchor(index)
  }

  /// Where a finding in a mail lies in the file the patch changes (`memory.c:1234`), when it
  /// is on a diff line: what a reviewer looks for in the tree.
  public func fileLocation(_ index: Int) -> String? {
    let f = findings.findings[index]
    guard let line = f.location?.line else { return nil }
    for v in versions {
      for m in [v.cover].compactMap({ $0 }) + v.patches where m.file == f.location?.file {
        if let p = m.patch.first(where: { $0.line == line && $0.findings.contains(index) }), let path = p.path, let n = p.fileLine {
          return "\(path.split(separator: "/").last.map(String.init) ?? path):\(n)"
        }
      }
    }
    return nil
  }
}
