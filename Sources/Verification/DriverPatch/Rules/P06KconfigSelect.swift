/// P6: a driver that exports or imports dma-bufs selects `DMA_SHARED_BUFFER` in its Kconfig
/// entry, so the core is built whenever the driver is.
///
/// Applies when the patch adds dma-buf use to a C file (`dma_buf_export`, `dma_buf_fd`,
/// `dma_buf_attach`, `dma_buf_dynamic_attach`, `dma_buf_get`, `dma_buf_map_attachment*`,
/// `DEFINE_DMA_BUF_EXPORT_INFO`, or `#include <linux/dma-buf.h>`) and touches a Kconfig file.
/// Matches: an added `depends on … DMA_SHARED_BUFFER` (a user-invisible symbol must be
/// selected, not depended on); an added `config` entry whose lines in the hunk never
/// `select DMA_SHARED_BUFFER`; reported at that line.
/// Accepted as correct: `select DMA_SHARED_BUFFER` on an added or context line of the hunk. A
/// Kconfig hunk that edits an existing entry without showing its selects is not judged, nor is a
/// patch that leaves Kconfig alone (the select may already be there).
enum KconfigSelectRule: DriverPatchRule {
  static let rule = DriverRule.p6
  static let dmaBufCalls: Set<String> = [
    "dma_buf_export", "dma_buf_fd", "dma_buf_attach", "dma_buf_dynamic_attach", "dma_buf_get", "dma_buf_map_attachment",
    "dma_buf_map_attachment_unlocked", "DEFINE_DMA_BUF_EXPORT_INFO",
  ]

  static func check(_ patch: CPatch) -> [Hit] {
    let usesDMABuf = patch.cFiles.contains { file in
      file.hunks.contains { hunk in
        hunk.tokens.indices.contains { i in
          hunk.isAdded(i) && (dmaBufCalls.contains(hunk.tokens[i].text) || (hunk.tokens[i].text == "dma" && hunk.text(i + 2) == "buf"
            && hunk.lines[hunk.tokens[i].line].isDirective))
        }
      }
    }
    guard usesDMABuf else { return [] }
    var hits: [Hit] = []
    for file in patch.files where file.kind == .kconfig {
      for hunk in file.hunks {
        let words = hunk.lines.map { $0.text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init) }
        if words.contains(where: { $0.first == "select" && $0.dropFirst().first == "DMA_SHARED_BUFFER" }) { continue }
        for (l, w) in words.enumerated() where hunk.lines[l].isAdded {
          if w.first == "depends", w.contains(where: { $0.contains("DMA_SHARED_BUFFER") }) {
            let offset = hunk.lines[l].text.utf8.count - (hunk.lines[l].text.drop { $0 == " " || $0 == "\t" }.utf8.count)
            hits.append(
              hunk.hit(
                line: l, offset: offset,
                "DMA_SHARED_BUFFER is not user-visible, so depending on it can leave the driver unbuildable; select DMA_SHARED_BUFFER instead"
              ))
          } else if w.first == "config" || w.first == "menuconfig" {
            hits.append(
              hunk.hit(
                line: l,
                "the driver uses dma-buf but its Kconfig entry does not select DMA_SHARED_BUFFER; add `select DMA_SHARED_BUFFER`"))
          }
        }
      }
    }
    return hits
  }
}
