import Diagnostics

/// Applies unified-diff hunks to a file's bytes the way `git apply --reject` does: each hunk is
/// looked for near where the patch says, nearest match first, with git's anchoring and `-C`
/// fuzz; hunks that match nowhere are reported and the others still apply.
public enum Applier {
  /// Applies `hunks` in order to `content`.
  ///
  /// - Parameters:
  ///   - hunks: one file's hunks, in patch order.
  ///   - content: the file's bytes before the patch.
  ///   - options: fuzz and anchoring (`git apply -C<n>`, `--unidiff-zero`).
  ///   - file: the file's path, for messages.
  ///   - patchPath: the patch input's name, for diagnostic locations.
  /// - Returns: the bytes after every hunk that applied, one outcome per hunk, and an
  ///   `apply.reject` diagnostic per rejected hunk.
  public static func apply(
    _ hunks: [Hunk], to content: [UInt8], options: ApplyOptions = ApplyOptions(), file: String, patchPath: String
  ) -> ContentResult {
    var image = Image(TextLines.split(content))
    var outcomes: [HunkOutcome] = []
    var diagnostics: [Diagnostic] = []
    for (index, hunk) in hunks.enumerated() {
      let images = HunkImages(hunk)
      if let status = image.apply(hunk, images, options: options) {
        outcomes.append(HunkOutcome(index: index, headerLine: hunk.line, status: status))
      } else {
        outcomes.append(HunkOutcome(index: index, headerLine: hunk.line, status: .rejected))
        diagnostics.append(image.explainReject(hunk, images, index: index, file: file, patchPath: patchPath))
      }
    }
    return ContentResult(content: TextLines.join(image.lines), hunks: outcomes, diagnostics: diagnostics)
  }

  /// Applies one file diff to what its old path holds, with git's file-level checks: a new file
  /// must not exist, a changed one must, a deletion must remove every byte, binary diffs are
  /// not applied (`apply.binary`). Renames and copies: pass the old path's content.
  ///
  /// - Parameters:
  ///   - diff: the file diff.
  ///   - old: the old path's bytes, nil when there is no such file.
  /// - Returns: the new content (nil for a deletion); when a file-level check fails `applied` is
  ///   false and `content` is `old` unchanged.
  public static func apply(
    _ diff: FileDiff, to old: [UInt8]?, options: ApplyOptions = ApplyOptions(), patchPath: String
  ) -> FileApplyResult {
    func fail(_ d: Diagnostic) -> FileApplyResult {
      FileApplyResult(content: old, hunks: [], diagnostics: [d], applied: false)
    }
    if diff.isBinary { return fail(ApplyDiagnostics.binary(diff, patchPath: patchPath)) }
    let start: [UInt8]
    if diff.change == .added {
      if old != nil { return fail(ApplyDiagnostics.exists(diff, patchPath: patchPath)) }
      start = []
    } else {
      guard let old else {
        return fail(ApplyDiagnostics.missing(diff, path: diff.oldPath ?? diff.path, patchPath: patchPath))
      }
      start = old
    }
    let r = apply(diff.hunks, to: start, options: options, file: diff.path, patchPath: patchPath)
    if diff.change == .deleted {
      guard r.content.isEmpty else {
        var ds = r.diagnostics
        ds.append(ApplyDiagnostics.deletionLeavesContent(diff, bytes: r.content.count, patchPath: patchPath))
        return FileApplyResult(content: old, hunks: r.hunks, diagnostics: ds, applied: false)
      }
      return FileApplyResult(content: nil, hunks: r.hunks, diagnostics: r.diagnostics, applied: true)
    }
    return FileApplyResult(content: r.content, hunks: r.hunks, diagnostics: r.diagnostics, applied: true)
  }
}

/// The file being patched: its lines, and which of them earlier hunks wrote (git will not match
/// a later hunk's preimage against those).
private struct Image {
  var lines: [[UInt8]]
  var patched: [Bool]

  init(_ lines: [[UInt8]]) {
    self.lines = lines
    patched = Array(repeating: false, count: lines.count)
  }

  /// git's search for one hunk, then its fuzz loop: on failure first give up anchoring, then drop
  /// context lines (leading when it is at least as long as trailing, then trailing when longer)
  /// until both sides are at the `-C` limit.
  mutating func apply(_ hunk: Hunk, _ images: HunkImages, options: ApplyOptions) -> HunkOutcome.Status? {
    var pre = images.pre[...]
    var post = images.post[...]
    var leading = images.leading
    var trailing = images.trailing
    var matchBeginning = hunk.oldStart == 0 || (hunk.oldStart == 1 && !options.unidiffZero)
    var matchEnd = !options.unidiffZero && trailing == 0
    var pos = hunk.newStart > 0 ? hunk.newStart - 1 : 0
    let limit = options.minimumContext ?? Int.max
    while true {
      if let at = find(pre, from: pos, matchBeginning: matchBeginning, matchEnd: matchEnd) {
        lines.replaceSubrange(at..<(at + pre.count), with: post)
        patched.replaceSubrange(at..<(at + pre.count), with: repeatElement(true, count: post.count))
        return .applied(
          line: at + 1, offset: at - pos, droppedLeading: images.leading - leading,
          droppedTrailing: images.trailing - trailing)
      }
      if leading <= limit && trailing <= limit { return nil }
      if matchBeginning || matchEnd {
        matchBeginning = false
        matchEnd = false
        continue
      }
      // Each pass drops at least one line: one side is above the limit, so it is not empty
      // (only a hunk of context alone, which git refuses to parse, could run out).
      var dropped = false
      if leading >= trailing, !pre.isEmpty, !post.isEmpty {
        pre.removeFirst()
        post.removeFirst()
        pos -= 1  // git moves the start up, not down; kept so the search order is git's
        leading -= 1
        dropped = true
      }
      if trailing > leading, !pre.isEmpty, !post.isEmpty {
        pre.removeLast()
        post.removeLast()
        trailing -= 1
        dropped = true
      }
      if !dropped { return nil }
    }
  }

