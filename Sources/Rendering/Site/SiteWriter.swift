import Foundation
import Mustache

/// Writes the static site of a `ReviewReport`: every page through its template, the stylesheet,
/// the script and the search index. Output is a pure function of the report and the templates
/// (no dates, no absolute paths), so two runs give the same bytes.
public struct SiteWriter {
  public var templates: SiteTemplateSet

  public init(templates: SiteTemplateSet = .builtIn) {
    self.templates = templates
  }

  /// Page name → contents, every name from `SitePaths`.
  public func render(_ report: ReviewReport) throws -> [String: String] {
    var library = MustacheLibrary()
    for (name, text) in templates.files where name.hasPrefix("pages/") && name.hasSuffix(".mustache") {
      let key = String(name.dropFirst("pages/".count).dropLast(".mustache".count))
      do {
        try library.register(text, named: key)
      } catch {
        throw SiteError("template \(name): \(error)")
      }
    }
    let pages = SitePages(report: report)
    var out: [String: String] = [:]
    func page(_ file: String, template: String, title: String, view: [String: Any]) throws {
      guard let body = library.render(view, withTemplate: template) else { throw SiteError("no template pages/\(template).mustache") }
      let frame: [String: Any] = [
        "pageTitle": title, "siteTitle": report.title, "generator": report.generator, "body": body, "nav": pages.nav(current: file),
      ]
      guard let html = library.render(frame, withTemplate: "layout") else { throw SiteError("no template pages/layout.mustache") }
      out[file] = html
    }
    try page(SitePaths.index, template: "index", title: "Overview", view: pages.index())
    for v in report.versions {
      try page(SitePaths.version(v.page), template: "version", title: v.revision, view: pages.version(v))
      try page(SitePaths.thread(v.page), template: "thread", title: "\(v.revision) thread", view: pages.thread(v))
      for m in pages.mails(v) {
        try page(SitePaths.mail(v.page, m.index), template: "mail", title: "\(v.revision) \(m.index)/\(v.total) \(m.title)", view: pages.mail(v, m))
      }
    }
    for h in report.headers {
      try page(SitePaths.header(h.path), template: "header", title: h.path, view: pages.header(h))
    }
    try page(SitePaths.changelog, template: "changelog", title: "uAPI changelog", view: pages.changelog())
    try page(SitePaths.verification, template: "verification", title: "Verification", view: pages.verification())
    try page(SitePaths.checklist, template: "checklist", title: "Review checklist", view: pages.checklist())
    try page(SitePaths.findings, template: "findings", title: "Findings", view: pages.findings())
    out["style.css"] = templates.asset("style.css")
    out["site.js"] = templates.asset("site.js")
    out["search-index.js"] = SearchIndex.script(report)
    return out
  }

  /// Writes `files` into `directory` (created if needed): each file to a temporary name beside
  /// it, then renamed, so a reader never sees half a page. Names must be plain page names.
  public static func write(_ files: [String: String], to directory: String) throws {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    for (name, text) in files.sorted(by: { $0.key < $1.key }) {
      guard SitePaths.isPlainFileName(name) else { throw SiteError("refusing to write '\(name)': not a plain file name") }
      let target = URL(fileURLWithPath: directory).appendingPathComponent(name)
      let temporary = URL(fileURLWithPath: directory).appendingPathComponent(".\(name).tmp")
      try Data(text.utf8).write(to: temporary)
      if FileManager.default.fileExists(atPath: target.path) { try FileManager.default.removeItem(at: target) }
      try FileManager.default.moveItem(at: temporary, to: target)
    }
  }
}

extension SitePaths {
  /// One path component of letters, digits, `-`, `_` and `.`, not starting with a dot.
  public static func isPlainFileName(_ name: String) -> Bool {
    guard let first = name.first, first != ".", name.count <= 200 else { return false }
    return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") } && !name.contains("..")
  }
}
