import Diagnostics
import MailSeries
import Rendering

/// Cover letters and patches as the site shows them: numbered lines, the patch split into
/// classified lines, findings and quoting replies attached to the lines they concern.
enum MailReports {
  /// `findings`: every finding of the report, whose indexes the lines keep; `label` (`v6 1/2`)
  /// names this mail in their `introducedBy`.
  static func report(_ m: SeriesMail, index: Int, label: String, findings: [RuleFinding], seriesFiles: [FileDiff]? = nil) -> MailReport {
    let mail = m.mail
    let message = numbered(mail.message, from: mail.messageLine)
    var patch = classify(mail.patch, from: mail.patchLine, files: m.files)
    // Findings at a line of this mail. A finding another patch introduced is not this mail's,
    // even at one of its line numbers: an encoded mail's lines are counted from its start and
    // run on into the mails after it, and a reroll reuses mails of the version it amends.
    let here = findings.indices.filter { f in
      findings[f].location?.file == mail.path && (findings[f].introducedBy.map { $0 == label } ?? true)
    }
    for f in here {
      guard let line = findings[f].location?.line else { continue }
      // Findings in the commit message are listed with the mail as a whole.
      if let k = patch.firstIndex(where: { $0.line == line }) { patch[k].findings.append(f) }
    }
    let replies = m.replies.map(reply)
    // Quoted diff lines point back at the patch line they quote.
    let hunkStarts = hunkHeaderIndexes(patch)
    for (r, rep) in m.replies.enumerated() {
      for block in rep.blocks {
        for q in block.quotes {
          guard let start = hunkStarts[HunkKey(file: q.file, hunk: q.hunk)] else { continue }
          let k = start + 1 + q.lineInHunk
          if patch.indices.contains(k), !patch[k].quotedBy.contains(r) { patch[k].quotedBy.append(r) }
        }
      }
    }
    let actual = (seriesFiles ?? m.files).map { DiffstatRow(path: $0.path, changes: $0.added + $0.removed, added: $0.added, removed: $0.removed) }
    return MailReport(
      index: index, title: mail.title, subject: mail.subject, author: mail.author, email: mail.email,
      date: mail.date, messageID: mail.messageID ?? "", file: mail.path, message: message, patch: patch,
      claimedDiffstat: m.claimedDiffstat?.entries.map { DiffstatRow(path: $0.path, changes: $0.changes ?? 0) } ?? [],
      actualDiffstat: actual,
      trailers: m.trailers.map { TrailerRow(key: $0.key, value: $0.value) },
      collected: m.collected.map { TrailerRow(key: $0.trailer.key, value: $0.trailer.value, from: $0.from) },
      replies: replies)
  }

  static func reply(_ r: Reply) -> ReplyReport {
    ReplyReport(
      author: r.mail.author.isEmpty ? r.mail.email : r.mail.author, date: r.mail.date, subject: r.mail.subject,
      messageID: r.mail.messageID ?? "", depth: r.depth, file: r.mail.path,
      blocks: r.blocks.map { ReplyBlockReport(quoted: $0.kind == .quoted, line: $0.line, text: $0.text) })
  }

  static func numbered(_ text: String, from first: Int?) -> [NumberedLine] {
    lines(text).enumerated().map { k, line in NumberedLine(line: first.map { $0 + k }, text: line) }
  }

