import ReferenceDriver
import Testing

/// Two counters a and b (one byte each). `inc a`, `inc b`, `copy a to b`; the invariant is
/// b <= 2. Shortest way to break it is three steps.
struct Counters: StateSpace {
  enum Action: String, Hashable, Sendable, CustomStringConvertible {
    case incA, incB, copy
    var description: String { rawValue }
  }

  var initial: [UInt8] { [0, 0] }
  func actions(in state: [UInt8]) -> [Action] { [.incA, .incB, .copy] }
  func apply(_ action: Action, to s: [UInt8]) -> (state: [UInt8], result: Int64) {
    var s = s
    switch action {
    case .incA: s[0] = min(s[0] + 1, 5)
    case .incB: s[1] = min(s[1] + 1, 5)
    case .copy: s[1] = s[0]
    }
    return (s, 0)
  }
  func violation(in s: [UInt8]) -> String? { s[1] > 2 ? "b is \(s[1])" : nil }
}

@Suite struct ExplorerTests {
  @Test func findsAShortestCounterexample() throws {
    let r = Explorer(Counters()).explore(depth: 10)
    let trace = try #require(r.counterexample)
    #expect(trace.count == 3)
    #expect(trace.allSatisfy { $0.action == "incB" } || trace.last?.action == "copy")
    #expect(r.violation == "b is 3")
  }

  @Test func provesSafetyToADepth() {
    struct Capped: StateSpace {
      var inner = Counters()
      var initial: [UInt8] { inner.initial }
      func actions(in s: [UInt8]) -> [Counters.Action] { [.incA] }
      func apply(_ a: Counters.Action, to s: [UInt8]) -> (state: [UInt8], result: Int64) { inner.apply(a, to: s) }
      func violation(in s: [UInt8]) -> String? { inner.violation(in: s) }
    }
    let r = Explorer(Capped()).explore(depth: 8)
    #expect(r.counterexample == nil && r.exhaustive)
    // a goes 0...5 and then stays: six states.
    #expect(r.states == 6)
  }
}

/// The reference driver under each lifetime policy.
@Suite struct LifetimeCheckerTests {
  @Test func noOwnerReferenceGivesTheExfiltrationTrace() throws {
    let report = LifetimeChecker.check(.none, depth: 10)
    #expect(report.result.counterexample != nil)
    print(report.steps.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "\n"), report.result.violation ?? "")
    #expect(report.steps.contains { $0.contains("exports handle") })
    #expect(report.steps.contains { $0.contains("attaches") })
    #expect(report.result.violation?.contains("freed frame") == true)
    // Going on past it, the importer reaches memory a later context owns.
    let leak = try #require(report.exfiltration)
    #expect(leak.last?.contains("reaches frame") == true)
    #expect(leak.count > report.steps.count)
  }

  @Test(arguments: [LifetimePolicy.ownerRef, .revoke])
  func safePoliciesHoldToDepth(_ policy: LifetimePolicy) {
    let report = LifetimeChecker.check(policy, depth: 8)
    print(policy, report.result.states, report.result.seconds, report.result.statesPerSecond)
    #expect(report.result.counterexample == nil, "\(report.steps) \(report.result.violation ?? "")")
    #expect(report.result.exhaustive)
  }
}
