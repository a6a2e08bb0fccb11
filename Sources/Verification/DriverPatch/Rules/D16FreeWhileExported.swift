/// D16: memory a dma-buf exports must not be freed or unmapped through the driver's own uAPI
/// while the buffer lives; an export count checked by FREE/UNMAP enforces it.
///
/// Applies when the patch adds a `dma_buf_export()` call for memory looked up from a
/// user handle (`idr_find`, `xa_load`, `idr_get_next` in the C files of the patch). Matches: no
/// export counter at all (an identifier containing `export` and `cnt`/`count`/`ref` that is
/// incremented: `++`, `+=`, `atomic_inc`, `refcount_inc`, `kref_get`), reported at
/// `dma_buf_export()`; a counter that no added `if` condition ever tests, reported where it is
/// incremented.
/// Accepted as correct: the FREE path testing the counter (`if (pack->exporting_cnt) return
/// -EINVAL;`), as habanalabs does.
enum FreeWhileExportedRule: DriverPatchRule {
  static let rule = DriverRule.d16

  static func check(_ patch: CPatch) -> [Hit] {
    let files = patch.cFiles
    let exports = files.flatMap { f in f.calls(["dma_buf_export"]).map { (f, $0.hunk, $0.token) } }.filter {
      $0.0.hunks[$0.1].isAdded($0.2)
    }
    guard !exports.isEmpty, files.contains(where: { !$0.calls(["idr_find", "xa_load", "idr_get_next"]).isEmpty }) else { return [] }
    var counters: [(name: String, hunk: CHunk, token: Int)] = []
    var tested = Set<String>()
    for file in files {
      for hunk in file.hunks {
        for i in hunk.tokens.indices where hunk.tokens[i].isIdentifier && isCounterName(hunk.tokens[i].text) {
          let name = hunk.tokens[i].text
          let incremented =
            hunk.text(i + 1) == "++" || hunk.text(i - 1) == "++" || hunk.text(i + 1) == "+="
            || (hunk.statementStart(i)..<i).contains { hunk.isCall($0, ["atomic_inc", "refcount_inc", "kref_get", "atomic64_inc"]) }
          if incremented, hunk.isAdded(i) { counters.append((name, hunk, i)) }
        }
        for i in hunk.tokens.indices where hunk.isAdded(i) && ["if", "while"].contains(hunk.tokens[i].text) && hunk.text(i + 1) == "(" {
          guard let close = hunk.close(of: i + 1) else { continue }
          for k in (i + 2)..<close where hunk.tokens[k].isIdentifier && isCounterName(hunk.tokens[k].text) {
            tested.insert(hunk.tokens[k].text)
          }
        }
      }
    }
    if counters.isEmpty {
      return exports.map { file, h, call in
        file.hunks[h].hit(
          call,
          "memory found by a user handle is exported, but nothing counts the export; keep an export count and make FREE/UNMAP of that memory fail (-EBUSY/-EINVAL) while it is non-zero"
        )
      }
    }
    return counters.filter { !tested.contains($0.name) }.map { c in
      c.hunk.hit(
        c.token,
        "\(c.name) counts exports but no FREE/UNMAP path tests it; refuse to free the memory while \(c.name) is non-zero")
    }
  }

  static func isCounterName(_ n: String) -> Bool {
    let l = n.lowercased()
    return l.contains("export") && (l.contains("cnt") || l.contains("count") || l.contains("ref"))
  }
}
