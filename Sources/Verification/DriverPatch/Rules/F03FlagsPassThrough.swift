/// F3: a flags word from userspace that becomes dma-buf file flags is masked or checked against
/// the allowed set first (DRM PRIME rejects `flags & ~(DRM_CLOEXEC | DRM_RDWR)`).
///
/// Matches on added lines the flags handed to `dma_buf_fd(buf, flags)`,
/// `get_unused_fd_flags(flags)`, `anon_inode_getfd(…, flags)` and `exp.flags = flags;` (where
/// `exp` is a `DEFINE_DMA_BUF_EXPORT_INFO` or `struct dma_buf_export_info`), when the expression
/// is a variable or member (`flags`, `args->in.flags`) whose last name is never tested against a
/// complement (`x & ~…`) or assigned a masked value (`x &= …`) on an added line of the patch.
/// Accepted as correct: constants (`O_CLOEXEC | O_RDWR`), a mask in the expression itself
/// (`flags & (O_CLOEXEC | O_ACCMODE)`), or a check such as
/// `if (args->in.flags & ~(O_CLOEXEC | O_RDWR)) return -EINVAL;` anywhere in the patch.
enum FlagsPassThroughRule: DriverPatchRule {
  static let rule = DriverRule.f3

  static func check(_ patch: CPatch) -> [Hit] {
    var checked = Set<String>()
    for file in patch.cFiles {
      for hunk in file.hunks {
        for i in hunk.tokens.indices where hunk.isAdded(i) && hunk.tokens[i].isIdentifier {
          if hunk.text(i + 1) == "&", hunk.text(i + 2) == "~" { checked.insert(hunk.tokens[i].text) }
          if hunk.text(i + 1) == "&=" { checked.insert(hunk.tokens[i].text) }
        }
      }
    }
    var hits: [Hit] = []
    for file in patch.cFiles {
      for hunk in file.hunks {
        var infos = Set<String>()
        for call in hunk.calls(["DEFINE_DMA_BUF_EXPORT_INFO"]) {
          if let a = hunk.args(ofCall: call).first, let n = hunk.text(a.lowerBound) { infos.insert(n) }
        }
        for i in hunk.tokens.indices where hunk.tokens[i].text == "dma_buf_export_info" && hunk.text(i - 1) == "struct" {
          if let n = hunk.tok(i + 1), n.isIdentifier { infos.insert(n.text) }
        }
        var sites: [(Range<Int>, String)] = []
        for call in hunk.calls(["dma_buf_fd", "get_unused_fd_flags", "anon_inode_getfd"]) where hunk.isAdded(call) {
          let a = hunk.args(ofCall: call)
          if let last = a.last, !(hunk.tokens[call].text == "dma_buf_fd" && a.count < 2) {
            sites.append((last, "\(hunk.tokens[call].text)()"))
          }
        }
        for i in hunk.tokens.indices where hunk.isAdded(i) && infos.contains(hunk.tokens[i].text) {
          guard hunk.text(i + 1) == ".", hunk.text(i + 2) == "flags", hunk.text(i + 3) == "=" else { continue }
          sites.append(((i + 4)..<hunk.statementEnd(i + 4), "\(hunk.tokens[i].text).flags"))
        }
        for (expr, sink) in sites {
          guard !expr.isEmpty, expr.allSatisfy({ hunk.tokens[$0].isIdentifier || ["->", "."].contains(hunk.tokens[$0].text) }),
            let last = expr.last.map({ hunk.tokens[$0].text }), !isConstantName(last), !checked.contains(last)
          else { continue }
          let text = hunk.joined(expr)
          hits.append(
            hunk.hit(
              expr.lowerBound,
              "\(text) reaches \(sink) unchecked, so userspace picks any file flags; reject bits outside the allowed set (for example flags & ~(O_CLOEXEC | O_RDWR) → -EINVAL) first"
            ))
        }
      }
    }
    return hits
  }

  /// `O_CLOEXEC`, `DRM_RDWR`: an all-caps name is a constant.
  static func isConstantName(_ n: String) -> Bool { n == n.uppercased() }
}
