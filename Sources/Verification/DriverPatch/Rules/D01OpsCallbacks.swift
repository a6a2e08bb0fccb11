/// D1: `dma_buf_export()` warns and fails without `map_dma_buf`, `unmap_dma_buf` and `release`,
/// with `exp_info.priv` NULL, and with only one of `pin`/`unpin`.
///
/// Matches an added `struct dma_buf_ops NAME = { … }` whose closing brace the hunk shows, and a
/// `DEFINE_DMA_BUF_EXPORT_INFO(x)` in an added function whose end is visible.
/// Accepted as correct: all three callbacks present, `pin` and `unpin` both or neither, and
/// `x.priv = <something other than NULL>` in the same function.
enum OpsCallbacksRule: DriverPatchRule {
  static let rule = DriverRule.d1

  static func check(_ patch: CPatch) -> [Hit] {
    var hits: [Hit] = []
    for file in patch.cFiles {
      for ops in file.dmaBufOps() where file.hunks[ops.hunk].isAdded(ops.name) {
        let hunk = file.hunks[ops.hunk]
        let missing = ["map_dma_buf", "unmap_dma_buf", "release"].filter { ops.members[$0] == nil }
        if !missing.isEmpty {
          hits.append(
            hunk.hit(
              ops.name,
              "dma_buf_ops has no \(missing.map { "." + $0 }.joined(separator: ", ")); dma_buf_export() refuses such ops, so provide every one of map_dma_buf, unmap_dma_buf and release"
            ))
        }
        let pin = ops.members["pin"] != nil
        let unpin = ops.members["unpin"] != nil
        if pin != unpin {
          hits.append(
            hunk.hit(
              ops.members[pin ? "pin" : "unpin"] ?? ops.name,
              "dma_buf_ops sets .\(pin ? "pin" : "unpin") without .\(pin ? "unpin" : "pin"); provide both callbacks or neither"))
        }
      }
      for hunk in file.hunks {
        for call in hunk.calls(["DEFINE_DMA_BUF_EXPORT_INFO"]) where hunk.isAdded(call) {
          guard let arg = hunk.args(ofCall: call).first, arg.count == 1, let name = hunk.text(arg.lowerBound),
            let f = hunk.function(containing: call), f.lines.upperBound < hunk.lines.count,
            hunk.lines[f.lines.upperBound].text.hasPrefix("}")
          else { continue }
          let assignments = f.tokens.filter {
            hunk.tokens[$0].text == name && hunk.text($0 + 1) == "." && hunk.text($0 + 2) == "priv" && hunk.text($0 + 3) == "="
          }
          if assignments.isEmpty {
            hits.append(
              hunk.hit(
                call, "\(name).priv is never set; dma_buf_export() rejects a NULL priv, so point it at the exporter's private object"))
          } else if let a = assignments.first(where: { hunk.text($0 + 4) == "NULL" }) {
            hits.append(hunk.hit(a, "\(name).priv is set to NULL; dma_buf_export() rejects that, so point it at the exporter's private object"))
          }
        }
      }
    }
    return hits
  }
}
