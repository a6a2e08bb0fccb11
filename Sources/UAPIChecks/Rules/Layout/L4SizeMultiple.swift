import Diagnostics
import UAPIModel

/// L4: on every ABI, sizeof is a multiple of the record's x86_64 alignment (8 when it holds a
/// 64-bit member).
enum SizeMultipleRule: HeaderCheck {
  static let rule = RuleCatalogue.l4

  static func check(_ c: HeaderContext) -> [RuleFinding] {
    var out: [RuleFinding] = []
    for r in c.topRecords {
      guard let natural = c.layout(r, in: c.primary)?.alignment, natural > 1 else { continue }
      let bad = c.layouts(r).filter { $0.layout.size % natural != 0 }.map { "\($0.abi.rawValue) size \($0.layout.size)" }
      guard !bad.isEmpty else { continue }
      out.append(
        c.finding(
          rule, "'\(c.name(ofRecord: r))' must have a size that is a multiple of \(natural) on every ABI (\(bad.joined(separator: ", ")))",
          at: c.primary.records[r].location, evidence: bad))
    }
    return out
  }
}
