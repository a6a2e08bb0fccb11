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
  /// Changed lines (added or removed, by file) that one patch has and the other has not: 0
  /// when the diffs make the same changes. `VersionPairing.interdiff` shows them.
  public var differingLines: Int
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
    // Each patch's changed lines are counted once, for every comparison it takes part in.
    let oldLines = a.patches.map { changedLines($0.files) }
    let newLines = b.patches.map { changedLines($0.files) }
    for j in b.patches.indices {
      if let i = a.patches.indices.first(where: { leftOld.contains($0) && key(a.patches[$0]) == key(b.patches[j]) }) {
        pairs.append(make(a.patches[i], b.patches[j], .title, oldLines[i], newLines[j]))
        leftOld.remove(i)
        leftNew.remove(j)
      }
    }
    // Greedy by best similarity among what is left.
    var candidates: [(Double, Int, Int)] = []
    for i in leftOld {
      for j in leftNew {
        let s = jaccard(oldLines[i], newLines[j], a.patches[i], b.patches[j])
        if s >= 0.5 { candidates.append((s, i, j)) }
      }
    }
    for (_, i, j) in candidates.sorted(by: { ($0.0, -$0.2) > ($1.0, -$1.2) }) where leftOld.contains(i) && leftNew.contains(j) {
      pairs.append(make(a.patches[i], b.patches[j], .content, oldLines[i], newLines[j]))
      leftOld.remove(i)
      leftNew.remove(j)
    }
    for i in leftOld {
      pairs.append(PatchPair(old: a.patches[i].index, new: nil, matchedBy: nil, similarity: 0, differingLines: 0, messageChanged: false))
    }
    for j in leftNew {
      pairs.append(PatchPair(old: nil, new: b.patches[j].index, matchedBy: nil, similarity: 0, differingLines: 0, messageChanged: false))
    }
    pairs.sort { ($0.new ?? Int.max, $0.old ?? Int.max) < ($1.new ?? Int.max, $1.old ?? Int.max) }
    return VersionPairing(old: a.revision, new: b.revision, pairs: pairs)
  }

  static func make(_ a: SeriesMail, _ b: SeriesMail, _ how: PatchPair.Match, _ x: Set<Int>, _ y: Set<Int>) -> PatchPair {
    PatchPair(
      old: a.index, new: b.index, matchedBy: how, similarity: jaccard(x, y, a, b),
      differingLines: x.symmetricDifference(y).count, messageChanged: messageBody(a) != messageBody(b))
  }

  /// The diff between two patches' diffs (file and hunk headers without line numbers), as
  /// `git range-diff` shows it; empty when the diffs are the same. Computed on demand: it is
  /// the costly part of pairing and only a reader of that one pair needs it.
  public static func interdiff(_ a: SeriesMail, _ b: SeriesMail) -> [String] {
    LineDiff.unified(diffLines(a.files), diffLines(b.files))
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

  private static func jaccard(_ x: Set<Int>, _ y: Set<Int>, _ a: SeriesMail, _ b: SeriesMail) -> Double {
    let union = x.union(y).count
    return union == 0 ? (a.files.map(\.path) == b.files.map(\.path) ? 1 : 0) : Double(x.intersection(y).count) / Double(union)
  }

  /// A hash of `+path:text` / `-path:text` for every changed line, white space at the ends
  /// ignored (hashes, not strings: this runs over every pair of patches of two versions).
  private static func changedLines(_ files: [FileDiff]) -> Set<Int> {
    var set: Set<Int> = []
    for f in files {
      for h in f.hunks {
        for l in h.lines where l.kind == .added || l.kind == .removed {
          var hasher = Hasher()
          hasher.combine(l.kind == .added)
          hasher.combine(f.path)
          // raw is the sign, the text and the line ending: hash the trimmed text in place.
          var raw = l.raw
          raw.withUTF8 { buf in
            var lo = min(1, buf.count)
            var hi = buf.count
            while lo < hi, buf[lo] == 0x20 || buf[lo] == 0x09 { lo += 1 }
            while hi > lo, buf[hi - 1] == 0x20 || buf[hi - 1] == 0x09 || buf[hi - 1] == 0x0A || buf[hi - 1] == 0x0D { hi -= 1 }
            hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: buf[lo..<hi])))
          }
          set.insert(hasher.finalize())
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
