import Diagnostics
import UAPIModel

/// L3: every member's offset is a multiple of its natural alignment on every ABI: the scalar
/// size, the element size of an array, or the record's x86_64 alignment. Plain 64-bit scalars
/// are L5's; bitfields and flexible arrays are skipped.
enum NaturalAlignmentRule: HeaderCheck {
  static let rule = RuleCatalogue.l3

  /// The natural alignment of a field from the x86_64 layout, or nil when it cannot be known.
  static func natural(_ f: Field, _ c: HeaderContext) -> Int? {
    guard f.member.bitWidth == nil else { return nil }
    let facts = c.facts(f.member.type)
    if case .record(let inner) = facts.base {
      return c.primary.layouts[inner]?.alignment
    }
    guard let layout = c.layout(f.top, in: c.primary), f.layoutIndex < layout.members.count else { return nil }
    let m = layout.members[f.layoutIndex]
    guard !m.isFlexibleArray, !facts.isFlexible else { return nil }
    let count = facts.arrayCounts.reduce(1) { $0 * ($1 ?? 1) }
    guard count > 0, m.size > 0 else { return nil }
    let element = m.size / count
    return element > 0 && element & (element - 1) == 0 ? min(element, 16) : nil
  }

  static func check(_ c: HeaderContext) -> [RuleFinding] {
    var out: [RuleFinding] = []
    for f in c.fields where !c.isPlain64(f) {
      guard let align = natural(f, c), align > 1 else { continue }
      let bad = c.misaligned(f, to: align)
      guard !bad.isEmpty else { continue }
      out.append(
        c.finding(
          rule, "'\(c.fieldName(f))' is not at a multiple of its natural alignment \(align) (\(bad.joined(separator: ", ")))",
          field: f, evidence: bad))
    }
    return out
  }
}
