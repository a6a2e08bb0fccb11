import Diagnostics
import MailSeries

/// Where a line of a header, as a version of a series leaves it, came from: the `+` line of the
/// patch mail that added it, found by walking the patches back and carrying the line number
/// through each patch's hunks. Diagnostics about added C then point into the mail a reader has.
enum LineOrigin {
  struct Origin: Equatable {
    var mailPath: String
    var mailLine: Int
    /// The mail line as written, with its `+`.
    var text: String
  }

  static func origin(of line: Int, in path: String, patches: [SeriesMail]) -> Origin? {
    var l = line
    for patch in patches.reversed() {
      guard let file = patch.files.first(where: { $0.newPath == path }) else { continue }
      guard let before = preImageLine(l, in: file) else {
        // Added by this patch: its mail line, as the report numbers patch lines.
        let lines = MailReports.classify(patch.mail.patch, from: patch.mail.patchLine, files: patch.files)
        guard let added = lines.first(where: { $0.kind == .added && $0.path == path && $0.fileLine == l }), let at = added.line
        else { return nil }
        return Origin(mailPath: patch.mail.path, mailLine: at, text: added.text)
      }
      if file.oldPath != path && file.oldPath != nil { return nil }  // renamed in: not followed
      l = before
    }
    return nil
  }

  /// The line's number before the patch, or nil when the patch added it.
  static func preImageLine(_ l: Int, in file: FileDiff) -> Int? {
    var delta = 0
    for h in file.hunks {
      // A hunk that only removes (`+14,0` with -U0) sits after line newStart, not at it.
      if l < h.newStart || (h.newCount == 0 && l == h.newStart) { break }
      if l >= h.newStart + h.newCount {
        delta += h.newCount - h.oldCount
        continue
      }
      var old = h.oldStart
      var new = h.newStart
      for hl in h.lines {
        switch hl.kind {
        case .added:
          if new == l { return nil }
          new += 1
        case .removed:
          old += 1
        case .context:
          if new == l { return old }
          old += 1
          new += 1
        case .noNewline:
          break
        }
      }
      return nil
    }
    return l - delta
  }

  /// `d` moved to the mail line that added what it is about, when a patch of `patches` did;
  /// the message keeps the place in the patched header.
  ///
  /// `header` gives the patched header's text: the mail line must read as the header line does.
  /// The hunk headers' numbers are what the walk trusts, and a hunk that applied at an offset
  /// (or was rejected) puts them out; then the diagnostic stays in the header.
  static func relocated(_ d: Diagnostic, patches: [SeriesMail], header: (String) -> String?) -> Diagnostic {
    guard let loc = d.location, let o = origin(of: loc.line, in: loc.file, patches: patches), let text = header(loc.file) else {
      return d
    }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard lines.indices.contains(loc.line - 1), lines[loc.line - 1] == o.text.dropFirst() else { return d }
    var out = d
    out.location = SourceLocation(file: o.mailPath, line: o.mailLine, column: loc.column + 1)
    out.excerpt = o.text
    out.message += " (\(loc.file):\(loc.line) as the series leaves it)"
    return out
  }
}
