import Diagnostics
import UAPIModel

/// L2: no implicit padding between members or at the end, on any ABI. A hole is reported at the
/// member it follows; the same hole on several ABIs is one finding.
enum PaddingRule: HeaderCheck {
  static let rule = RuleCatalogue.l2

  static func check(_ c: HeaderContext) -> [RuleFinding] {
    var out: [RuleFinding] = []
    for r in c.topRecords {
      let fields = c.fields(of: r)
      // (member index or -1 for the record's tail, offset, bytes) → ABIs.
      var holes: [String: (after: Int?, offset: Int, bits: Int, abis: [String])] = [:]
      var order: [String] = []
      for (abi, layout) in c.layouts(r) {
        var all = layout.holes.map { (after: $0.after, offset: $0.offset, bits: $0.bits) }
        if layout.tailPadding > 0 {
          all.append((after: nil, offset: layout.size - layout.tailPadding, bits: layout.tailPadding * 8))
        }
        for h in all {
          let key = "\(h.after ?? -1)/\(h.offset)/\(h.bits)"
          if holes[key] == nil {
            holes[key] = (h.after, h.offset, h.bits, [])
            order.append(key)
          }
          holes[key]?.abis.append(abi.rawValue)
        }
      }
      for key in order {
        guard let h = holes[key] else { continue }
        let size = h.bits % 8 == 0 ? "\(h.bits / 8)-byte" : "\(h.bits)-bit"
        let on = h.abis.count == c.units.count ? "on every ABI" : "on " + h.abis.joined(separator: ", ")
        if let after = h.after, let f = fields.first(where: { $0.layoutIndex == after }) {
          out.append(
            c.finding(
              rule, "\(size) implicit hole after '\(c.fieldName(f))' at offset \(h.offset) \(on); add an explicit pad member",
              field: f, evidence: ["offset \(h.offset), \(h.bits) bits: " + h.abis.joined(separator: ", ")]))
        } else {
          let last = fields.last { $0.depth == 1 }
          let message = "\(size) implicit tail padding at offset \(h.offset) of '\(c.name(ofRecord: r))' \(on); add an explicit pad member"
          if let last {
            out.append(c.finding(rule, message, field: last, evidence: ["offset \(h.offset): " + h.abis.joined(separator: ", ")]))
          } else {
            out.append(c.finding(rule, message, at: c.primary.records[r].location))
          }
        }
      }
    }
    return out
  }
}
