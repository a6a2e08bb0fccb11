import Diagnostics

/// Applies one file diff's hunks to fragments (the rule is documented on ``Fragment``).
enum FragmentMerge {
  struct Result {
    var fragments: [Fragment]
    var hunks: [HunkOutcome]
    var diagnostics: [Diagnostic]
  }

  static func apply(
    _ hunks: [Hunk], to fragments: [Fragment], patch: Int, file: Int, path: String, patchPath: String
  ) -> Result {
    var frags = fragments.filter { !$0.lines.isEmpty }.sorted { $0.start < $1.start }
    var outcomes: [HunkOutcome] = []
    var diagnostics: [Diagnostic] = []
    for (index, hunk) in hunks.enumerated() {
      let images = HunkImages(hunk)
      let pre = images.pre
      let ref = HunkReference(patch: patch, file: file, hunk: index)
      // 0-based line where the preimage sits in the file as patched so far (git's start).
      // Clamped so absurd header numbers cannot overflow the arithmetic below.
      let pos = min(max(0, hunk.newCount == 0 ? hunk.newStart : hunk.newStart - 1), 1 << 40)
      let overlapping = frags.indices.filter { i in
        let f0 = frags[i].start - 1
        let fEnd = f0 + frags[i].lines.count
        return pre.isEmpty ? (f0 < pos && pos < fEnd) : (f0 < pos + pre.count && pos < fEnd)
      }
      var at = pos
      var mismatch: Int?
      for i in overlapping where mismatch == nil {
        mismatch = firstMismatch(frags[i], pre, at: pos)
      }
      var replaced = overlapping
      var conflict = false
      if mismatch != nil, let found = search(pre, in: frags, near: pos) {
        at = found.at
        replaced = [found.fragment]
      } else if let k = mismatch {
        conflict = true
        let source = images.preSource[k]
        diagnostics.append(
          ApplyDiagnostics.fragmentConflict(
            file: path, hunkIndex: index, hunk: hunk, patchPath: patchPath, patchLine: hunk.line + 1 + source,
            excerpt: PatchParser.content(hunk.lines[source].raw)))
      }
      var merged = Fragment(start: at + 1, lines: images.post, section: hunk.section, sources: [ref])
      if !conflict, let first = replaced.first, let last = replaced.last {
        let f = frags[first]
        let l = frags[last]
        if f.start - 1 < at {
          merged.lines = Array(f.lines[..<(at - (f.start - 1))]) + merged.lines
          merged.start = f.start
          merged.section = f.section
        }
        let preEnd = at + pre.count
        if l.end - 1 > preEnd { merged.lines += l.lines[(preEnd - (l.start - 1))...] }
        merged.sources = replaced.flatMap { frags[$0].sources } + [ref]
      }
      let delta = images.post.count - pre.count
      let removedSet = Set(replaced)
      var next: [Fragment] = []
      for (i, var f) in frags.enumerated() where !removedSet.contains(i) {
        if f.start - 1 >= at + pre.count { f.start += delta }
        next.append(f)
      }
      if !merged.lines.isEmpty { next.append(merged) }
      frags = next.sorted { $0.start < $1.start }
      outcomes.append(
        HunkOutcome(
          index: index, headerLine: hunk.line,
          status: .applied(line: at + 1, offset: at - pos, droppedLeading: 0, droppedTrailing: 0)))
    }
    return Result(fragments: frags, hunks: outcomes, diagnostics: diagnostics)
  }

  /// Index into `pre` of the first line that disagrees with `fragment` where both have a line.
  static func firstMismatch(_ fragment: Fragment, _ pre: [[UInt8]], at pos: Int) -> Int? {
    let f0 = fragment.start - 1
    for (k, line) in pre.enumerated() {
      let j = pos + k - f0
      if j >= 0 && j < fragment.lines.count && fragment.lines[j] != line { return k }
    }
    return nil
  }

  /// The whole preimage inside one fragment, nearest to `pos`.
  static func search(_ pre: [[UInt8]], in frags: [Fragment], near pos: Int) -> (fragment: Int, at: Int)? {
    guard !pre.isEmpty else { return nil }
    var best: (fragment: Int, at: Int)?
    for (i, f) in frags.enumerated() where f.lines.count >= pre.count {
      for k in 0...(f.lines.count - pre.count) where f.lines[k..<(k + pre.count)].elementsEqual(pre) {
        let at = f.start - 1 + k
        if best.map({ abs(at - pos) < abs($0.at - pos) }) ?? true { best = (i, at) }
      }
    }
    return best
  }
}
