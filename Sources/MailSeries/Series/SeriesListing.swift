/// The series and threads of a mailbox from headers alone: what `series --list` prints, fast
/// enough for a whole list archive because no body is read.
public struct SeriesListing: Sendable, Hashable, Codable {
  public struct Entry: Sendable, Hashable, Codable {
    public var title: String
    public var versions: [Version]
  }

  public struct Version: Sendable, Hashable, Codable {
    public var revision: String
    public var total: Int
    public var cover: Bool
    public var patches: Int
    public var missing: [Int]
    public var duplicates: Int
    public var replies: Int
    public var author: String
    public var email: String
    public var date: String
    /// The cover's (or first patch's) Message-ID: give it to `--message-id` for the full series.
    public var messageID: String
    public var location: String
  }

  public var messages: Int
  /// Messages that start a thread (no known parent).
  public var threads: Int
  public var series: [Entry]
  public var unattached: Int

  public init(_ store: MailStore) {
    let summaries = store.summaries
    let index = SeriesIndex.build(summaries)
    var known: Set<String> = []
    for s in summaries { known.insert(s.messageID) }
    messages = summaries.count
    threads = summaries.filter { s in
      !(s.inReplyTo.map(known.contains) ?? false) && !s.references.contains(where: known.contains)
    }.count
    unattached = index.unattached.count
    var repliesTo: [Int: Int] = [:]
    for (_, r) in index.replies { repliesTo[r.target, default: 0] += 1 }
    series = index.groups.map { g in
      Entry(
        title: g.postings.last?.title ?? "",
        versions: g.postings.map { p in
          let head = summaries[p.cover ?? p.patches.keys.sorted().compactMap { p.patches[$0]?.first }.first ?? p.firstOrdinal]
          let present = Set(p.patches.keys)
          let members = [p.cover].compactMap { $0 } + p.patches.values.flatMap { $0 }
          return Version(
            revision: p.revision.description, total: p.total, cover: p.cover != nil,
            patches: p.patches.keys.filter { $0 > 0 }.count,
            missing: p.total > 1 && p.revision.minor == 0 ? (1...p.total).filter { !present.contains($0) } : [],
            duplicates: p.patches.values.reduce(0) { $0 + $1.count - 1 },
            replies: members.reduce(0) { $0 + (repliesTo[$1] ?? 0) }, author: head.author, email: head.email, date: head.date,
            messageID: head.messageID, location: head.location.description)
        })
    }
  }

  public var text: String {
    var out = ["\(messages) messages, \(threads) threads, \(series.count) series, \(unattached) messages outside any series"]
    for s in series {
      out.append("\(s.title)")
      for v in s.versions {
        var line = "  \(v.revision) \(v.patches)/\(v.total)\(v.cover ? " +cover" : "") \(v.replies) repl\(v.replies == 1 ? "y" : "ies")"
        if !v.missing.isEmpty { line += ", missing \(v.missing.map(String.init).joined(separator: ","))" }
        if v.duplicates > 0 { line += ", \(v.duplicates) duplicate\(v.duplicates == 1 ? "" : "s")" }
        line += "  \(v.author) <\(v.email)>  <\(v.messageID)>"
        out.append(line)
      }
    }
    return out.joined(separator: "\n") + "\n"
  }
}
