import Diagnostics
import UAPIModel

/// L1: the same size and member offsets on every ABI. One finding per record, at the first
/// member whose offset differs (or at the record when only the size does), listing every
/// difference as evidence.
enum SameLayoutRule: HeaderCheck {
  static let rule = RuleCatalogue.l1

  static func check(_ c: HeaderContext) -> [RuleFinding] {
    var out: [RuleFinding] = []
    for r in c.topRecords {
      let all = c.layouts(r)
      guard let base = all.first else { continue }
      var evidence: [String] = []
      var first: Field?
      let fields = c.fields(of: r)
      let sizes = all.map { "\($0.abi.rawValue) \($0.layout.size)" }
      if Set(all.map(\.layout.size)).count > 1 { evidence.append("size: " + sizes.joined(separator: ", ")) }
      for f in fields where f.layoutIndex < base.layout.members.count {
        let offsets = all.compactMap { f.layoutIndex < $0.layout.members.count ? $0.layout.members[f.layoutIndex].offset : nil }
        guard Set(offsets).count > 1 else { continue }
        if first == nil { first = f }
        let text = all.compactMap { a, l in f.layoutIndex < l.members.count ? "\(a.rawValue) \(l.members[f.layoutIndex].offset)" : nil }
        evidence.append("offset of \(f.path ?? "?"): " + text.joined(separator: ", "))
      }
      guard !evidence.isEmpty else { continue }
      let what = first.map { "'\(c.fieldName($0))' is at different offsets" } ?? "the size differs"
      let message = "'\(c.name(ofRecord: r))' is laid out differently across ABIs: \(what)"
      if let f = first {
        out.append(c.finding(rule, message, field: f, evidence: evidence))
      } else {
        out.append(c.finding(rule, message, at: c.primary.records[r].location, evidence: evidence))
      }
    }
    return out
  }
}
