/// D9: an exporter of device (BAR) memory computes P2P reachability for each attachment and
/// refuses to map when the importer cannot reach it.
///
/// Applies to a file that adds a full `dma_buf_ops` initializer and exports device memory (it
/// calls `dma_map_resource()`, or `sg_set_page(sg, NULL, …)`, or reads `pci_resource_start()`).
/// Matches: no `pci_p2pdma_distance*()` anywhere in the file's hunks (reported at the ops); no
/// `.attach` callback at all; a map callback, shown in the patch, that never reads `peer2peer`.
/// Accepted as correct: `attach` calling `pci_p2pdma_distance(_many)()` and clearing
/// `attach->peer2peer` (or failing), and map returning an error when `peer2peer` is false.
enum PeerToPeerRule: DriverPatchRule {
  static let rule = DriverRule.d9

  static func check(_ patch: CPatch) -> [Hit] {
    var hits: [Hit] = []
    for file in patch.cFiles {
      let device =
        !file.calls(["dma_map_resource", "pci_resource_start"]).isEmpty
        || file.calls(["sg_set_page"]).contains { h, c in
          let a = file.hunks[h].args(ofCall: c)
          return a.count > 1 && file.hunks[h].joined(a[1]) == "NULL"
        }
      guard device else { continue }
      for ops in file.dmaBufOps() where file.hunks[ops.hunk].isAdded(ops.name) {
        let hunk = file.hunks[ops.hunk]
        if file.calls(["pci_p2pdma_distance", "pci_p2pdma_distance_many"]).isEmpty {
          hits.append(
            hunk.hit(
              ops.name,
              "device memory is exported without a P2P reachability check; call pci_p2pdma_distance() in .attach and clear attach->peer2peer (or fail) when the importer cannot reach the BAR"
            ))
        }
        if ops.members["attach"] == nil {
          hits.append(
            hunk.hit(
              ops.name,
              "dma_buf_ops has no .attach, so an importer that cannot reach the device memory is never refused; check reachability in attach"))
        }
        if let map = ops.callback("map_dma_buf", in: file) {
          for h in file.hunks {
            guard let f = h.function(named: map), f.headerVisible, let open = f.bodyOpen,
              let end = h.close(of: open), h.isAdded(open)
            else { continue }
            if !(open..<end).contains(where: { h.tokens[$0].text == "peer2peer" }) {
              hits.append(
                h.hit(
                  h.nameToken(of: f) ?? open,
                  "\(map) maps without looking at attach->peer2peer; return -EPERM when the attachment is not P2P capable"))
            }
          }
        }
      }
    }
    return hits
  }
}
