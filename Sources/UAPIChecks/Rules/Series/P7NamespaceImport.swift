import Diagnostics
import MailSeries

/// P7: a patch that adds dma-buf calls to a .c file comes with `MODULE_IMPORT_NS(DMA_BUF)` (or
/// the quoted form) somewhere in the series' diffs, added or as context. Reported at the first
/// such call of each patch.
enum NamespaceImportRule: SeriesCheck {
  static let rule = RuleCatalogue.p7

  static func check(_ s: SeriesContext) -> [RuleFinding] {
    let imported = s.version.patches.contains { patch in
      patch.files.contains { file in
        file.hunks.contains { hunk in
          hunk.lines.contains { $0.kind != .removed && $0.text.contains("MODULE_IMPORT_NS") && $0.text.contains(Patterns.namespaceImport) }
        }
      }
    }
    guard !imported else { return [] }
    var out: [RuleFinding] = []
    for patch in s.version.patches {
      guard let use = s.addedLines(patch).first(where: { $0.file.path.hasSuffix(".c") && SeriesContext.dmaBufCall($0.line) != nil }),
        let call = SeriesContext.dmaBufCall(use.line)
      else { continue }
      out.append(
        s.finding(
          rule, "\(use.file.path) calls \(call.name)() but the series never adds MODULE_IMPORT_NS(DMA_BUF)", mail: patch,
          line: use.mailLine, column: call.column, excerpt: SeriesContext.strippedExcerpt(use.line.raw)))
    }
    return out
  }
}
