public import Diagnostics
import Foundation

/// The diffstat a mail claims (`git format-patch` writes it after the `---` line; a cover letter
/// has one for the whole series).
public struct Diffstat: Sendable, Hashable {
  public struct Entry: Sendable, Hashable {
    /// As printed: possibly shortened with a leading `...`, or a rename `a => b`.
    public var path: String
    /// Lines changed (added + removed); nil for binary files.
    public var changes: Int?
    public var line: Int
  }

  public var entries: [Entry]
  public var filesChanged: Int
  public var insertions: Int
  public var deletions: Int
  /// 1-based line of the `N files changed` summary.
  public var line: Int
}

public enum DiffstatReader {
  /// The last diffstat block in the patch's text before its first file diff, if any.
  public static func claimed(in patch: ParsedPatch) -> Diffstat? {
    var lineNumber = 0
    var found: Diffstat?
    var candidates: [Diffstat.Entry] = []
    partLoop: for part in patch.parts {
      switch part {
      case .file:
        break partLoop
      case .text(let lines):
        for raw in lines {
          lineNumber += 1
          let l = PatchParser.content(raw)
          if let entry = entry(l, line: lineNumber) {
            candidates.append(entry)
          } else if let totals = summary(l) {
            found = Diffstat(
              entries: candidates, filesChanged: totals.0, insertions: totals.1, deletions: totals.2, line: lineNumber)
            candidates = []
          } else {
            candidates = []
          }
        }
      }
    }
    return found
  }

  /// ` path | 27 +++-` or ` path | Bin 0 -> 5 bytes`
  static func entry(_ l: String, line: Int) -> Diffstat.Entry? {
    guard l.utf8.first == 0x20, l.utf8.contains(UInt8(ascii: "|")), let bar = l.range(of: " | ") else { return nil }
    // git C-quotes a name with quotes, backslashes or control characters, as in the diff.
    let path = PatchParser.unquote(l[..<bar.lowerBound].trimmingSpaces)
    let rest = l[bar.upperBound...].trimmingSpaces
    guard !path.isEmpty else { return nil }
    if rest.hasPrefix("Bin") { return Diffstat.Entry(path: path, changes: nil, line: line) }
    let number = rest.prefix { $0.isNumber }
    guard let n = Int(number), rest.dropFirst(number.count).allSatisfy({ $0 == " " || $0 == "+" || $0 == "-" }) else {
      return nil
    }
    return Diffstat.Entry(path: path, changes: n, line: line)
  }

  /// ` 6 files changed, 570 insertions(+), 5 deletions(-)`
  static func summary(_ l: String) -> (Int, Int, Int)? {
    // Most lines are prose: only a line that mentions "changed" can be the totals line.
    guard l.utf8.count < 200, l.contains(" changed") else { return nil }
    let parts = l.split(separator: ",").map { $0.trimmingSpaces }
    guard let first = parts.first, first.hasSuffix(" files changed") || first.hasSuffix(" file changed"),
      let files = Int(first.prefix { $0.isNumber })
    else { return nil }
    var insertions = 0
    var deletions = 0
    for p in parts.dropFirst() {
      let n = Int(p.prefix { $0.isNumber }) ?? 0
      if p.contains("insertion") { insertions = n } else if p.contains("deletion") { deletions = n } else { return nil }
    }
    return (files, insertions, deletions)
  }

  /// Differences between what the mail claims and what its diffs do: each a warning at the line
  /// of the claim (`diff.diffstat-mismatch`).
  public static func compare(_ claimed: Diffstat, with files: [FileDiff], path: String) -> [Diagnostic] {
    var out: [Diagnostic] = []
    func warn(_ message: String, _ line: Int) {
      out.append(
        Diagnostic(.warning, id: "diff.diffstat-mismatch", message: message, location: SourceLocation(file: path, line: line, column: 1)))
    }
    let textFiles = files.filter { !$0.isBinary }
    let insertions = textFiles.reduce(0) { $0 + $1.added }
    let deletions = textFiles.reduce(0) { $0 + $1.removed }
    if claimed.filesChanged != files.count {
      warn("diffstat claims \(Self.count(claimed.filesChanged, "file")) changed, the diffs change \(files.count)", claimed.line)
    }
    if claimed.insertions != insertions || claimed.deletions != deletions {
      warn(
        "diffstat claims \(Self.count(claimed.insertions, "insertion")) and \(Self.count(claimed.deletions, "deletion")), the diffs have \(insertions) and \(deletions)",
        claimed.line)
    }
    for entry in claimed.entries {
      guard let file = files.first(where: { matches(entry.path, $0) }) else {
        warn("diffstat lists '\(entry.path)', which no diff changes", entry.line)
        continue
      }
      if let n = entry.changes, !file.isBinary, n != file.added + file.removed {
        warn("diffstat claims \(n) changed lines in '\(entry.path)', the diff has \(file.added + file.removed)", entry.line)
      }
    }
    return out
  }

  /// A diffstat path against a file: exact, shortened (`.../tail`), or a rename (`a => b`, `x/{a => b}`).
  static func matches(_ shown: String, _ file: FileDiff) -> Bool {
    var name = shown
    if let arrow = name.range(of: " => ") {
      if let open = name.firstIndex(of: "{"), let close = name.firstIndex(of: "}"), open < arrow.lowerBound {
        name = String(name[..<open]) + String(name[arrow.upperBound..<close]) + String(name[name.index(after: close)...])
      } else {
        name = String(name[arrow.upperBound...])
      }
    }
    if name.hasPrefix("...") { return file.path.hasSuffix(String(name.dropFirst(3))) }
    return file.path == name
  }
}

extension StringProtocol {
  fileprivate var trimmingSpaces: String {
    // On bytes: this runs on every line of every mail's text.
    let u = Array(utf8)
    var start = 0
    var end = u.count
    while start < end, u[start] == 0x20 || u[start] == 0x09 { start += 1 }
    while end > start, u[end - 1] == 0x20 || u[end - 1] == 0x09 { end -= 1 }
    return String(decoding: u[start..<end], as: UTF8.self)
  }
}

extension DiffstatReader {
  /// "1 deletion", "2 deletions".
  static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
