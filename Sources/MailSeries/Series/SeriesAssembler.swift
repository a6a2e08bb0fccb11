public import Diagnostics
import Foundation

/// Builds the full series model: reads the bodies of the messages an index grouped, parses
/// their diffs and trailers, attaches replies, collects trailers and pairs versions.
public struct SeriesAssembler {
  public var options: MailOptions
  public var limits: InputLimits

  public init(options: MailOptions = MailOptions(), limits: InputLimits = .standard) {
    self.options = options
    self.limits = limits
  }

  /// Every series in the store.
  public func assemble(_ store: MailStore) -> SeriesSet {
    let index = SeriesIndex.build(store.summaries)
    return assemble(store, index: index, groups: index.groups)
  }

  /// Only the series that contains the message `messageID` (a submission or a reply to one).
  public func assemble(_ store: MailStore, containing messageID: String) -> SeriesSet {
    let index = SeriesIndex.build(store.summaries)
    guard let ordinal = store.summaries.first(where: { $0.messageID == messageID })?.ordinal else {
      return SeriesSet(series: [], unattached: [], messageCount: store.count, diagnostics: store.diagnostics + index.diagnostics)
    }
    let target = index.replies[ordinal]?.target ?? ordinal
    let groups = index.groups.filter { g in
      g.postings.contains { $0.cover == target || $0.patches.values.contains { $0.contains(target) } }
    }
    return assemble(store, index: index, groups: groups)
  }

  func assemble(_ store: MailStore, index: SeriesIndex, groups: [SeriesIndex.Group]) -> SeriesSet {
    // Replies by target, in arrival order.
    var repliesTo: [Int: [(ordinal: Int, depth: Int, bySubject: Bool)]] = [:]
    for (reply, t) in index.replies.sorted(by: { $0.key < $1.key }) {
      repliesTo[t.target, default: []].append((reply, t.depth, t.bySubject))
    }
    var series: [Series] = []
    for group in groups {
      var versions: [SeriesVersion] = []
      for posting in group.postings {
        var version = makeVersion(posting, store: store, repliesTo: repliesTo)
        // A partial reroll (v5.1) stands for the version it amends with some patches replaced.
        if version.revision.minor > 0, let base = versions.last(where: { $0.revision.major == version.revision.major }) {
          version = reroll(base, with: version)
        }
        versions.append(version)
      }
      var pairings: [VersionPairing] = []
      for k in versions.indices.dropFirst() { pairings.append(VersionPairing.pair(versions[k - 1], versions[k])) }
      series.append(Series(title: versions.last?.title ?? "", versions: versions, pairings: pairings))
    }
    // Messages in no series: not submissions (a patch without a series is already said), such
    // as a reply whose parent is not in the input and whose subject names no patch.
    let loose = index.unattached.filter { !(store.summaries[$0].prefix.isPatch && !store.summaries[$0].prefix.isReply) }
    var diagnostics = store.diagnostics + index.diagnostics
    // Only a reply whose parent is missing: one in a discussion thread of the input is fine.
    let present = Set(store.summaries.map(\.messageID))
    for k in loose {
      let s = store.summaries[k]
      guard let parent = s.inReplyTo ?? s.references.last, !present.contains(parent) else { continue }
      diagnostics.append(
        Diagnostic(
          .note, id: "series.reply-unattached",
          message: "reply to <\(parent)>, which is not in the input, and no patch of the input has its subject: shown in no series",
          location: SourceLocation(file: s.location.path, line: s.inReplyToLine ?? s.referencesLine ?? s.location.line, column: 1)))
    }
    return SeriesSet(series: series, unattached: loose.map { store.summaries[$0].location }, messageCount: store.count, diagnostics: diagnostics)
  }

