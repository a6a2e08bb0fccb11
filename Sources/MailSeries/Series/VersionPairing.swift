/// How the patches of two consecutive versions correspond, from the mails alone.
public struct VersionPairing: Sendable, Hashable {
  public var old: SubjectPrefix.Revision
  public var new: SubjectPrefix.Revision
  public var pairs: [PatchPair]
}

public struct PatchPair: Sendable, Hashable {
  public enum Match: String, Sendable, Hashable, Codable { case title, content }

  /// Patch index in the old and new version; nil for a patch dropped or added.
  public var old: Int?
  public var new: Int?
  public var matchedBy: Match?
  /// Share of changed lines the two patches have in common (0...1).
  public var similarity: Double
  /// The diff between the two patches' diffs (file and hunk headers without line numbers),
  /// as `git range-diff` shows it; empty when the diffs are the same.
  public var interdiff: [String]
  /// True when the commit messages differ too (not counting trailers).
  public var messageChanged: Bool
}

extension VersionPairing {
  /// Pairs by title first, then by the changed lines the patches share (at least half).
  public static func pair(_ a: SeriesVersion, _ b: SeriesVersion) -> VersionPairing {
    var pairs: [PatchPair] = []
    var leftOld = Set(a.patches.indices)
    var leftNew = Set(b.patches.indices)
    func key(_ p: SeriesMail) -> String { p.prefix.title.lowercased() }
    for j in b.patches.indices {
      if let i = a.patches.indices.first(where: { leftOld.contains($0) && key(a.patches[$0]) == key(b.patches[j]) }) {
        pairs.append(make(a.patches[i], b.patches[j], .title))
        leftOld.remove(i)
        leftNew.remove(j)
      }
    }
    // Greedy by best similarity among what is left.
    var candidates: [(Double, Int, Int)] = []
    for i in leftOld {
      for j in leftNew {
        let s = similarity(a.patches[i], b.patches[j])
        if s >= 0.5 { candidates.append((s, i, j)) }
      }
    }
    for (_, i, j) in candidates.sorted(by: { ($0.0, -$0.2) > ($1.0, -$1.2) }) where leftOld.contains(i) && leftNew.contains(j) {
      pairs.append(make(a.patches[i], b.patches[j], .content))
      leftOld.remove(i)
      leftNew.remove(j)
    }
    for i in leftOld {
      pairs.append(PatchPair(old: a.patches[i].index, new: nil, matchedBy: nil, similarity: 0, interdiff: [], messageChanged: false))
    }
    for j in leftNew {
      pairs.append(PatchPair(old: nil, new: b.patches[j].index, matchedBy: nil, similarity: 0, interdiff: [], messageChanged: false))
    }
    pairs.sort { ($0.new ?? Int.max, $0.old ?? Int.max) < ($1.new ?? Int.max, $1.old ?? Int.max) }
    return VersionPairing(old: a.revision, new: b.revision, pairs: pairs)
  }

  static func make(_ a: SeriesMail, _ b: SeriesMail, _ how: PatchPair.Match) -> PatchPair {
    PatchPair(
      old: a.index, new: b.index, matchedBy: how, similarity: similarity(a, b),
      interdiff: LineDiff.unified(diffLines(a.files), diffLines(b.files)),
      messageChanged: messageBody(a) != messageBody(b))
  }

  /// The diff as lines without the parts that move when unrelated lines move: hunk line
  /// numbers and blob ids.
  static func diffLines(_ files: [FileDiff]) -> [String] {
    var out: [String] = []
    for f in files {
      out.append("## \(f.change.rawValue) \(f.path)")
      for h in f.hunks {
        out.append("@@ \(h.section)".trimmingCharacters(in: .whitespaces))
        for l in h.lines {
          switch l.kind {
          case .context: out.append(" " + l.text)
          case .added: out.append("+" + l.text)
          case .removed: out.append("-" + l.text)
          case .noNewline: out.append("\\ No newline at end of file")
          }
        }
      }
    }
    return out
  }

  static func similarity(_ a: SeriesMail, _ b: SeriesMail) -> Double {
    let x = changedLines(a.files)
    let y = changedLines(b.files)
    let union = x.union(y).count
    return union == 0 ? (a.files.map(\.path) == b.files.map(\.path) ? 1 : 0) : Double(x.intersection(y).count) / Double(union)
  }

  private static func changedLines(_ files: [FileDiff]) -> Set<String> {
    var set: Set<String> = []
    for f in files {
      for h in f.hunks {
        for l in h.lines where l.kind == .added || l.kind == .removed {
          set.insert((l.kind == .added ? "+" : "-") + f.path + ":" + l.text.trimmingCharacters(in: .whitespaces))
        }
      }
    }
    return set
  }

  private static func messageBody(_ p: SeriesMail) -> String {
    let trailers = Set(p.trailers.map { "\($0.key.lowercased()): \($0.value)" })
    return p.mail.message.split(separator: "\n", omittingEmptySubsequences: false)
      .filter { line in
        guard let colon = line.firstIndex(of: ":") else { return true }
        let key = line[..<colon].lowercased()
        return !trailers.contains(key + ": " + line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
      }
      .joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
