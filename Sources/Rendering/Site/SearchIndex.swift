import Foundation

/// The search box's index: one entry per page, ioctl, type, constant, finding and checklist
/// item, as a script assigning a JSON array (pages opened from file:// cannot fetch).
enum SearchIndex {
  struct Entry: Encodable {
    /// Title, URL, kind, extra text searched.
    var t: String
    var u: String
    var k: String
    var x: String
  }

  static func entries(_ report: ReviewReport) -> [Entry] {
    var out: [Entry] = []
    for v in report.versions {
      out.append(Entry(t: "\(report.title) \(v.revision)", u: SitePaths.version(v.page), k: "version", x: v.flags.joined(separator: " ")))
      for m in [v.cover].compactMap({ $0 }) + v.patches {
        // The code a patch adds is searchable too (`hl_ctx_get` finds the patch that calls it).
        let code = m.patch.filter { $0.kind == .added }.map { String($0.text.dropFirst()) }.joined(separator: " ")
        out.append(
          Entry(
            t: "\(v.revision) \(m.index)/\(v.total) \(m.title)", u: SitePaths.mail(v.page, m.index), k: m.index == 0 ? "cover" : "patch",
            x: m.author + " " + String(code.prefix(20_000))))
        for (r, reply) in m.replies.enumerated() {
          let said = reply.blocks.filter { !$0.quoted }.map(\.text).joined(separator: " ")
          out.append(Entry(t: "\(reply.author) on \(v.revision) \(m.index)/\(v.total)", u: SitePaths.mail(v.page, m.index) + "#" + SitePaths.replyAnchor(r), k: "reply", x: String(said.prefix(4_000))))
        }
      }
    }
    for h in report.headers {
      let page = SitePaths.header(h.path)
      let anchors = DeclAnchors(h)
      out.append(Entry(t: h.path, u: page, k: "header", x: h.overview ?? ""))
      for (i, a) in zip(h.ioctls, anchors.ioctls) { out.append(Entry(t: i.name, u: page + "#" + a, k: "ioctl", x: (i.argument ?? "") + " " + i.numbers.map(\.value).joined(separator: " "))) }
      for (t, a) in zip(h.types, anchors.types) { out.append(Entry(t: t.name, u: page + "#" + a, k: "type", x: t.layouts.first?.rows.map(\.name).joined(separator: " ") ?? "")) }
      for (c, a) in zip(h.constants, anchors.constants) { out.append(Entry(t: c.name, u: page + "#" + a, k: "constant", x: c.value ?? c.body)) }
      for (e, a) in zip(h.enums, anchors.enums) { out.append(Entry(t: e.name, u: page + "#" + a, k: "enum", x: e.values.map(\.name).joined(separator: " "))) }
    }
    for (i, f) in report.findings.findings.enumerated() {
      out.append(Entry(t: "\(f.rule): \(f.message)", u: SitePaths.findings + "#" + SitePaths.findingAnchor(i), k: "finding", x: f.location?.file ?? ""))
    }
    for h in report.checklist.human {
      out.append(Entry(t: "\(h.id). \(h.title)", u: SitePaths.checklist + "#" + SitePaths.slug(h.id), k: "checklist", x: h.question))
    }
    out.append(Entry(t: "uAPI changelog", u: SitePaths.changelog, k: "page", x: report.changelog.map(\.change).joined(separator: " ")))
    out.append(Entry(t: "Verification", u: SitePaths.verification, k: "page", x: report.verification.scenarios.map(\.title).joined(separator: " ")))
    return out
  }

  static func script(_ report: ReviewReport) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let json = (try? encoder.encode(entries(report))).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    // `<` and `>` as escapes so no `</script>` or `<!--` can appear in the file.
    let safe = json.replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e")
    return "window.UAPI_REVIEW_SEARCH = \(safe);\n"
  }
}
