import Diagnostics
import MailSeries

/// P1: a patch that changes include/uapi/ without kernel code in the same patch. Reported at the
/// first uAPI file's `diff --git` line; the evidence names the patches of the series that do
/// carry kernel code (none is a stronger message).
enum UAPIWithCodeRule: SeriesCheck {
  static let rule = RuleCatalogue.p1

  static func check(_ s: SeriesContext) -> [RuleFinding] {
    var out: [RuleFinding] = []
    let withCode = s.version.patches.filter { $0.files.contains { SeriesContext.isKernelCode($0.path) } }
    for patch in s.version.patches {
      guard let uapi = patch.files.first(where: { SeriesContext.isUAPI($0.path) }),
        !patch.files.contains(where: { SeriesContext.isKernelCode($0.path) })
      else { continue }
      let others = withCode.map { "patch \(s.label($0)) changes \($0.files.filter { SeriesContext.isKernelCode($0.path) }.map(\.path).joined(separator: ", "))" }
      let message = withCode.isEmpty
        ? "'\(uapi.path)' changes uAPI but no patch of the series carries kernel code that uses it"
        : "'\(uapi.path)' changes uAPI in a patch without the kernel code that uses it (the code is in another patch)"
      out.append(
        s.finding(
          rule, message, mail: patch, line: s.mailLine(patch, patchLine: uapi.line),
          excerpt: uapi.rawHeader.first.map(SeriesContext.strippedExcerpt), evidence: others))
    }
    return out
  }
}
