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
      } catch let e as MustacheTemplate.ParserError {
        // The parser names the problem as a Swift case; say it in words.
        throw SiteError("\(templates.paths[name] ?? "template " + name):\(e.context.lineNumber):\(e.context.columnNumber): \(Self.describe(e.error))")
      } catch {
        throw SiteError("\(templates.paths[name] ?? "template " + name): \(error)")
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
  /// Errors name the path and the system's reason (`Permission denied`).
  public static func write(_ files: [String: String], to directory: String) throws {
    try makeDirectory(directory)
    for (name, text) in files.sorted(by: { $0.key < $1.key }) {
      guard SitePaths.isPlainFileName(name) else { throw SiteError("refusing to write '\(name)': not a plain file name") }
      let target = directory + "/" + name
      let temporary = directory + "/.\(name).tmp"
      let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0o644)
      guard fd >= 0 else { throw SiteError("cannot write \(temporary): \(reason())") }
      let bytes = Array(text.utf8)
      var done = 0
      while done < bytes.count {
        let n = bytes[done...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        guard n > 0 else {
          let why = reason()
          close(fd)
          unlink(temporary)
          throw SiteError("cannot write \(temporary): \(why)")
        }
        done += n
      }
      close(fd)
      guard rename(temporary, target) == 0 else {
        let why = reason()
        unlink(temporary)
        throw SiteError("cannot replace \(target): \(why)")
      }
    }
  }

  /// `mkdir -p`, with the reason when a component is a file or cannot be made.
  static func makeDirectory(_ path: String) throws {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else { throw SiteError("\(path) exists and is not a folder") }
      guard access(path, W_OK) == 0 else { throw SiteError("cannot write into \(path): \(reason())") }
      return
    }
    let parent = (path as NSString).deletingLastPathComponent
    if !parent.isEmpty && parent != path { try makeDirectory(parent) }
    guard mkdir(path, 0o755) == 0 || errno == EEXIST else { throw SiteError("cannot create \(path): \(reason())") }
  }

  static func reason() -> String { String(cString: strerror(errno)) }

  /// `expectedSectionEnd` → `expected section end`.
  static func describe(_ error: Error) -> String {
    var out = ""
    for c in String(describing: error) {
      if c.isUppercase { out += " " + c.lowercased() } else { out.append(c) }
    }
    return out
  }
}

extension SitePaths {
  /// One path component of letters, digits, `-`, `_` and `.`, not starting with a dot.
  public static func isPlainFileName(_ name: String) -> Bool {
    guard let first = name.first, first != ".", name.count <= 200 else { return false }
    return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") } && !name.contains("..")
  }
}
