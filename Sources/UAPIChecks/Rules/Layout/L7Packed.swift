import Diagnostics
import UAPIModel

/// L7: no `packed` records or members and no `#pragma pack` around a record.
enum PackedRule: HeaderCheck {
  static let rule = RuleCatalogue.l7

  static func check(_ c: HeaderContext) -> [RuleFinding] {
    var out: [RuleFinding] = []
    for r in c.primary.records.indices where c.primary.isMain(c.primary.records[r].location) && c.primary.records[r].isComplete {
      let rec = c.primary.records[r]
      if rec.attributes.packed {
        out.append(c.finding(rule, "'\(c.name(ofRecord: r))' is packed", at: rec.location))
      } else if let limit = rec.packLimit {
        out.append(c.finding(rule, "'\(c.name(ofRecord: r))' is defined under #pragma pack(\(limit))", at: rec.location))
      }
    }
    for f in c.fields where f.member.attributes.packed {
      out.append(c.finding(rule, "member '\(c.fieldName(f))' is packed", field: f))
    }
    return out
  }
}
