/// Threads and series found from message summaries alone, without reading bodies: which
/// submissions form a posting (one version), which postings are versions of one series, and
/// which message each reply answers.
public struct SeriesIndex: Sendable {
  /// One posting: a cover (if any) and patches of the same revision, threaded together.
  public struct Posting: Sendable, Hashable {
    public var revision: SubjectPrefix.Revision
    public var total: Int
    public var cover: Int?
    /// Store ordinals of the patches, by index; several when an index came twice.
    public var patches: [Int: [Int]]
    public var changeID: String?
    public var title: String
    public var email: String
    public var firstOrdinal: Int
  }

  public struct Group: Sendable, Hashable {
    /// Postings of this series, ordered by revision then arrival.
    public var postings: [Posting]
  }

  public var groups: [Group]
  /// Reply ordinal → (target ordinal, depth, attached by subject).
  public var replies: [Int: (target: Int, depth: Int, bySubject: Bool)]
  public var unattached: [Int]

  public static func build(_ summaries: [MailSummary]) -> SeriesIndex {
    var byID: [String: Int] = [:]
    for s in summaries where byID[s.messageID] == nil { byID[s.messageID] = s.ordinal }
    func isSubmission(_ s: MailSummary) -> Bool { s.prefix.isPatch && !s.prefix.isReply }
    /// The nearest known message this one answers.
    func parent(_ s: MailSummary) -> Int? {
      if let id = s.inReplyTo, let p = byID[id], p != s.ordinal { return p }
      for id in s.references.reversed() { if let p = byID[id], p != s.ordinal { return p } }
      return nil
    }

    // Postings: a submission joins its parent's posting when the parent is a submission of the
    // same revision and size (git send-email threads patches under the cover or patch 1).
    var postingOf: [Int: Int] = [:]
    var postings: [Posting] = []
    var loosePostings: [LooseKey: [Int]] = [:]
    func sameRun(_ a: MailSummary, _ b: MailSummary) -> Bool {
      a.prefix.revision == b.prefix.revision && (a.prefix.total ?? 1) == (b.prefix.total ?? 1)
    }
    for s in summaries where isSubmission(s) {
      var root = s.ordinal
      var seen: Set<Int> = [root]
      while let p = parent(summaries[root]), isSubmission(summaries[p]), sameRun(summaries[p], s), seen.insert(p).inserted {
        root = p
      }
      let key: Int
      if let existing = postingOf[root] {
        key = existing
      } else if root == s.ordinal, parent(s) == nil || !isSubmission(summaries[parent(s)!]) || !sameRun(summaries[parent(s)!], s),
        (s.prefix.index ?? 1) > 1,
        let loose = loosePostings[LooseKey(s)]?.last(where: { postings[$0].patches[s.prefix.index ?? 1] == nil })
      {
        // Patches sent without threading: join the posting of the same author, revision and size.
        key = loose
      } else {
        key = postings.count
        postings.append(
          Posting(
            revision: s.prefix.revision, total: s.prefix.total ?? 1, cover: nil, patches: [:], changeID: nil,
            title: s.prefix.title, email: s.email.lowercased(), firstOrdinal: s.ordinal))
        loosePostings[LooseKey(s), default: []].append(key)
      }
      postingOf[root] = key
      postingOf[s.ordinal] = key
      let index = s.prefix.index ?? 1
      if index == 0 {
        if postings[key].cover == nil {
          postings[key].cover = s.ordinal
          postings[key].title = s.prefix.title
          postings[key].changeID = s.changeID
        } else {
          postings[key].patches[0, default: []].append(s.ordinal)
        }
      } else {
        postings[key].patches[index, default: []].append(s.ordinal)
        if postings[key].cover == nil, index <= (postings[key].patches.keys.filter { $0 > 0 }.min() ?? index) {
          postings[key].title = s.prefix.title
        }
      }
    }

    // Replies: walk up to the first submission; failing that, match the subject.
    var replies: [Int: (Int, Int, Bool)] = [:]
    var unattached: [Int] = []
    var bySubject: [String: Int] = [:]
    for s in summaries where isSubmission(s) && bySubject[s.subject] == nil { bySubject[s.subject] = s.ordinal }
    // Each message's answer is remembered, so a deep thread is walked once, not once per reply.
    var memo: [Int: (target: Int?, depth: Int)] = [:]
    func resolve(_ start: Int) -> (target: Int?, depth: Int) {
      var path: [Int] = []
      var onPath: Set<Int> = []
      var at = start
      var base: (target: Int?, depth: Int) = (nil, 0)
      var lastDepth = 0
      while true {
        if let known = memo[at] {
          base = known
          lastDepth = known.depth + 1
          break
        }
        path.append(at)
        onPath.insert(at)
        guard let p = parent(summaries[at]), !onPath.contains(p) else { break }
        if isSubmission(summaries[p]) {
          base = (p, 0)
          lastDepth = 0
          break
        }
        at = p
      }
      for (k, node) in path.reversed().enumerated() {
        memo[node] = base.target == nil ? (nil, 0) : (base.target, lastDepth + k)
      }
      return memo[start] ?? (nil, 0)
    }
    for s in summaries where !isSubmission(s) {
      let (target, depth) = resolve(s.ordinal)
      if let target {
        replies[s.ordinal] = (target, depth, false)
      } else if s.prefix.isReply, let t = bySubject[Self.unreplied(s.subject)] {
        replies[s.ordinal] = (t, 0, true)
      } else {
        unattached.append(s.ordinal)
      }
    }

    return SeriesIndex(groups: group(postings, summaries), replies: replies, unattached: unattached)
  }

