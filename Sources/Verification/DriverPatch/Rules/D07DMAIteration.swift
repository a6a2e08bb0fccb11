/// D7: code that reads `sg_dma_address()`/`sg_dma_len()` must walk the `nents` DMA entries.
///
/// Matches an added `for_each_sgtable_sg(…)`, `for_each_sgtable_page(…)` or
/// `for_each_sg(…, …orig_nents…, …)` loop whose body (the braces, or the one statement, as far
/// as the hunk shows it) reads `sg_dma_address` or `sg_dma_len`.
/// Accepted as correct: `for_each_sgtable_dma_sg()`, `for_each_sg()` over `nents`, and CPU-side
/// loops that do not touch the DMA fields.
enum DMAIterationRule: DriverPatchRule {
  static let rule = DriverRule.d7

  static func check(_ patch: CPatch) -> [Hit] {
    var hits: [Hit] = []
    for file in patch.cFiles {
      for hunk in file.hunks {
        for loop in hunk.calls(["for_each_sgtable_sg", "for_each_sg", "for_each_sgtable_page"]) where hunk.isAdded(loop) {
          let name = hunk.tokens[loop].text
          if name == "for_each_sg", !hunk.args(ofCall: loop).flatMap({ $0 }).contains(where: { hunk.tokens[$0].text == "orig_nents" }) {
            continue
          }
          guard let head = hunk.close(of: loop + 1) else { continue }
          let body: Range<Int>
          if hunk.text(head + 1) == "{" {
            body = (head + 1)..<((hunk.close(of: head + 1) ?? hunk.tokens.count - 1) + 1)
          } else {
            body = (head + 1)..<(hunk.statementEnd(head + 1) + 1)
          }
          guard body.contains(where: { ["sg_dma_address", "sg_dma_len"].contains(hunk.tokens[$0].text) }) else { continue }
          hits.append(
            hunk.hit(
              loop,
              "\(name) walks the CPU entries (orig_nents) but the loop reads sg_dma_address/sg_dma_len; iterate the DMA entries with for_each_sgtable_dma_sg()"
            ))
        }
      }
    }
    return hits
  }
}
