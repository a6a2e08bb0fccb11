import Foundation

/// The review checklist for pasting into a reply: 72 columns, no line that a mail client would
/// take for a quote (`>`), no tabs, no trailing spaces.
public enum ChecklistText {
  public static let width = 72

  public static func text(_ report: ReviewReport) -> String {
    var out: [String] = []
    out += wrap("uAPI review checklist for \"\(report.title)\" (\(report.versions.last?.revision ?? "no version"))")
    out += wrap("Verdict: \(report.verdict). Base: \(report.base).")
    out.append("")
    out += wrap("Questions for a person (what \(report.generator) found to answer them with):")
    for h in report.checklist.human {
      out.append("")
      out += wrap("[ ] \(h.id). \(h.title): \(h.question)", hang: 4)
      for e in h.evidence { out += wrap("- \(e.text)", indent: 4, hang: 2) }
    }
    out.append("")
    let machine = report.checklist.machine
    out += wrap("Machine rules: \(machine.filter { $0.status == .fail }.count) fail, \(machine.filter { $0.status == .pass }.count) pass, \(machine.filter { $0.status == .notApplicable }.count) not applicable.")
    for m in machine where m.status == .fail {
      out += wrap("[FAIL] \(m.rule) \(m.title)", hang: 7)
      for e in m.evidence.prefix(4) { out += wrap("- \(e.text)", indent: 7, hang: 2) }
      if m.evidence.count > 4 { out += wrap("- and \(m.evidence.count - 4) more", indent: 7, hang: 2) }
    }
    let passed = machine.filter { $0.status == .pass }.map(\.rule)
    if !passed.isEmpty { out += wrap("Pass: " + passed.joined(separator: " "), hang: 6) }
    return out.map(clean).joined(separator: "\n") + "\n"
  }

  public static func markdown(_ report: ReviewReport) -> String {
    func t(_ s: String) -> String { Escape.markdownText(s) }
    var out: [String] = []
    out += wrap("# uAPI review checklist: \(t(report.title))")
    out.append("")
    out += wrap("Verdict: **\(t(report.verdict))**. Base: \(t(report.base)).")
    out += ["", "## Questions for the reviewer"]
    for h in report.checklist.human {
      out.append("")
      out += wrap("- [ ] **\(h.id). \(t(h.title))** \(t(h.question))", hang: 6)
      for e in h.evidence { out += wrap("- \(t(e.text))", indent: 6, hang: 2) }
    }
    out += ["", "## Machine rules", ""]
    let machine = report.checklist.machine
    for m in machine where m.status == .fail {
      out += wrap("- [ ] FAIL \(t(m.rule)): \(t(m.title))", hang: 6)
      for e in m.evidence.prefix(4) { out += wrap("- \(t(e.text))", indent: 6, hang: 2) }
      if m.evidence.count > 4 { out += wrap("- and \(m.evidence.count - 4) more", indent: 6, hang: 2) }
    }
    let passed = machine.filter { $0.status == .pass }.map(\.rule)
    if !passed.isEmpty { out += [""] + wrap("Pass: " + passed.map(t).joined(separator: " "), hang: 6) }
    // Rules that do not apply are not to-dos: one line, no boxes.
    let idle = machine.filter { $0.status == .notApplicable }.map(\.rule)
    if !idle.isEmpty { out += [""] + wrap("Not applicable to this series: " + idle.map(t).joined(separator: " "), hang: 6) }
    return out.map(clean).joined(separator: "\n") + "\n"
  }

  /// Greedy word wrap at `width`: the first line indented by `indent`, the rest by
  /// `indent + hang`; a word longer than a line is split.
  static func wrap(_ text: String, indent: Int = 0, hang: Int = 0) -> [String] {
    var lines: [String] = []
    var current = String(repeating: " ", count: indent)
    var currentIsEmpty = true
    let next = String(repeating: " ", count: indent + hang)
    for var word in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init) {
      while !word.isEmpty {
        let room = width - current.count - (currentIsEmpty ? 0 : 1)
        if word.count <= room {
          current += (currentIsEmpty ? "" : " ") + word
          currentIsEmpty = false
          word = ""
        } else if currentIsEmpty {
          current += String(word.prefix(room))
          word = String(word.dropFirst(room))
          lines.append(current)
          current = next
        } else {
          lines.append(current)
          current = next
          currentIsEmpty = true
        }
      }
    }
    if !currentIsEmpty || lines.isEmpty { lines.append(current) }
    return lines
  }

  /// No trailing white space; a line that would start with `>` gets a space first.
  static func clean(_ line: String) -> String {
    var l = line
    while l.hasSuffix(" ") { l.removeLast() }
    if l.hasPrefix(">") { l = " " + l }
    return l.replacingOccurrences(of: "\t", with: " ")
  }
}
