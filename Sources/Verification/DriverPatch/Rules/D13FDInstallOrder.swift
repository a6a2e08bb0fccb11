/// D13: once `dma_buf_fd()` (or `fd_install()`) has run, another thread can close the fd and
/// release the buffer, so nothing after it may touch the dma-buf or its private data.
///
/// Tracks, in the function that installs the fd: the variable the dma-buf expression starts
/// from (`hl_dmabuf` in `dma_buf_fd(hl_dmabuf->dmabuf, flags)`), the variable assigned from
/// `dma_buf_export()`, and what `exp_info.priv` is set to. Matches each later statement on the
/// success path that dereferences one of them (`x->`, `x.`) or passes it to a call.
/// Skipped: the `if` that tests the fd result (its error branch), everything after the first goto
/// label, and everything after a `return`.
/// Accepted as correct: all setup (`priv->ctx`, `get_file()`, context references, counters)
/// done before `dma_buf_fd()`, or `get_unused_fd_flags()` early and `fd_install()` as the last
/// step.
enum FDInstallOrderRule: DriverPatchRule {
  static let rule = DriverRule.d13

  static func check(_ patch: CPatch) -> [Hit] {
    var hits: [Hit] = []
    for file in patch.cFiles {
      for hunk in file.hunks {
        for call in hunk.calls(["dma_buf_fd", "fd_install"]) where hunk.isAdded(call) {
          guard let f = hunk.function(containing: call) else { continue }
          let name = hunk.tokens[call].text
          let a = hunk.args(ofCall: call)
          let objectArg = name == "dma_buf_fd" ? a.first : (a.count > 1 ? a[1] : nil)
          var tracked = Set<String>()
          if let r = objectArg, let root = r.first(where: { hunk.tokens[$0].isIdentifier }) { tracked.insert(hunk.tokens[root].text) }
          for k in f.tokens.lowerBound..<call {
            if hunk.isCall(k, ["dma_buf_export"]), hunk.text(k - 1) == "=", let lhs = rootOfAssignment(hunk, before: k - 1) {
              tracked.insert(lhs)
            }
            if hunk.tokens[k].text == "priv", hunk.text(k - 1) == ".", hunk.text(k + 1) == "=", let v = hunk.tok(k + 2),
              v.isIdentifier, hunk.text(k + 3) == ";"
            {
              tracked.insert(v.text)
            }
          }
          tracked.remove("NULL")
          guard !tracked.isEmpty else { continue }
          // The variable holding the fd, to recognise the error check.
          let stmtStart = hunk.statementStart(call, floor: f.tokens.lowerBound)
          let fdVar = hunk.text(stmtStart + 1) == "=" ? hunk.text(stmtStart) : nil
          var k = hunk.statementEnd(call, limit: f.tokens.upperBound) + 1
          while k < f.tokens.upperBound {
            let t = hunk.tokens[k]
            if hunk.isLabel(t.line) || t.text == "return" { break }
            if t.text == "}" || t.text == "{" || t.text == ";" {
              k += 1
              continue
            }
            if t.text == "if", let fdVar, let close = hunk.close(of: k + 1),
              ((k + 2)..<close).contains(where: { hunk.tokens[$0].text == fdVar })
            {
              k = skipBranch(hunk, after: close, limit: f.tokens.upperBound)
              if hunk.text(k) == "else" { k = skipBranch(hunk, after: k, limit: f.tokens.upperBound) }
              continue
            }
            let end = hunk.statementEnd(k, limit: f.tokens.upperBound)
            if let use = (k..<end).first(where: { isUse(hunk, $0, tracked) }), hunk.isAdded(use) {
              hits.append(
                hunk.hit(
                  use,
                  "\(hunk.tokens[use].text) is used after \(name)() installed the fd; userspace may already have closed it and freed the buffer, so finish all setup before installing the fd"
                ))
            }
            k = end + 1
          }
        }
      }
    }
    return hits
  }

  /// `x` in `x = …`, `x->y = …` or `x.y = …` ending just before token `eq`.
  static func rootOfAssignment(_ hunk: CHunk, before eq: Int) -> String? {
    let start = hunk.statementStart(eq)
    return (start..<eq).first { hunk.tokens[$0].isIdentifier }.map { hunk.tokens[$0].text }
  }

  /// A tracked variable dereferenced or handed to a call (inside the call's parentheses).
  static func isUse(_ hunk: CHunk, _ i: Int, _ tracked: Set<String>) -> Bool {
    let t = hunk.tokens[i]
    guard t.isIdentifier, tracked.contains(t.text), hunk.text(i - 1) != "->", hunk.text(i - 1) != "." else { return false }
    if let next = hunk.text(i + 1), next == "->" || next == "." { return true }
    return hunk.text(i - 1) == "(" || hunk.text(i - 1) == ","
  }

  /// The token after the statement or block that follows token `i` (an `if` head's `)` or `else`).
  static func skipBranch(_ hunk: CHunk, after i: Int, limit: Int) -> Int {
    let next = i + 1
    if hunk.text(next) == "{" { return (hunk.close(of: next) ?? limit - 1) + 1 }
    if hunk.text(next) == "if", let close = hunk.close(of: next + 1) {
      return skipBranch(hunk, after: close, limit: limit)
    }
    return hunk.statementEnd(next, limit: limit) + 1
  }
}
