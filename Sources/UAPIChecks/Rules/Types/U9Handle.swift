import Diagnostics

/// U9: an input handle wider than 32 bits says that its upper bits are zero. Accepted: its own
/// documentation mentions the upper bits or the 32-bit range, or refers (`&rec.member`) to a
/// member whose documentation does. Output members are skipped: the kernel writes them.
enum HandleWidthRule: HeaderCheck {
  static let rule = RuleCatalogue.u9

  static func mentionsUpperBits(_ text: String) -> Bool {
    let t = text.lowercased()
    return t.contains("upper") || t.contains("high bits") || t.contains("32 bits") || t.contains("32-bit")
      || t.contains("u32 range") || t.contains("higher bits")
  }

  static func check(_ c: HeaderContext) -> [RuleFinding] {
    c.fields.compactMap { f in
      guard let name = f.member.name?.lowercased(), name == "handle" || name.hasSuffix("_handle") else { return nil }
      let sizes = c.layouts(f.top).compactMap { f.layoutIndex < $0.layout.members.count ? $0.layout.members[f.layoutIndex].size : nil }
      guard let size = sizes.max(), size > 4, !c.isOutput(f) else { return nil }
      let doc = c.doc(f) ?? ""
      if mentionsUpperBits(doc) { return nil }
      if referenced(in: doc, c).contains(where: { mentionsUpperBits(c.doc($0) ?? "") }) {
        return nil
      }
      return c.finding(
        rule, "handle '\(c.fieldName(f))' is \(size * 8) bits wide but its documentation does not say the upper bits "
          + "must be zero", field: f)
    }
  }

  /// Members named by `&record.member` references in a documentation text.
  static func referenced(in doc: String, _ c: HeaderContext) -> [Field] {
    doc.matches(of: #/&(?:struct |union )?([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_.]*[A-Za-z0-9_])/#).flatMap { m in
      let record = String(m.output.1)
      let path = String(m.output.2)
      return c.fields.filter { c.primary.records[$0.top].tag == record && $0.path == path }
    }
  }
}
