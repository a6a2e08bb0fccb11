import Foundation

/// Breadth-first exploration with state hashing: every distinct state is visited once, level by
/// level, so the first violation found has a shortest trace.
public struct Explorer<Space: StateSpace> {
  public let space: Space
  /// Stop after this many distinct states (a memory guard), reporting the search as cut.
  public var maxStates: Int

  public init(_ space: Space, maxStates: Int = 5_000_000) {
    self.space = space
    self.maxStates = maxStates
  }

  private struct Node {
    var parent: Int
    var action: Space.Action?
    var result: Int64
  }

  public func explore(depth limit: Int) -> ExplorationResult {
    let start = Date()
    var nodes: [Node] = [Node(parent: -1, action: nil, result: 0)]
    var seen: Set<Space.State> = [space.initial]
    var frontier: [(index: Int, state: Space.State)] = [(0, space.initial)]
    var transitions = 0
    func finish(depth: Int, exhaustive: Bool, hit: (Int, String)? = nil) -> ExplorationResult {
      var trace: [TraceStep]?
      if let (index, _) = hit {
        var steps: [TraceStep] = []
        var at = index
        while at > 0 {
          let node = nodes[at]
          if let a = node.action { steps.append(TraceStep(action: a.description, result: node.result)) }
          at = node.parent
        }
        trace = steps.reversed()
      }
      return ExplorationResult(
        counterexample: trace, violation: hit?.1, states: seen.count, transitions: transitions, depth: depth,
        seconds: Date().timeIntervalSince(start), exhaustive: exhaustive)
    }
    if let v = space.violation(in: space.initial) { return finish(depth: 0, exhaustive: true, hit: (0, v)) }
    for level in 0..<limit {
      var next: [(index: Int, state: Space.State)] = []
      for (index, state) in frontier {
        for action in space.actions(in: state) {
          transitions += 1
          let (after, result) = space.apply(action, to: state)
          guard seen.insert(after).inserted else { continue }
          nodes.append(Node(parent: index, action: action, result: result))
          let child = nodes.count - 1
          if let v = space.violation(in: after) { return finish(depth: level, exhaustive: true, hit: (child, v)) }
          if seen.count >= maxStates { return finish(depth: level, exhaustive: false) }
          next.append((child, after))
        }
      }
      frontier = next
      if frontier.isEmpty { return finish(depth: limit, exhaustive: true) }
    }
    return finish(depth: limit, exhaustive: true)
  }
}
