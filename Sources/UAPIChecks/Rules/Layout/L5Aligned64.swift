import Diagnostics
import UAPIModel

/// L5: a plain `__u64`/`__s64` member (not `__aligned_u64`) sits at a multiple of 8 on every ABI;
/// i386 would otherwise place it at a multiple of 4.
enum Aligned64Rule: HeaderCheck {
  static let rule = RuleCatalogue.l5

  static func check(_ c: HeaderContext) -> [RuleFinding] {
    var out: [RuleFinding] = []
    for f in c.fields where c.isPlain64(f) && f.member.bitWidth == nil {
      let bad = c.misaligned(f, to: 8)
      guard !bad.isEmpty else { continue }
      out.append(
        c.finding(
          rule, "64-bit '\(c.fieldName(f))' is not 8-aligned (\(bad.joined(separator: ", "))); pad before it or use __aligned_u64",
          field: f, evidence: bad))
    }
    return out
  }
}
