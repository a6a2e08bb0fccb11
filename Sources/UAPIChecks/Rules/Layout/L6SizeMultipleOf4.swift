import Diagnostics
import UAPIModel

/// L6: sizeof is a multiple of 4 on every ABI (ARM OABI rounds struct sizes up to 4).
enum SizeMultipleOf4Rule: HeaderCheck {
  static let rule = RuleCatalogue.l6

  static func check(_ c: HeaderContext) -> [RuleFinding] {
    c.topRecords.compactMap { r in
      let bad = c.layouts(r).filter { $0.layout.size % 4 != 0 }.map { "\($0.abi.rawValue) size \($0.layout.size)" }
      guard !bad.isEmpty else { return nil }
      return c.finding(
        rule, "'\(c.name(ofRecord: r))' has a size that is not a multiple of 4 (\(bad.joined(separator: ", "))); ARM OABI pads it",
        at: c.primary.records[r].location, evidence: bad)
    }
  }
}