  private func makeVersion(
    _ posting: SeriesIndex.Posting, store: MailStore, repliesTo: [Int: [(ordinal: Int, depth: Int, bySubject: Bool)]]
  ) -> SeriesVersion {
    var diagnostics: [Diagnostic] = []
    func load(_ ordinal: Int) -> SeriesMail {
      var m = makeMail(store.message(ordinal, options: options))
      for r in repliesTo[ordinal] ?? [] { m.replies.append(makeReply(store.message(r.ordinal, options: options), target: m, depth: r.depth, bySubject: r.bySubject)) }
      return m
    }
    let cover = posting.cover.map(load)
    var patches: [SeriesMail] = []
    // More patches than the limit: the first ones are read, and the diagnostic says so.
    let numbers = posting.patches.keys.sorted()
    if numbers.count > limits.patches,
      let ordinal = posting.cover ?? numbers.first.flatMap({ posting.patches[$0]?.first })
    {
      let loc = store.summaries[ordinal].location
      diagnostics.append(
        Diagnostic(
          .error, id: "series.too-many-patches",
          message: "\(posting.revision) has \(numbers.count) patches; only the first \(limits.patches) are read \(limits.hint(\.patches))",
          location: SourceLocation(file: loc.path, line: loc.line, column: 1)))
    }
    for index in numbers.prefix(limits.patches) {
      let ordinals = posting.patches[index] ?? []
      guard let first = ordinals.first else { continue }
      let chosen = load(first)
      for extra in ordinals.dropFirst() {
        let loc = store.summaries[extra].location
        diagnostics.append(
          Diagnostic(
            .warning, id: "series.duplicate-patch",
            message: "patch \(index)/\(posting.total) arrived again (first at \(store.summaries[first].location)); the first is kept",
            location: SourceLocation(file: loc.path, line: loc.line, column: 1)))
      }
      if index > posting.total || index == 0 {
        diagnostics.append(
          Diagnostic(
            .warning, id: "series.patch-out-of-range", message: "patch number \(index) is outside 1...\(posting.total)",
            location: SourceLocation(file: chosen.mail.path, line: chosen.mail.line, column: 1)))
      }
      patches.append(chosen)
    }
    // Up to what the subjects claim (at most 99,999): numbers past the patch limit that did
    // arrive are not missing, they were left unread.
    let arrived = Set(numbers)
    let missing = posting.total > 1 ? (1...posting.total).filter { !arrived.contains($0) } : []
    if !missing.isEmpty, let anchor = cover?.mail ?? patches.first?.mail {
      diagnostics.append(
        Diagnostic(
          .warning, id: "series.missing-patch",
          message: "\(posting.revision) is missing patch\(missing.count == 1 ? "" : "es") \(Self.ranges(missing)) of \(posting.total)",
          location: SourceLocation(file: anchor.path, line: anchor.line, column: 1)))
    }
    // Collected trailers: a reply to the cover applies to every patch, as b4 does.
    let coverTrailers = cover.map { c in c.replies.flatMap { r in r.trailers.map { collected($0, r, viaCover: true) } } } ?? []
    for k in patches.indices {
      let own = patches[k].replies.flatMap { r in r.trailers.map { collected($0, r, viaCover: false) } }
      patches[k].collected = own + coverTrailers
    }
    if let c = cover, let claimed = c.claimedDiffstat {
      diagnostics += coverDiffstat(claimed, patches: patches, path: c.mail.path)
    }
    let all = ([cover].compactMap { $0 } + patches)
    let footers = all.flatMap { Footers.read($0.mail.text) }
    let first = cover ?? patches.first
    return SeriesVersion(
      revision: posting.revision, isRFC: first?.prefix.isRFC ?? false, isResend: first?.prefix.isResend ?? false,
      tags: first?.prefix.tags ?? [], total: posting.total, cover: cover, patches: patches, missing: missing, replaced: [],
      baseCommit: footers.first { $0.key == "base-commit" }?.value,
      prerequisites: footers.filter { $0.key.hasPrefix("prerequisite-") }.map { "\($0.key): \($0.value)" },
      changeID: posting.changeID ?? footers.first { $0.key == "change-id" }?.value,
      diagnostics: diagnostics)
  }

  /// The cover's diffstat is the series' net change; it equals the sum of the patches when no
  /// file is changed by two of them, and only then is it compared.
  private func coverDiffstat(_ claimed: Diffstat, patches: [SeriesMail], path: String) -> [Diagnostic] {
    let files = patches.flatMap(\.files)
    guard Set(files.map(\.path)).count == files.count, !files.isEmpty else { return [] }
    return DiffstatReader.compare(claimed, with: files, path: path)
  }

  private func collected(_ t: Trailer, _ r: Reply, viaCover: Bool) -> CollectedTrailer {
    CollectedTrailer(trailer: t, from: r.mail.author, messageID: r.mail.messageID ?? "", viaCover: viaCover)
  }

  private func reroll(_ base: SeriesVersion, with partial: SeriesVersion) -> SeriesVersion {
    var v = partial
    let replaced = Set(partial.patches.map(\.index))
    v.patches = (base.patches.filter { !replaced.contains($0.index) } + partial.patches).sorted { $0.index < $1.index }
    v.replaced = replaced.sorted()
    v.cover = partial.cover ?? base.cover
    v.total = max(base.total, partial.total)
    let present = Set(v.patches.map(\.index))
    v.missing = v.total > 1 ? (1...v.total).filter { !present.contains($0) } : []
    v.diagnostics.removeAll { $0.id == "series.missing-patch" }
    return v
  }