  /// The patch text line by line, each with its kind, the file it belongs to and its line in
  /// that file; the k-th `diff --git` (or `---` without one) is the k-th parsed file. A hunk
  /// ends when its header's line counts are used up, so the `-- ` of the signature after the
  /// last hunk is not read as a removed line.
  static func classify(_ text: String, from first: Int?, files: [FileDiff]) -> [PatchLine] {
    var out: [PatchLine] = []
    var fileIndex = -1
    var inFileHeader = false
    var path: String?
    var sawGitHeader = false
    var oldLeft = 0
    var newLeft = 0
    var oldLine = 0
    var newLine = 0
    var lastWasHunkLine = false
    for (k, line) in lines(text).enumerated() {
      let number = first.map { $0 + k }
      var kind = PatchLine.Kind.other
      var fileLine: Int?
      let inHunk = oldLeft > 0 || newLeft > 0
      if inHunk {
        let c = line.first ?? " "
        switch c {
        case "+":
          kind = .added
          fileLine = newLine
          newLine += 1
          newLeft -= 1
        case "-":
          kind = .removed
          fileLine = oldLine
          oldLine += 1
          oldLeft -= 1
        case "\\":
          kind = .context
        default:
          // A context line (mailers drop the space of an empty one).
          kind = .context
          fileLine = newLine
          newLine += 1
          newLeft -= 1
          oldLine += 1
          oldLeft -= 1
        }
        lastWasHunkLine = true
      } else if line.hasPrefix("diff --git ") || line.hasPrefix("diff -") {
        fileIndex += 1
        sawGitHeader = true
        inFileHeader = true
        path = files.indices.contains(fileIndex) ? files[fileIndex].path : nil
        kind = .fileHeader
      } else if line.hasPrefix("--- ") && !sawGitHeader && !inFileHeader && line != "-- " {
        // A plain unified diff: `---` starts the file.
        fileIndex += 1
        inFileHeader = true
        path = files.indices.contains(fileIndex) ? files[fileIndex].path : nil
        kind = .fileHeader
      } else if line.hasPrefix("@@ "), fileIndex >= 0, let h = hunkHeader(line) {
        (oldLine, oldLeft, newLine, newLeft) = h
        inFileHeader = false
        kind = .hunkHeader
      } else if line == "-- " {
        // The signature ends the diffs, even after a file without hunks (a rename).
        inFileHeader = false
      } else if line.hasPrefix("\\"), lastWasHunkLine {
        // `\ No newline at end of file` after a hunk's last line.
        kind = .context
      } else if inFileHeader {
        kind = .fileHeader
      }
      if kind != .context || line.hasPrefix("\\") { lastWasHunkLine = kind == .added || kind == .removed || kind == .context }
      out.append(PatchLine(line: number, kind: kind, text: line, path: kind == .other ? nil : path, fileLine: fileLine))
    }
    return out
  }

  /// `@@ -a,b +c,d @@`: old start and count, new start and count (a missing count is 1).
  static func hunkHeader(_ line: String) -> (Int, Int, Int, Int)? {
    let parts = line.split(separator: " ", maxSplits: 3)
    guard parts.count >= 3, parts[1].hasPrefix("-"), parts[2].hasPrefix("+") else { return nil }
    func range(_ s: Substring) -> (Int, Int)? {
      let nums = s.dropFirst().split(separator: ",", omittingEmptySubsequences: false)
      guard let start = Int(nums[0]) else { return nil }
      guard nums.count > 1 else { return (start, 1) }
      guard let count = Int(nums[1]) else { return nil }
      return (start, count)
    }
    guard let old = range(parts[1]), let new = range(parts[2]) else { return nil }
    return (old.0, old.1, new.0, new.1)
  }

  struct HunkKey: Hashable {
    var file: Int
    var hunk: Int
  }

  static func hunkHeaderIndexes(_ patch: [PatchLine]) -> [HunkKey: Int] {
    var out: [HunkKey: Int] = [:]
    var file = -1
    var hunk = -1
    for (k, l) in patch.enumerated() {
      switch l.kind {
      case .fileHeader where l.text.hasPrefix("diff ") || (l.text.hasPrefix("--- ") && (k == 0 || patch[k - 1].kind != .fileHeader)):
        file += 1
        hunk = -1
      case .hunkHeader:
        hunk += 1
        out[HunkKey(file: max(file, 0), hunk: hunk)] = k
      default: break
      }
    }
    return out
  }

  static func lines(_ text: String) -> [String] {
    guard !text.isEmpty else { return [] }
    var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
    if parts.last == "" { parts.removeLast() }
    return parts
  }
}
