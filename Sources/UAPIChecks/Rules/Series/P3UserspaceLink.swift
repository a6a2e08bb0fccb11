import Diagnostics
import MailSeries

/// P3: a patch that changes include/uapi/drm/ (DRM and accel) has a `Link:` trailer (its own, one
/// collected from a reply, or the cover letter's) and an `Acked-by:`. Reported at the patch's
/// first trailer (or its Subject:).
enum UserspaceLinkRule: SeriesCheck {
  static let rule = RuleCatalogue.p3

  static func check(_ s: SeriesContext) -> [RuleFinding] {
    var out: [RuleFinding] = []
    let coverTrailers = s.version.cover.map { $0.trailers + $0.collected.map(\.trailer) } ?? []
    let coverText = s.version.cover?.mail.message ?? ""
    for patch in s.version.patches {
      guard let file = patch.files.first(where: { $0.path.hasPrefix("include/uapi/drm/") }) else { continue }
      let trailers = patch.trailers + patch.collected.map(\.trailer) + coverTrailers
      let hasLink = trailers.contains { $0.key.lowercased() == "link" }
        || coverText.contains(#/https?://\S*(merge_requests|pull)/\d+/#)
      let hasAck = trailers.contains { $0.key.lowercased() == "acked-by" }
      var missing: [String] = []
      if !hasLink { missing.append("a Link: to the userspace merge request") }
      if !hasAck { missing.append("an Acked-by: from a userspace reviewer") }
      guard !missing.isEmpty else { continue }
      let at: (line: Int, excerpt: String)
      if let t = patch.trailers.first {
        at = (t.line, "\(t.key): \(t.value)")
      } else {
        at = s.field(patch, ["Subject"])
      }
      out.append(
        s.finding(
          rule, "'\(file.path)' changes DRM/accel uAPI but the patch has no \(missing.joined(separator: " and no "))",
          mail: patch, line: at.line, excerpt: at.excerpt))
    }
    return out
  }
}
