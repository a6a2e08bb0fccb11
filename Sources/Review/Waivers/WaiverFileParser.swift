import Diagnostics

/// Reads a waiver file: a small TOML subset, one `[[waiver]]` or `[[move]]` table per entry,
/// `key = "string"` lines, `#` comments.
///
///     [[waiver]]
///     rule = "U8"
///     file = "include/uapi/misc/habanalabs.h"
///     match = "hl_mem_out.fd"
///     justification = "__s32 in a union of __u64: same bytes on every little-endian ABI we ship"
///     expires = "2027-06-30"
///     link = "https://lore.kernel.org/..."
///
///     [[move]]
///     from = "include/uapi/misc/habanalabs.h"
///     to = "include/uapi/drm/habanalabs_accel.h"
///     justification = "the driver moved to accel"
///
/// Bad entries are diagnostics with file:line:col and are left out; the rest is kept.
public enum WaiverFileParser {
  public static func parse(_ text: String, path: String) -> WaiverFile {
    var waivers: [Waiver] = []
    var moves: [HeaderMove] = []
    var diagnostics: [Diagnostic] = []
    var table: (kind: String, line: Int, values: [String: (String, Int)])?

    func diagnose(_ id: String, _ message: String, line: Int, column: Int = 1, excerpt: String? = nil) {
      diagnostics.append(
        Diagnostic(.error, id: id, message: message, location: SourceLocation(file: path, line: line, column: column), excerpt: excerpt))
    }
    func flush() {
      guard let t = table else { return }
      table = nil
      let at = SourceLocation(file: path, line: t.line, column: 1)
      func value(_ key: String) -> String? { t.values[key]?.0 }
      let allowed: Set<String> = t.kind == "waiver" ? ["rule", "file", "match", "justification", "expires", "link"] : ["from", "to", "justification"]
      for (key, (_, line)) in t.values where !allowed.contains(key) {
        diagnose("waiver.unknown-key", "unknown key '\(key)' in [[\(t.kind)]]", line: line)
      }
      guard let justification = value("justification"), !justification.trimmingCharacters(in: .whitespaces).isEmpty else {
        diagnose("waiver.no-justification", "[[\(t.kind)]] without a justification is ignored; say why the finding is accepted", line: t.line)
        return
      }
      if t.kind == "move" {
        guard let from = value("from"), let to = value("to") else {
          diagnose("waiver.incomplete", "[[move]] needs both 'from' and 'to'", line: t.line)
          return
        }
        moves.append(HeaderMove(from: from, to: to, justification: justification, location: at))
        return
      }
      guard let rule = value("rule") else {
        diagnose("waiver.incomplete", "[[waiver]] needs a 'rule' (a rule id, or \"*\")", line: t.line)
        return
      }
      if let e = value("expires"), !isDate(e) {
        diagnose("waiver.bad-date", "expires must be YYYY-MM-DD, not '\(e)'", line: t.values["expires"]?.1 ?? t.line)
        return
      }
      waivers.append(
        Waiver(
          rule: rule, file: value("file"), match: value("match"), justification: justification, expires: value("expires"),
          link: value("link"), location: at))
    }

    var lineNumber = 0
    for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.isEmpty || line.hasPrefix("#") { continue }
      if line.hasPrefix("[[") {
        flush()
        let kind = line.dropFirst(2).prefix { $0 != "]" }.trimmingCharacters(in: .whitespaces)
        guard line.hasSuffix("]]"), kind == "waiver" || kind == "move" else {
          diagnose("waiver.syntax", "expected [[waiver]] or [[move]]", line: lineNumber, excerpt: String(raw))
          continue
        }
        table = (kind, lineNumber, [:])
        continue
      }
      guard let eq = line.firstIndex(of: "=") else {
        diagnose("waiver.syntax", "expected key = \"value\"", line: lineNumber, excerpt: String(raw))
        continue
      }
      let key = line[..<eq].trimmingCharacters(in: .whitespaces)
      let rest = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
      guard let value = quoted(rest) else {
        let column = (raw.range(of: rest).map { raw.distance(from: raw.startIndex, to: $0.lowerBound) } ?? 0) + 1
        diagnose("waiver.syntax", "a value is a double-quoted string", line: lineNumber, column: column, excerpt: String(raw))
        continue
      }
      guard table != nil else {
        diagnose("waiver.syntax", "'\(key)' outside a [[waiver]] or [[move]] table", line: lineNumber, excerpt: String(raw))
        continue
      }
      table?.values[key] = (value, lineNumber)
    }
    flush()
    return WaiverFile(path: path, waivers: waivers, moves: moves, diagnostics: diagnostics)
  }

  /// `"text"` with `\"` and `\\` escapes, an optional trailing comment.
  static func quoted(_ s: String) -> String? {
    guard s.first == "\"" else { return nil }
    var out = ""
    var escaped = false
    for c in s.dropFirst() {
      if escaped {
        out.append(c == "n" ? "\n" : c)
        escaped = false
      } else if c == "\\" {
        escaped = true
      } else if c == "\"" {
        return out
      } else {
        out.append(c)
      }
    }
    return nil
  }

  static func isDate(_ s: String) -> Bool {
    let parts = s.split(separator: "-")
    return parts.count == 3 && parts[0].count == 4 && parts[1].count == 2 && parts[2].count == 2
      && parts.allSatisfy { $0.allSatisfy(\.isNumber) } && (1...12).contains(Int(parts[1]) ?? 0) && (1...31).contains(Int(parts[2]) ?? 0)
  }
}
