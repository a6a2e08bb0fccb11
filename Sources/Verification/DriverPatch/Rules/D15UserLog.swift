/// D15: a failure userspace can provoke at will must not write to the kernel log at error level,
/// or userspace can flood the log.
///
/// Matches an added error-level log call (`dev_err`, `pr_err`, `drm_err`, `DRM_ERROR`, and their
/// `_ratelimited`/`_once` forms: rate limiting still logs at error level) that sits in a braced
/// block which, after the call, returns or sets a validation error code (`-EINVAL`, `-EPERM`,
/// `-EFAULT`, `-ERANGE`, `-EBUSY`, …).
/// Accepted as correct: `dev_dbg`/`pr_debug` (ratelimited or not) on validation failures, and
/// `dev_err` on failures that are not validation (`-ENOMEM`, `-EIO`, a propagated `rc`).
enum UserLogRule: DriverPatchRule {
  static let rule = DriverRule.d15
  static let loggers: Set<String> = [
    "dev_err", "dev_err_ratelimited", "dev_err_once", "pr_err", "pr_err_ratelimited", "pr_err_once", "drm_err",
    "drm_err_ratelimited", "DRM_ERROR", "DRM_DEV_ERROR",
  ]

  static func check(_ patch: CPatch) -> [Hit] {
    var hits: [Hit] = []
    for file in patch.cFiles {
      for hunk in file.hunks {
        for call in hunk.calls(loggers) where hunk.isAdded(call) {
          // In a braced block: the token before the statement is `{` or ends a statement.
          guard let before = hunk.text(call - 1), [";", "{", "}"].contains(before) else { continue }
          var depth = 0
          var end = call
          while end < hunk.tokens.count {
            let t = hunk.tokens[end].text
            if t == "{" { depth += 1 } else if t == "}" {
              if depth == 0 { break }
              depth -= 1
            }
            end += 1
          }
          let after = min(hunk.statementEnd(call) + 1, end)..<end
          guard let errno = hunk.validationErrno(in: after) else { continue }
          let name = hunk.tokens[call].text
          let quiet = name.hasPrefix("pr_") ? "pr_debug" : name.hasPrefix("dev_") ? "dev_dbg" : "drm_dbg"
          hits.append(
            hunk.hit(
              call,
              "\(name) on a validation failure (-\(hunk.tokens[errno].text)) lets userspace flood the kernel log; log it with \(quiet) instead"
            ))
        }
      }
    }
    return hits
  }
}
