/// D17: an exported buffer keeps its owner (device file, user context) alive, and drops that
/// reference only in `release`.
///
/// Applies to a C file that adds `dma_buf_export()`. Matches: no reference taken in the function
/// that exports, nor in the function that installs the fd (`get_file`, `fget`, `kref_get`,
/// `refcount_inc`, `*_get` other than the dma-buf's own `get_dma_buf`), reported at
/// `dma_buf_export()`; a `release` callback, shown from header to closing brace in the patch,
/// that puts no reference (`fput`, `kref_put`, `refcount_dec*`, `*_put` other than
/// `dma_buf_put`), reported at its name.
/// Accepted as correct: `hl_ctx_get()` or `get_file()` on export and the matching put in release.
enum OwnerReferenceRule: DriverPatchRule {
  static let rule = DriverRule.d17

  static func check(_ patch: CPatch) -> [Hit] {
    var hits: [Hit] = []
    for file in patch.cFiles {
      for (h, call) in file.calls(["dma_buf_export"]) where file.hunks[h].isAdded(call) {
        let hunk = file.hunks[h]
        guard let f = hunk.function(containing: call) else { continue }
        var scope = Array(f.tokens)
        // The fd is often installed by a caller or sibling; look there too.
        for (h2, c2) in file.calls(["dma_buf_fd", "fd_install"]) where h2 == h {
          if let g = hunk.function(containing: c2) { scope += Array(g.tokens) }
        }
        if !scope.contains(where: { hunk.isCall($0) && isGet(hunk.tokens[$0].text) }) {
          hits.append(
            hunk.hit(
              call,
              "the exported buffer takes no reference on its owner; take one (get_file() on the device file, or the context's get) before exporting and drop it in release"
            ))
        }
      }
      for ops in file.dmaBufOps() {
        guard let release = ops.callback("release", in: file) else { continue }
        for hunk in file.hunks {
          guard let f = hunk.function(named: release), f.headerVisible, let open = f.bodyOpen, hunk.isAdded(open),
            let end = hunk.close(of: open)
          else { continue }
          if !(open..<end).contains(where: { hunk.isCall($0) && isPut(hunk.tokens[$0].text) }) {
            hits.append(
              hunk.hit(
                hunk.nameToken(of: f) ?? open,
                "\(release) drops no owner reference; the buffer must hold a reference on its owner from export until release, and put it here"
              ))
          }
        }
      }
    }
    return hits
  }

  static func isGet(_ n: String) -> Bool {
    n == "get_file" || n == "fget" || n == "kref_get" || n.hasPrefix("refcount_inc") || (n.hasSuffix("_get") && n != "dma_buf_get")
  }

  static func isPut(_ n: String) -> Bool {
    n == "fput" || n == "kref_put" || n.hasPrefix("refcount_dec") || (n.hasSuffix("_put") && n != "dma_buf_put")
  }
}
