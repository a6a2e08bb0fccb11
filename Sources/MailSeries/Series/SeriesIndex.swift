public import Diagnostics

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
  /// Threading problems: a mail answering itself, reference loops, reused or missing ids.
  public var diagnostics: [Diagnostic] = []

  public static func build(_ summaries: [MailSummary]) -> SeriesIndex {
    var diagnostics: [Diagnostic] = []
    func diagnose(_ id: String, _ message: String, _ s: MailSummary, line: Int?) {
      let at = SourceLocation(file: s.location.path, line: line ?? s.location.line, column: 1)
      diagnostics.append(Diagnostic(.warning, id: id, message: message, location: at))
    }
    var byID: [String: Int] = [:]
    for s in summaries {
      if let first = byID[s.messageID] {
        // A re-delivered copy is `series.duplicate-patch`'s business; another mail under the
        // same id is not, and its replies will thread to the first.
        if s.hasMessageID, summaries[first].subject != s.subject {
          diagnose(
            "thread.duplicate-id", "Message-ID <\(s.messageID)> is already used by the mail at \(summaries[first].location); replies thread to that one",
            s, line: s.messageIDLine)
        }
      } else {
        byID[s.messageID] = s.ordinal
      }
      if s.hasMessageID, s.inReplyTo == s.messageID {
        diagnose("thread.self-reply", "In-Reply-To names the mail's own Message-ID; it is ignored", s, line: s.inReplyToLine)
      }
    }
    func isSubmission(_ s: MailSummary) -> Bool { s.prefix.isPatch && !s.prefix.isReply }
    for s in summaries where isSubmission(s) && !s.hasMessageID && !s.fromGit {
      diagnose("thread.no-message-id", "patch mail without a Message-ID: replies cannot thread to it", s, line: nil)
    }
    var looped: Set<Int> = []
    /// The nearest known message this one answers, skipping `visited` ones: a reference back
    /// into the chain being walked is a loop (reported once per mail), and the walk goes on
    /// with the next older reference rather than stopping short of the real root.
    func parent(_ s: MailSummary, visited: Set<Int>) -> Int? {
      var loop = false
      defer {
        if loop, looped.insert(s.ordinal).inserted {
          diagnose(
            "thread.cycle", "In-Reply-To/References lead back to a mail that answers this one; the loop is skipped", s,
            line: s.inReplyTo.flatMap { byID[$0] }.map(visited.contains) == true ? s.inReplyToLine : s.referencesLine)
        }
      }
      for id in [s.inReplyTo].compactMap({ $0 }) + s.references.reversed() {
        guard let p = byID[id], p != s.ordinal else { continue }
        if !visited.contains(p) { return p }
        loop = true
      }
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
      while let p = parent(summaries[root], visited: seen), isSubmission(summaries[p]), sameRun(summaries[p], s) {
        seen.insert(p)
        root = p
      }
      let key: Int
      if let existing = postingOf[root] {
        key = existing
      } else if root == s.ordinal, parent(s, visited: [s.ordinal]).map({ !isSubmission(summaries[$0]) || !sameRun(summaries[$0], s) }) ?? true,
        let loose = loosePostings[LooseKey(s)]?.last(where: { k in
          let index = s.prefix.index ?? 1
          // A patch joins a posting that lacks its number; a cover one that lacks a cover
          // (`git format-patch --cover-letter` without --thread writes no Message-IDs).
          return index == 0 ? postings[k].cover == nil : postings[k].patches[index] == nil && (index > 1 || postings[k].cover != nil)
        })
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
        guard let p = parent(summaries[at], visited: onPath) else {
          if looped.contains(at) {
            // Every mail of a loop answers another in it: report each, not only the one that
            // closed it (the walk does not come back to the others).
            let s = summaries[at]
            let refs = Set(([s.inReplyTo].compactMap { $0 } + s.references).compactMap { byID[$0] })
            if let first = path.firstIndex(where: refs.contains) {
              let cycle = Set(path[first...])
              for n in path[first...] where n != at { _ = parent(summaries[n], visited: cycle) }
            }
          }
          break
        }
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

    return SeriesIndex(groups: group(postings, summaries), replies: replies, unattached: unattached, diagnostics: diagnostics)
  }

  /// `Re: Re: [PATCH] x` → `[PATCH] x`.
  static func unreplied(_ subject: String) -> String {
    var s = Substring(subject)
    while let after = SubjectPrefix.afterReplyMarker(s) { s = s[after...].drop { $0 == " " } }
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
