/// A system the lifetime checker can explore: states are values (the C world is one flat
/// struct, copied and compared as memory), actions are values that print as a trace step.
public protocol StateSpace {
  associatedtype State: Hashable
  associatedtype Action: Hashable & CustomStringConvertible

  var initial: State { get }
  /// Actions worth trying in `state` (the checker tries each; one that fails is still a step).
  func actions(in state: State) -> [Action]
  /// The state after `action`, and what the action returned (an errno, a handle).
  func apply(_ action: Action, to state: State) -> (state: State, result: Int64)
  /// The broken invariant, if any.
  func violation(in state: State) -> String?
}

/// One step of a counterexample: the action and what it returned.
public struct TraceStep: Sendable, Hashable {
  public var action: String
  public var result: Int64
}

/// What exploring gave: either the shortest path to a broken invariant, or how much was shown
/// to be safe.
public struct ExplorationResult: Sendable {
  public var counterexample: [TraceStep]?
  public var violation: String?
  /// Distinct states reached.
  public var states: Int
  /// Transitions taken (including those to states seen before).
  public var transitions: Int
  /// Deepest level completed without a violation.
  public var depth: Int
  public var seconds: Double
  /// True when every state within `depth` was explored (no limit cut the search).
  public var exhaustive: Bool

  public var statesPerSecond: Double { seconds > 0 ? Double(states) / seconds : Double(states) }
}
