/// D4: `map_dma_buf` hands the caller a new `sg_table` on every call; it must not keep one in a
/// static or in a long-lived object and return it again.
///
/// Matches, on added lines: a `static struct sg_table` object or pointer (not a function); and in
/// the map callback (named by `.map_dma_buf = …` in the file, or a function taking a
/// `struct dma_buf_attachment *` and returning `struct sg_table *`) a `return a->b;` of a member,
/// or a store of the table into a member whose name contains `sg`.
/// Accepted as correct: returning a local table just allocated (or `ERR_PTR(…)`).
enum CachedTableRule: DriverPatchRule {
  static let rule = DriverRule.d4

  static func check(_ patch: CPatch) -> [Hit] {
    var hits: [Hit] = []
    for file in patch.cFiles {
      let mapNames = Set(file.dmaBufOps().compactMap { $0.callback("map_dma_buf", in: file) })
      for hunk in file.hunks {
        for i in hunk.tokens.indices where hunk.isAdded(i) && hunk.tokens[i].text == "static" {
          guard hunk.text(i + 1) == "struct", hunk.text(i + 2) == "sg_table" else { continue }
          var k = i + 3
          while hunk.text(k) == "*" { k += 1 }
          guard hunk.tok(k)?.isIdentifier == true, let next = hunk.text(k + 1), [";", "=", "["].contains(next) else { continue }
          hits.append(
            hunk.hit(
              i,
              "a static sg_table is shared by every mapping; map_dma_buf must allocate and return a new table per call, owned by the caller"
            ))
        }
        for f in hunk.functions where isMapCallback(f, in: hunk, names: mapNames) {
          for i in f.tokens where hunk.isAdded(i) {
            if hunk.tokens[i].text == "return" {
              let end = hunk.statementEnd(i + 1, limit: f.tokens.upperBound)
              let expr = (i + 1)..<end
              guard !expr.isEmpty, !hunk.isCall(i + 1),
                expr.contains(where: { hunk.tokens[$0].text == "->" || hunk.tokens[$0].text == "." })
              else { continue }
              hits.append(
                hunk.hit(
                  i + 1,
                  "map_dma_buf returns a table kept in a longer-lived object; build a new sg_table for each call and let unmap_dma_buf free it"
                ))
            } else if hunk.tokens[i].text == "->" || hunk.tokens[i].text == ".",
              let member = hunk.text(i + 1), member.contains("sg"), hunk.text(i + 2) == "=",
              hunk.tok(i + 3)?.isIdentifier == true, hunk.text(i + 4) == ";"
            {
              hits.append(
                hunk.hit(
                  i + 1,
                  "map_dma_buf stores its table in a longer-lived object; the table belongs to the caller, so do not cache it or hand it out twice"
                ))
            }
          }
        }
      }
    }
    return hits
  }

  static func isMapCallback(_ f: CFunction, in hunk: CHunk, names: Set<String>) -> Bool {
    if let n = f.name, names.contains(n) { return true }
    guard f.headerVisible, let open = f.bodyOpen else { return false }
    let header = hunk.joined(hunk.lines[f.lines.lowerBound].tokens.lowerBound..<open)
    return header.contains("structsg_table*") && header.contains("structdma_buf_attachment*")
  }
}