  /// Whether a file line is the line a hunk expects. A line the patch marks `\ No newline at end
  /// of file` also matches the same text followed by whitespace (its newline, a `\r`): git
  /// compares the preimage as one buffer, so that last line is only a prefix.
  static func same(_ line: [UInt8], _ expected: [UInt8]) -> Bool {
    if line == expected { return true }
    guard expected.last != UInt8(ascii: "\n"), line.count > expected.count, line.starts(with: expected) else {
      return false
    }
    return line[expected.count...].allSatisfy { [9, 10, 11, 12, 13, 32].contains($0) }
  }

  /// The nearest position where `pre` matches: `line`, then one below, one above, two below...
  /// An anchored hunk is only tried at the file's beginning or end.
  func find(_ pre: ArraySlice<[UInt8]>, from line: Int, matchBeginning: Bool, matchEnd: Bool) -> Int? {
    let n = lines.count
    var line = line
    if matchBeginning {
      line = 0
    } else if matchEnd {
      line = n - pre.count
    }
    // git compares unsigned: a negative start becomes the end of the file.
    if line < 0 || line > n { line = n }
    func matches(_ at: Int) -> Bool {
      guard at + pre.count <= n else { return false }
      if matchEnd && at + pre.count != n { return false }
      if matchBeginning && at != 0 { return false }
      // Anchored at the end, git also wants the byte lengths equal: no prefix match there.
      for (k, expected) in pre.enumerated()
      where patched[at + k] || (matchEnd ? lines[at + k] != expected : !Image.same(lines[at + k], expected)) {
        return false
      }
      return true
    }
    if matchBeginning || matchEnd { return matches(line) ? line : nil }
    var back = line
    var forward = line
    var current = line
    var turn = 0
    while true {
      if matches(current) { return current }
      while true {
        if back == 0 && forward == n { return nil }
        if turn & 1 == 1 {
          if back == 0 {
            turn += 1
            continue
          }
          back -= 1
          current = back
        } else {
          if forward == n {
            turn += 1
            continue
          }
          forward += 1
          current = forward
        }
        break
      }
      turn += 1
    }
  }

  /// The `apply.reject` diagnostic: at the position where most preimage lines match (nearest
  /// the expected one on ties), the first preimage line that does not.
  func explainReject(_ hunk: Hunk, _ images: HunkImages, index: Int, file: String, patchPath: String) -> Diagnostic {
    let pre = images.pre
    let n = lines.count
    let expected = min(max(hunk.newStart > 0 ? hunk.newStart - 1 : 0, 0), n)
    func score(_ at: Int) -> Int {
      var s = 0
      for (k, l) in pre.enumerated() where at + k < n && !patched[at + k] && Image.same(lines[at + k], l) { s += 1 }
      return s
    }
    var best = expected
    var bestScore = score(expected)
    let last = max(0, n - pre.count)
    var distance = 1
    while bestScore < pre.count && (expected - distance >= 0 || expected + distance <= last) {
      for at in [expected + distance, expected - distance] where at >= 0 && at <= last {
        let s = score(at)
        if s > bestScore {
          best = at
          bestScore = s
        }
      }
      distance += 1
    }
    var why = ""
    var patchLine = hunk.line
    var excerpt: String? = PatchParser.content(hunk.rawHeader)
    if let k = pre.indices.first(where: {
      best + $0 >= n || patched[best + $0] || !Image.same(lines[best + $0], pre[$0])
    }) {
      let source = images.preSource[k]
      patchLine = hunk.line + 1 + source
      excerpt = PatchParser.content(hunk.lines[source].raw)
      let fileLine = best + k + 1
      if best + k >= n {
        why = "it expects \"\(TextLines.display(pre[k]))\" at line \(fileLine), past the end of the file (\(n) lines)"
      } else if patched[best + k] {
        why = "it expects \"\(TextLines.display(pre[k]))\" at line \(fileLine), which an earlier hunk already changed"
      } else {
        let found = TextLines.display(lines[best + k])
        why = "it expects \"\(TextLines.display(pre[k]))\" at line \(fileLine), where the file has \"\(found)\""
      }
    } else {
      why =
        "its lines match at line \(best + 1), but a hunk at the \(hunk.oldStart <= 1 ? "beginning" : "end") "
        + "of the patch's file must apply at the \(hunk.oldStart <= 1 ? "beginning" : "end") of this one"
    }
    return ApplyDiagnostics.reject(
      file: file, hunkIndex: index, hunk: hunk, patchPath: patchPath, patchLine: patchLine, excerpt: excerpt, why: why)
  }
}
