/// `uapi-review series` as text: one block per series, one line per mail, what each mail
/// carries indented below it.
public enum SeriesTextPrinter {
  public static func print(_ set: SeriesSet, applications: [String: SeriesReportJSON.Application] = [:]) -> String {
    var out: [String] = []
    let versions = set.series.reduce(0) { $0 + $1.versions.count }
    out.append("\(set.messageCount) message\(plural(set.messageCount)), \(set.series.count) series, \(versions) version\(plural(versions))")
    for (s, series) in set.series.enumerated() {
      out.append("")
      out.append("series: \(series.title)")
      for v in series.versions {
        var head = "  \(v.revision)"
        var flags: [String] = []
        if v.isRFC { flags.append("RFC") }
        if v.isResend { flags.append("RESEND") }
        flags += v.tags
        if !flags.isEmpty { head += " [\(flags.joined(separator: " "))]" }
        head += ": \(v.patches.count) of \(v.total) patch\(v.total == 1 ? "" : "es")\(v.cover == nil ? ", no cover letter" : "")"
        out.append(head)
        if !v.replaced.isEmpty { out.append("    partial reroll: replaces \(v.replaced.map(String.init).joined(separator: ", "))") }
        if !v.missing.isEmpty { out.append("    missing: \(v.missing.map(String.init).joined(separator: ", "))") }
        if let base = v.baseCommit { out.append("    base-commit: \(base)") }
        for p in v.prerequisites { out.append("    \(p)") }
        if let id = v.changeID { out.append("    change-id: \(id)") }
        if let cover = v.cover { out += mail(cover, total: v.total, seriesFiles: v.patches.flatMap(\.files)) }
        for p in v.patches { out += mail(p, total: v.total) }
        if let app = applications[SeriesReportJSON.key(series: s, revision: v.revision)] {
          out.append("    applied to \(app.base):")
          for p in app.patches {
            out.append("      \(p.index)/\(v.total): \(p.applied ? "applies" : "does not apply")" + (p.rejectedHunks.isEmpty ? "" : " (\(p.rejectedHunks.joined(separator: "; ")))"))
          }
        }
      }
      for pairing in series.pairings {
        out.append("  \(pairing.old) -> \(pairing.new):")
        for p in pairing.pairs {
          let from = p.old.map(String.init) ?? "-"
          let to = p.new.map(String.init) ?? "-"
          var what: String
          switch (p.old, p.new) {
          case (nil, _): what = "new patch"
          case (_, nil): what = "dropped"
          default:
            what = "matched by \(p.matchedBy?.rawValue ?? "?")"
            let changes = p.differingLines
            what += changes == 0 ? ", same diff" : ", diff changed (\(changes) changed line\(plural(changes)) differ)"
            if p.messageChanged { what += ", message changed" }
          }
          out.append("    \(from) -> \(to): \(what)")
        }
      }
    }
    if !set.unattached.isEmpty {
      out.append("")
      out.append("\(set.unattached.count) message\(plural(set.unattached.count)) not part of any series")
    }
    return out.joined(separator: "\n") + "\n"
  }

  /// `seriesFiles`: for a cover letter, the files of all patches, whose sum its diffstat shows.
  private static func mail(_ m: SeriesMail, total: Int, seriesFiles: [FileDiff]? = nil) -> [String] {
    var out = ["    \(m.prefix.index ?? 1)/\(total) \(m.prefix.title)", "        from \(m.mail.author) <\(m.mail.email)>" + (m.mail.date.isEmpty ? "" : ", \(m.mail.date)")]
    let files = seriesFiles ?? m.files
    if !files.isEmpty || m.claimedDiffstat != nil {
      let added = files.reduce(0) { $0 + $1.added }
      let removed = files.reduce(0) { $0 + $1.removed }
      let paths = Set(files.map(\.path)).count
      var line = "        \(seriesFiles == nil ? "diffstat" : "series diffstat"): \(paths) file\(plural(paths)), +\(added) -\(removed)"
      if let c = m.claimedDiffstat {
        let same = c.filesChanged == paths && c.insertions == added && c.deletions == removed
        line += same ? " (as claimed)" : " (claimed: \(c.filesChanged) file\(plural(c.filesChanged)), +\(c.insertions) -\(c.deletions))"
      }
      out.append(line)
    }
    for t in m.trailers { out.append("        \(t.key): \(t.value)") }
    for c in m.collected {
      out.append("        + \(c.trailer.key): \(c.trailer.value)  (given by \(c.from)\(c.viaCover ? " on the cover" : ""))")
    }
    for r in m.replies {
      let quoted = r.quoted.reduce(0) { $0 + $1.lines.count }
      let new = r.new.reduce(0) { $0 + $1.lines.count }
      let hunks = Set(r.quoted.flatMap(\.quotes).map { "\($0.path)@\($0.hunk)" }).count
      var line = "        reply from \(r.mail.author): \(new) new line\(plural(new)), \(quoted) quoted"
      if hunks > 0 { line += ", quotes \(hunks) hunk\(plural(hunks))" }
      if r.depth > 0 { line += ", \(r.depth) repl\(r.depth == 1 ? "y" : "ies") deep" }
      if r.attachedBy == .subject { line += ", matched by subject" }
      out.append(line)
    }
    return out
  }

  private static func plural(_ n: Int) -> String { n == 1 ? "" : "s" }
}
