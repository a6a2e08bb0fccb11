import Diagnostics

/// I6: the magic fits 8 bits and (type, nr) is unique among the header's commands; the later
/// duplicate is reported. Registration in ioctl-number.rst is not checked.
enum MagicRule: HeaderCheck {
  static let rule = RuleCatalogue.i6

  static func check(_ c: HeaderContext) -> [RuleFinding] {
    var out: [RuleFinding] = []
    var seen: [String: String] = [:]
    for m in c.primary.macros {
      guard let io = m.ioctl else { continue }
      if io.type > 0xff {
        out.append(c.finding(rule, "'\(m.name)' has magic 0x\(String(io.type, radix: 16)), wider than 8 bits", at: m.location))
      }
      if io.nr > 0xff {
        out.append(c.finding(rule, "'\(m.name)' has number 0x\(String(io.nr, radix: 16)), wider than 8 bits", at: m.location))
      }
      let key = "\(io.type)/\(io.nr)"
      if let first = seen[key] {
        out.append(
          c.finding(
            rule, "'\(m.name)' reuses type 0x\(String(io.type, radix: 16)) nr 0x\(String(io.nr, radix: 16)) of '\(first)'",
            at: m.location))
      } else {
        seen[key] = m.name
      }
    }
    return out
  }
}
