/// D8: memory without `struct page` is mapped for the importing device before its address goes
/// into `sg_dma_address`, and every mapping is undone in `unmap_dma_buf`.
///
/// Matches on added lines: `sg_dma_address(sg) = value;` in a function that calls no DMA mapping
/// helper (`dma_map_*`, `pci_p2pdma_*map*`, `dma_iova_*`), when the function is shown from its
/// header, or, when the hunk starts inside it, when the value names a physical or BAR address
/// (`phys`, `bar`, `pci_resource_start`, `page_to_phys`, `virt_to_phys`); and a
/// `dma_map_resource()` in a file that never calls `dma_unmap_resource()`.
/// Accepted as correct: the result of `dma_map_resource()`/`dma_map_page()`/… stored in the
/// entry, with the matching unmap in the file.
enum RawAddressRule: DriverPatchRule {
  static let rule = DriverRule.d8

  static func check(_ patch: CPatch) -> [Hit] {
    var hits: [Hit] = []
    for file in patch.cFiles {
      for hunk in file.hunks {
        for call in hunk.calls(["sg_dma_address"]) where hunk.isAdded(call) {
          guard let close = hunk.close(of: call + 1), hunk.text(close + 1) == "=" else { continue }
          let value = (close + 2)..<hunk.statementEnd(close + 2)
          let f = hunk.function(containing: call)
          let body = f?.tokens ?? hunk.tokens.indices
          if body.contains(where: { isMapping(hunk.tokens[$0].text) && hunk.isCall($0) }) { continue }
          let raw = value.contains { i in
            let t = hunk.tokens[i].text.lowercased()
            return t.contains("phys") || t.contains("bar") || t == "pci_resource_start"
          }
          guard f?.headerVisible == true || raw else { continue }
          hits.append(
            hunk.hit(
              close + 1,
              "sg_dma_address gets an address that was not mapped for the importing device; map each segment with dma_map_resource() or a P2P mapping helper and unmap it in unmap_dma_buf"
            ))
        }
      }
      if file.calls(["dma_unmap_resource"]).isEmpty {
        for (h, call) in file.calls(["dma_map_resource"]) where file.hunks[h].isAdded(call) {
          hits.append(
            file.hunks[h].hit(
              call,
              "dma_map_resource() has no dma_unmap_resource() in this file; unmap every segment in unmap_dma_buf and on the error path"))
        }
      }
    }
    return hits
  }

  static func isMapping(_ name: String) -> Bool {
    name.hasPrefix("dma_map_") || (name.hasPrefix("pci_p2pdma_") && name.contains("map")) || name.hasPrefix("dma_iova_")
  }
}
