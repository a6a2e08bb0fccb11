import Diagnostics

/// I5: the encoded argument size is at most 8191 bytes on every ABI (13 size bits on powerpc,
/// mips, alpha and sparc; 16383 is the generic limit).
enum ArgumentSizeRule: HeaderCheck {
  static let rule = RuleCatalogue.i5

  static func check(_ c: HeaderContext) -> [RuleFinding] {
    c.primary.macros.compactMap { m in
      guard m.ioctl != nil else { return nil }
      let sizes = c.units.compactMap { u in
        u.macros.first { $0.name == m.name }?.ioctl.map { (u.abi.rawValue, $0.size) }
      }
      let big = sizes.filter { $0.1 > 8191 }
      guard let largest = big.map(\.1).max() else { return nil }
      let limit = largest > 16383 ? "above 16383, too big for any encoding" : "above 8191, too big for 13-bit encodings"
      return c.finding(
        rule, "'\(m.name)' encodes a \(largest)-byte argument, \(limit)", at: m.location,
        evidence: big.map { "\($0.0): \($0.1) bytes" })
    }
  }
}
