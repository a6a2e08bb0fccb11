public import Diagnostics

/// Findings after waivers: covered findings carry the justification; an expired waiver covers
/// nothing and is itself a finding; a waiver that covered nothing is a note.
public enum WaiverApplication {
  /// - Parameter today: `YYYY-MM-DD`, passed in so results do not depend on the clock in tests.
  public static func apply(_ file: WaiverFile, to findings: [RuleFinding], today: String) -> [RuleFinding] {
    var out = findings
    var used = Set<Int>()
    var extra: [RuleFinding] = []
    for (k, w) in file.waivers.enumerated() {
      if let e = w.expires, e < today {
        extra.append(
          RuleFinding(
            rule: "waiver.expired", severity: .error,
            message: "the waiver for \(w.rule) expired on \(e); renew it with a new justification or fix the finding",
            location: w.location, help: w.link.map { "waiver link: \($0)" }))
        continue
      }
      for i in out.indices where w.covers(out[i]) {
        used.insert(k)
        if out[i].waiver == nil { out[i].waiver = w.justification }
      }
    }
    for (k, w) in file.waivers.enumerated() where !used.contains(k) && !(w.expires.map { $0 < today } ?? false) {
      extra.append(
        RuleFinding(rule: "waiver.unused", severity: .note, message: "the waiver for \(w.rule) covers no finding; remove it", location: w.location))
    }
    return out + extra
  }
}
