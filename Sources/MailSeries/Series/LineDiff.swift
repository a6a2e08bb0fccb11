/// Myers' O(ND) difference of two line lists, and unified output of it.
public enum LineDiff {
  public enum Edit: Sendable, Hashable {
    case same(Int, Int)
    case removed(Int)
    case added(Int)
  }

  /// The shortest edit script from `a` to `b`. Past `maxCost` edits the answer is "remove all,
  /// add all", which keeps huge unrelated inputs from taking quadratic time.
  public static func edits(_ a: [Int], _ b: [Int], maxCost: Int = 1000) -> [Edit] {
    // Lines found on one side only are edits whatever the alignment: set them aside (as GNU
    // diff does) so the search runs on the lines that can match, which keeps D small when two
    // versions of a patch share little.
    let inA = Set(a)
    let inB = Set(b)
    let keptA = a.indices.filter { inB.contains(a[$0]) }
    let keptB = b.indices.filter { inA.contains(b[$0]) }
    let inner = myers(keptA.map { a[$0] }, keptB.map { b[$0] }, maxCost: maxCost)
    var script: [Edit] = []
    var i = 0
    var j = 0
    func flush(toA: Int, toB: Int) {
      while i < toA { script.append(.removed(i)); i += 1 }
      while j < toB { script.append(.added(j)); j += 1 }
    }
    for edit in inner {
      switch edit {
      case .same(let x, let y):
        flush(toA: keptA[x], toB: keptB[y])
        script.append(.same(i, j))
        i += 1
        j += 1
      case .removed(let x):
        flush(toA: keptA[x], toB: j)
        script.append(.removed(i))
        i += 1
      case .added(let y):
        flush(toA: i, toB: keptB[y])
        script.append(.added(j))
        j += 1
      }
    }
    flush(toA: a.count, toB: b.count)
    return script
  }

  static func myers<T: Equatable>(_ a: [T], _ b: [T], maxCost: Int) -> [Edit] {
    let n = a.count
    let m = b.count
    let limit = min(n + m, maxCost)
    let offset = limit + 1
    var v = [Int](repeating: 0, count: 2 * limit + 3)
    // Step d only needs diagonals -d...d of the step before: keep just those (O(D²) memory,
    // not O(D·(N+M))).
    // Row d (diagonals -d-1...d+1 of v before step d) starts at rowStart[d] in one buffer.
    var trace: [Int] = []
    var rowStart: [Int] = []
    var found = false
    outer: for d in 0...limit {
      rowStart.append(trace.count)
      trace.append(contentsOf: v[(offset - d - 1)...(offset + d + 1)])
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
    for d in stride(from: rowStart.count - 1, through: 0, by: -1) {
      // The row's first entry is diagonal -d-1.
      let start = rowStart[d]
      func v(_ k: Int) -> Int { trace[start + k + d + 1] }
      let k = x - y
      let prevK = k == -d || (k != d && v(k - 1) < v(k + 1)) ? k + 1 : k - 1
      let prevX = d == 0 ? 0 : v(prevK)
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
    // Compare small integers, not strings: each distinct line gets a number once.
    var ids: [String: Int] = [:]
    func id(_ line: String) -> Int {
      if let known = ids[line] { return known }
      ids[line] = ids.count
      return ids.count - 1
    }
    let script = edits(a.map(id), b.map(id))
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