  /// `Re: Re: [PATCH] x` → `[PATCH] x`.
  static func unreplied(_ subject: String) -> String {
    var s = Substring(subject)
    while let colon = s.prefix(5).firstIndex(of: ":"), ["re", "aw", "sv", "fwd", "fw"].contains(s[..<colon].lowercased()) {
      s = s[s.index(after: colon)...].drop { $0 == " " }
    }
    return String(s)
  }

  /// Postings of unthreaded patches by revision and size, so matching is not a scan.
  struct LooseKey: Hashable {
    var revision: SubjectPrefix.Revision
    var total: Int
    /// The sender, or nil for mails without Message-ID (format-patch files, a git range),
    /// where one series has several authors.
    var email: String?

    init(_ s: MailSummary) {
      revision = s.prefix.revision
      total = s.prefix.total ?? 1
      email = s.hasMessageID ? s.email.lowercased() : nil
    }
  }

  /// Versions of one series: the same change-id, else the same title, else (for a retitled
  /// series, or a v1 without cover) the same author with at least half of the smaller set of
  /// patch titles in common.
  private static func group(_ postings: [Posting], _ summaries: [MailSummary]) -> [Group] {
    var groups: [[Posting]] = []
    var byKey: [String: Int] = [:]
    func titles(_ p: Posting) -> Set<String> {
      Set(p.patches.filter { $0.key > 0 }.values.compactMap(\.first).map { summaries[$0].prefix.title.lowercased() })
    }
    for p in postings {
      let keys = [p.changeID.map { "id:" + $0 }, "t:" + p.title.lowercased()].compactMap { $0 }
      if let g = keys.lazy.compactMap({ byKey[$0] }).first {
        groups[g].append(p)
        for k in keys { byKey[k] = g }
        continue
      }
      let mine = titles(p)
      let similar = groups.indices.first { g in
        guard let last = groups[g].last, last.email == p.email, !groups[g].contains(where: { $0.revision == p.revision }) else {
          return false
        }
        let theirs = titles(last)
        return !mine.isEmpty && !theirs.isEmpty && mine.intersection(theirs).count * 2 >= min(mine.count, theirs.count)
      }
      let g = similar ?? groups.count
      if similar == nil { groups.append([]) }
      groups[g].append(p)
      for k in keys { byKey[k] = g }
    }
    return groups.map { Group(postings: $0.sorted { ($0.revision, $0.firstOrdinal) < ($1.revision, $1.firstOrdinal) }) }
  }
}
