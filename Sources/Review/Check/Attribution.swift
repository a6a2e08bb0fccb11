public import Diagnostics

/// Which patch introduced each finding and which fixed it, from the findings of every header
/// state of a series (index 0 = base, k = after patch k). Findings are the same when rule,
/// file and message are; lines move between states and do not count.
public enum Attribution {
  /// The findings of the last state, each with the patch that introduced it (nil: already in
  /// the base); then the findings some patch introduced and a later one fixed, with both.
  public static func attribute(_ states: [[RuleFinding]], labels: [String]) -> [RuleFinding] {
    guard let last = states.last else { return [] }
    // Within one run paths are exact: two headers of the same name are different files.
    func key(_ f: RuleFinding) -> String { "\(f.rule)\u{1F}\(f.location?.file ?? "")\u{1F}\(f.message)" }
    let keysByState = states.map { Set($0.map(key)) }

    var out: [RuleFinding] = []
    for var f in last {
      // The state after which it has been present without a gap, up to the end.
      var start = states.count - 1
      while start > 0, keysByState[start - 1].contains(key(f)) { start -= 1 }
      if start > 0 { f.introducedBy = labels[safe: start] } else { f.inBase = true }
      out.append(f)
    }
    var seen = Set(last.map(key))
    for (k, findings) in states.enumerated() {
      for var f in findings where !seen.contains(key(f)) {
        seen.insert(key(f))
        // Introduced at the start of this run of states, fixed where the run ends.
        var start = k
        while start > 0, keysByState[start - 1].contains(key(f)) { start -= 1 }
        var end = k
        while end + 1 < states.count, keysByState[end + 1].contains(key(f)) { end += 1 }
        if start > 0 { f.introducedBy = labels[safe: start] } else { f.inBase = true }
        f.fixedBy = labels[safe: end + 1]
        out.append(f)
      }
    }
    return out
  }
}

extension Array {
  subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
