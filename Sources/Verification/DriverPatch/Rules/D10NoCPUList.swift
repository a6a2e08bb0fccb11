/// D10: a table without a CPU-side list says so: `orig_nents = 0` once the table is built,
/// `orig_nents` restored before `sg_free_table()`, and no CPU-access callbacks.
///
/// Matches on added lines:
/// - `x->orig_nents = 0;` followed, in the same function before its first goto label, by more
///   filling of the table (a `for_each_sg*` loop, `sg_set_page`/`sg_set_buf`, or an assignment to
///   `sg_dma_address()`/`sg_dma_len()`): the zero belongs at the end;
/// - `sg_set_page(sg, NULL, …)` in a file whose hunks never mention `orig_nents`;
/// - `sg_free_table()` in a function shown from its header (and not itself zeroing
///   `orig_nents`, like an unmap callback) in a file that zeroes `orig_nents`, with no
///   `orig_nents = …` restore before it in that function;
/// - `.mmap`, `.vmap` or `.begin_cpu_access` in `dma_buf_ops` of a file with no CPU list.
/// Accepted as correct: zeroing as the last step of a successful build and restoring it first
/// thing before freeing, as the merged habanalabs exporter does.
enum NoCPUListRule: DriverPatchRule {
  static let rule = DriverRule.d10
  static let fills: Set<String> = [
    "for_each_sg", "for_each_sgtable_sg", "for_each_sgtable_dma_sg", "sg_set_page", "sg_set_buf", "sg_dma_address",
    "sg_dma_len",
  ]

  static func check(_ patch: CPatch) -> [Hit] {
    var hits: [Hit] = []
    for file in patch.cFiles {
      var zeroes = false
      for hunk in file.hunks {
        for i in zeroingTokens(hunk) {
          zeroes = true
          guard hunk.isAdded(i), let f = hunk.function(containing: i) else { continue }
          let after = min(hunk.statementEnd(i) + 1, f.tokens.upperBound)..<f.tokens.upperBound
          var k = after.lowerBound
          while k < after.upperBound {
            let t = hunk.tokens[k]
            if hunk.isLabel(t.line) { break }
            if fills.contains(t.text), hunk.isCall(k) {
              let isStore = t.text == "sg_dma_address" || t.text == "sg_dma_len"
              if !isStore || hunk.close(of: k + 1).map({ hunk.text($0 + 1) == "=" }) == true || t.text.hasPrefix("for_each") {
                hits.append(
                  hunk.hit(
                    i,
                    "orig_nents is zeroed before the table is filled (\(t.text) follows); zero it as the last step, once the DMA entries are complete"
                  ))
                break
              }
            }
            k += 1
          }
        }
      }
      let mentionsOrig = file.mentions(["orig_nents"])
      var noCPUList = zeroes
      for (h, call) in file.calls(["sg_set_page"]) {
        let hunk = file.hunks[h]
        let a = hunk.args(ofCall: call)
        guard a.count > 1, hunk.joined(a[1]) == "NULL" else { continue }
        noCPUList = true
        if !mentionsOrig, hunk.isAdded(call) {
          hits.append(
            hunk.hit(
              call,
              "the table has no struct pages but nothing says so; set orig_nents = 0 after building it (restore it before sg_free_table())"
            ))
        }
      }
      if zeroes {
        for hunk in file.hunks {
          for call in hunk.calls(["sg_free_table"]) where hunk.isAdded(call) {
            guard let f = hunk.function(containing: call), f.headerVisible else { continue }
            // A function that zeroes orig_nents itself builds the table; its error paths may run
            // before the zeroing, and goto order is not followed here.
            if zeroingTokens(hunk).contains(where: { f.tokens.contains($0) }) { continue }
            let before = f.tokens.lowerBound..<call
            if before.contains(where: { hunk.tokens[$0].text == "orig_nents" && hunk.text($0 + 1) == "=" && hunk.text($0 + 2) != "0" }) {
              continue
            }
            hits.append(
              hunk.hit(
                call,
                "sg_free_table() walks orig_nents, which this file zeroes; restore orig_nents = nents before freeing the table"))
          }
        }
      }
      guard noCPUList else { continue }
      for ops in file.dmaBufOps() {
        for member in ["mmap", "vmap", "begin_cpu_access"] {
          guard let m = ops.members[member], file.hunks[ops.hunk].isAdded(m) else { continue }
          hits.append(
            file.hunks[ops.hunk].hit(
              m, "the buffer has no CPU-side pages, yet dma_buf_ops offers .\(member); leave CPU access out for such memory"))
        }
      }
    }
    return hits
  }

  /// The `orig_nents` tokens of `… orig_nents = 0;` statements.
  static func zeroingTokens(_ hunk: CHunk) -> [Int] {
    hunk.tokens.indices.filter {
      hunk.tokens[$0].text == "orig_nents" && hunk.text($0 + 1) == "=" && hunk.text($0 + 2) == "0" && hunk.text($0 + 3) == ";"
    }
  }
}
