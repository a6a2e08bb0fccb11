/// D14: a 64-bit value from userspace is checked for upper bits before it is narrowed, and range
/// checks on user addresses and sizes survive wrap-around.
///
/// Matches on added lines:
/// - `x = lower_32_bits(v);` (or a `(u32)`/`(int)` cast of `v`) where `v` looks user-supplied
///   (it goes through `args`, `in.`, a `user` name, or is named `handle`), in a function with no
///   `upper_32_bits(v)` test;
/// - an `if` condition whose branch returns a validation error (`-EINVAL`, …) and compares `a + b >`/`>=` something, where `a` and `b` are named like
///   addresses or sizes (`addr`, `size`, `offset`, `len`, `start`, `handle`), without the
///   `a + b < a` wrap test (or `check_add_overflow`) in the same condition or function.
/// Accepted as correct: `if (upper_32_bits(handle)) return -EINVAL;` before narrowing, and
/// `a + b > end || a + b < a`.
enum HandleNarrowingRule: DriverPatchRule {
  static let rule = DriverRule.d14

  static func check(_ patch: CPatch) -> [Hit] {
    var hits: [Hit] = []
    for file in patch.cFiles {
      for hunk in file.hunks {
        for call in hunk.calls(["lower_32_bits"]) where hunk.isAdded(call) {
          guard hunk.text(call - 1) == "=", let arg = hunk.args(ofCall: call).first else { continue }
          let value = hunk.joined(arg)
          guard isUserValue(value), !hasUpperCheck(hunk, value, near: call) else { continue }
          hits.append(
            hunk.hit(
              call,
              "lower_32_bits(\(value)) drops the upper half of a user-supplied value without a word; reject it with -EINVAL when upper_32_bits(\(value)) is non-zero, then narrow"
            ))
        }
        for i in hunk.tokens.indices where hunk.isAdded(i) && hunk.text(i) == "(" {
          guard let ty = hunk.text(i + 1), ["u32", "int", "__u32", "unsigned"].contains(ty), hunk.text(i + 2) == ")",
            hunk.text(i - 1).map({ $0 == "=" || $0 == "(" || $0 == "," }) == true
          else { continue }
          let end = hunk.statementEnd(i + 3)
          var k = i + 3
          while k < end, hunk.tok(k)?.isIdentifier == true || hunk.text(k) == "->" || hunk.text(k) == "." { k += 1 }
          let value = hunk.joined((i + 3)..<k)
          guard !value.isEmpty, value.contains("args->") || value.contains("in."), !hasUpperCheck(hunk, value, near: i) else {
            continue
          }
          hits.append(
            hunk.hit(
              i + 1, "the cast to \(ty) truncates the user-supplied \(value); reject values that do not fit instead of narrowing silently"
            ))
        }
        for i in hunk.tokens.indices where hunk.isAdded(i) && hunk.text(i) == "if" && hunk.text(i + 1) == "(" {
          guard let close = hunk.close(of: i + 1) else { continue }
          // Only range checks that reject: the branch returns a validation error.
          guard hunk.validationErrno(in: hunk.branch(afterIfHead: close)) != nil else { continue }
          let cond = hunk.joined((i + 2)..<close)
          var k = i + 2
          while k + 3 < close {
            if let a = hunk.tok(k), let b = hunk.tok(k + 2), a.isIdentifier, b.isIdentifier, hunk.text(k + 1) == "+",
              let op = hunk.text(k + 3), op == ">" || op == ">=", hunk.text(k - 1) != "->", hunk.text(k - 1) != ".",
              isRangeName(a.text) && isRangeName(b.text)
            {
              let wrap = "\(a.text)+\(b.text)<\(a.text)"
              let wrap2 = "\(a.text)+\(b.text)<\(b.text)"
              let function = hunk.function(containing: i).map { hunk.joined($0.tokens) } ?? cond
              if !cond.contains(wrap) && !cond.contains(wrap2) && !function.contains("check_add_overflow") {
                hits.append(
                  hunk.hit(
                    k,
                    "\(a.text) + \(b.text) can wrap around and pass this check; add `|| \(a.text) + \(b.text) < \(a.text)` or use check_add_overflow()"
                  ))
              }
            }
            k += 1
          }
        }
      }
    }
    return hits
  }

  static func isUserValue(_ v: String) -> Bool {
    v.contains("args->") || v.contains("in.") || v.lowercased().contains("user") || v == "handle" || v.hasSuffix("->handle")
      || v.hasSuffix(".handle")
  }

  static func isRangeName(_ n: String) -> Bool {
    let l = n.lowercased()
    return ["addr", "size", "offset", "len", "start", "handle"].contains { l.contains($0) }
  }

  /// `upper_32_bits(value)` anywhere in the function holding token `i` (or the hunk).
  static func hasUpperCheck(_ hunk: CHunk, _ value: String, near i: Int) -> Bool {
    let range = hunk.function(containing: i)?.tokens ?? hunk.tokens.indices
    return hunk.calls(["upper_32_bits"], in: range).contains { c in hunk.args(ofCall: c).first.map(hunk.joined) == value }
  }
}
