/// Myers' O(ND) difference of two line lists, and unified output of it.
public enum LineDiff {
  public enum Edit: Sendable, Hashable {
    case same(Int, Int)
    case removed(Int)
    case added(Int)
  }

  /// The shortest edit script from `a` to `b`. Past `maxCost` edits the answer is "remove all,
  /// add all", which keeps huge unrelated inputs from taking quadratic time.
  public static func edits<T: Equatable>(_ a: [T], _ b: [T], maxCost: Int = 4000) -> [Edit] {
    let n = a.count
    let m = b.count
    let limit = min(n + m, maxCost)
    let offset = limit + 1
    var v = [Int](repeating: 0, count: 2 * limit + 3)
    var trace: [[Int]] = []
    var found = false
    outer: for d in 0...limit {
      trace.append(v)
      for k in stride(from: -d, through: d, by: 2) {
        var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1
        var y = x - k
        while x < n, y < m, a[x] == b[y] {
          x += 1
          y += 1
        }
        v[offset + k] = x
        if x >= n && y >= m {
          found = true
          break outer
        }
      }
    }
    guard found else { return (0..<n).map { .removed($0) } + (0..<m).map { .added($0) } }
    // Walk the trace back from the end.
    var script: [Edit] = []
    var x = n
    var y = m
    for d in stride(from: trace.count - 1, through: 0, by: -1) {
      let v = trace[d]
      let k = x - y
      let prevK = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? k + 1 : k - 1
      let prevX = d == 0 ? 0 : v[offset + prevK]
      let prevY = prevX - prevK
      while x > prevX && y > prevY {
        x -= 1
        y -= 1
        script.append(.same(x, y))
      }
      if d > 0 {
        if x == prevX { script.append(.added(prevY)) } else { script.append(.removed(prevX)) }
      }
      x = prevX
      y = prevY
    }
    return script.reversed()
  }

  /// Unified-style lines (` `, `-`, `+` prefixes, `@@` between distant changes) with
  /// `context` unchanged lines around each change; empty when the inputs are equal.
  public static func unified(_ a: [String], _ b: [String], context: Int = 3) -> [String] {
    let script = edits(a, b)
    let changed = script.indices.filter { if case .same = script[$0] { return false } else { return true } }
    guard !changed.isEmpty else { return [] }
    var out: [String] = []
    var shownUpTo = -1
    var k = 0
    while k < changed.count {
      // Extend a run of changes while the gap between them is small.
      var end = k
      while end + 1 < changed.count, changed[end + 1] - changed[end] <= 2 * context + 1 { end += 1 }
      let from = max(changed[k] - context, shownUpTo + 1)
      let to = min(changed[end] + context, script.count - 1)
      if from > shownUpTo + 1 || out.isEmpty { out.append("@@") }
      for i in from...to {
        switch script[i] {
        case .same(let x, _): out.append(" " + a[x])
        case .removed(let x): out.append("-" + a[x])
        case .added(let y): out.append("+" + b[y])
        }
      }
      shownUpTo = to
      k = end + 1
    }
    return out
  }
}