  /// A submission's diff, claimed diffstat and trailers.
  func makeMail(_ mail: MailMessage) -> SeriesMail {
    var parser = PatchParser(path: mail.path)
    let diff = parser.parse(mail.patch)
    var diagnostics = mail.diagnostics
    let shift = (mail.patchLine ?? mail.line) - 1
    diagnostics += parser.diagnostics.map { d in
      var d = d
      d.location?.line += shift
      return d
    }
    var claimed = DiffstatReader.claimed(in: diff)
    if claimed == nil, diff.files.isEmpty {
      // A cover letter carries the series' diffstat in its message.
      var messageParser = PatchParser(path: mail.path)
      claimed = DiffstatReader.claimed(in: messageParser.parse(mail.message))
      let messageShift = messageFirstLine(mail) - 1
      claimed?.line += messageShift
      for k in claimed?.entries.indices ?? (0..<0) { claimed?.entries[k].line += messageShift }
    } else if let claimed {
      diagnostics += DiffstatReader.compare(claimed, with: diff.files, path: mail.path).map { d in
        var d = d
        d.location?.line += shift
        return d
      }
    }
    let trailers = Trailer.block(in: mail.message, firstLine: messageFirstLine(mail))
    return SeriesMail(
      mail: mail, prefix: SubjectPrefix(mail.subject), diff: diff, claimedDiffstat: claimed, trailers: trailers,
      collected: [], replies: [], diagnostics: diagnostics)
  }

  private func messageFirstLine(_ mail: MailMessage) -> Int { mail.messageLine ?? mail.line }

  func makeReply(_ mail: MailMessage, target: SeriesMail, depth: Int, bySubject: Bool) -> Reply {
    var blocks = ReplyText.blocks(mail.text, firstLine: messageFirstLine(mail))
    for k in blocks.indices where blocks[k].kind == .quoted {
      blocks[k].quotes = ReplyText.locate(blocks[k], in: target.files)
    }
    var own: [(text: Substring, line: Int)] = []
    for b in blocks where b.kind == .new {
      for (k, l) in b.lines.enumerated() { own.append((Substring(l), b.line + k)) }
    }
    return Reply(
      mail: mail, target: target.mail.messageID ?? "", depth: depth, blocks: blocks, trailers: Trailer.given(in: own),
      attachedBy: bySubject ? .subject : .thread)
  }
}

/// `base-commit:`, `prerequisite-patch-id:`, `change-id:` lines that format-patch and b4 put
/// at the end of a cover letter or patch.
enum Footers {
  static let keys = ["base-commit", "prerequisite-patch-id", "prerequisite-change-id", "prerequisite-message-id", "change-id"]

  static func read(_ text: String) -> [(key: String, value: String)] {
    var out: [(String, String)] = []
    // Only lines starting with `b`, `c` or `p` can hold a footer: the others are skipped on
    // their first byte, so a huge patch costs one memchr per line.
    var text = text
    text.withUTF8 { buf in
      guard let base = buf.baseAddress else { return }
      var start = 0
      while start < buf.count {
        let end = memchr(base + start, 0x0A, buf.count - start).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? buf.count
        let first = base[start]
        if first == UInt8(ascii: "b") || first == UInt8(ascii: "c") || first == UInt8(ascii: "p") {
          let line = String(decoding: UnsafeBufferPointer(rebasing: buf[start..<end]), as: UTF8.self)
          for key in keys where line.hasPrefix(key + ": ") {
            out.append((key, line.dropFirst(key.count + 2).trimmingCharacters(in: .whitespaces)))
          }
        }
        start = end + 1
      }
    }
    return out
  }
}

extension SeriesAssembler {
  /// "2, 4-9, 12": sorted numbers with runs of three or more folded, so a series that claims
  /// thousands of patches gives a short message.
  static func ranges(_ numbers: [Int]) -> String {
    var parts: [String] = []
    var k = 0
    while k < numbers.count {
      var end = k
      while end + 1 < numbers.count, numbers[end + 1] == numbers[end] + 1 { end += 1 }
      if end - k >= 2 {
        parts.append("\(numbers[k])-\(numbers[end])")
      } else {
        parts += numbers[k...end].map(String.init)
      }
      k = end + 1
    }
    return parts.joined(separator: ", ")
  }
}
