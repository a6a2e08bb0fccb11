/// D6: the segments of an exported table follow the importer's `dma_get_max_seg_size()`; a
/// hard-wired chunk limit is wrong for some importer.
///
/// Only files that build a DMA table (`sg_alloc_table*`, `sg_set_page`, `sg_set_buf`, or an
/// assignment to `sg_dma_len()`) are looked at. Matches on added lines: a `#define` of a name with
/// `SEG` or `CHUNK` in it to a constant (a number or `SZ_*`); a `min`/`min_t`/`clamp` whose
/// arguments hold such a name, an `SZ_*` constant or a number of 4096 or more, in a statement
/// that does not ask `dma_get_max_seg_size()`.
/// Accepted as correct: a limit computed from `dma_get_max_seg_size(attach->dev)` (also when
/// rounded, e.g. `ALIGN_DOWN(…, PAGE_SIZE)`), and constants in files that build no table.
enum SegmentLimitRule: DriverPatchRule {
  static let rule = DriverRule.d6
  static let builders: Set<String> = ["sg_alloc_table", "sg_alloc_table_from_pages", "sg_set_page", "sg_set_buf", "sg_dma_len"]
  static let clamps: Set<String> = ["min", "min_t", "min3", "clamp", "clamp_t", "clamp_val"]

  static func check(_ patch: CPatch) -> [Hit] {
    var hits: [Hit] = []
    for file in patch.cFiles where !file.calls(builders).isEmpty {
      var limitNames = Set<String>()
      for hunk in file.hunks {
        for l in hunk.lines.indices where hunk.lines[l].isAdded && hunk.lines[l].isDirective {
          let t = hunk.lines[l].tokens
          guard t.count >= 4, hunk.text(t.lowerBound + 1) == "define", let name = hunk.text(t.lowerBound + 2),
            name.uppercased().contains("SEG") || name.uppercased().contains("CHUNK"), isConstant(hunk, t.lowerBound + 3)
          else { continue }
          limitNames.insert(name)
          hits.append(
            hunk.hit(
              t.lowerBound + 2,
              "\(name) hard-codes a DMA segment limit; size the segments from dma_get_max_seg_size() of the importing device instead"
            ))
        }
      }
      for hunk in file.hunks {
        for call in hunk.calls(clamps) where hunk.isAdded(call) {
          let stmt = hunk.statementStart(call)..<hunk.statementEnd(call)
          if stmt.contains(where: { hunk.tokens[$0].text == "dma_get_max_seg_size" }) { continue }
          let inner = hunk.args(ofCall: call).flatMap { $0 }
          guard let c = inner.first(where: { limitNames.contains(hunk.tokens[$0].text) || isConstant(hunk, $0) }) else { continue }
          hits.append(
            hunk.hit(
              c,
              "segment length capped by the constant \(hunk.tokens[c].text); cap it with dma_get_max_seg_size() of the importing device instead"
            ))
        }
      }
    }
    return hits
  }

  /// `SZ_*`, or a number of at least 4096 (a page or more: a size, not a count).
  static func isConstant(_ hunk: CHunk, _ i: Int) -> Bool {
    guard let t = hunk.tok(i) else { return false }
    if t.isIdentifier { return t.text.hasPrefix("SZ_") }
    guard t.kind == .number else { return false }
    let digits = t.text.lowercased().trimmingSuffix { "ul".contains($0) }
    let value = digits.hasPrefix("0x") ? UInt64(digits.dropFirst(2), radix: 16) : UInt64(digits)
    return (value ?? 0) >= 4096
  }
}

extension String {
  func trimmingSuffix(while predicate: (Character) -> Bool) -> String {
    var s = self
    while let l = s.last, predicate(l) { s.removeLast() }
    return s
  }
}
