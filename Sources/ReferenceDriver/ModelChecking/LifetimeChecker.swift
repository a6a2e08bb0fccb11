import Foundation
import HabanaLabsReference

/// The lifetime question of the review, asked mechanically: can an importer ever reach device
/// memory that is no longer its exporter's, or can anything stay mapped after it was freed, or
/// leak once everything is closed? Explores every operation sequence up to a depth.
public enum LifetimeChecker {
  /// The device the checker explores: two DRAM pages keep the state space small while still
  /// letting a second tenant be handed a page the first one exported.
  public static func device(_ policy: LifetimePolicy) -> DeviceConfig {
    DeviceConfig(policy: policy, mmu: true, dramPages: 2)
  }

  public struct Report: Sendable {
    public var policy: LifetimePolicy
    public var depthAsked: Int
    public var result: ExplorationResult
    /// The counterexample in words, one step per line: what was done and what it returned.
    public var steps: [String]
    /// The shortest way for an importer to reach memory that now belongs to another context
    /// (the exfiltration the review feared), when the search finds one; the last step says
    /// what is read.
    public var exfiltration: [String]?
  }

  /// Past `maxStates` distinct states (about 2 KB each with bookkeeping) the search stops and
  /// says how deep it got: a guard against running the machine out of memory.
  public static func check(_ policy: LifetimePolicy, depth: Int, maxStates: Int = 1_000_000) -> Report {
    let model = LifetimeModel(config: device(policy))
    let result = Explorer(model, maxStates: maxStates).explore(depth: depth)
    var report = Report(policy: policy, depthAsked: depth, result: result, steps: describe(result.counterexample ?? []), exfiltration: nil)
    if result.counterexample != nil {
      // Keep going past the first broken invariant to the data leak it leads to.
      var foreign = model
      foreign.only = [Int32(HLR_VIOLATION_FOREIGN_PAGE.rawValue)]
      let leak = Explorer(foreign, maxStates: maxStates).explore(depth: max(depth, 10))
      if let trace = leak.counterexample {
        report.exfiltration = describe(trace) + [leak.violation.map { "the importer's DMA now reaches memory the exporting context no longer owns: \($0)" } ?? ""]
      }
    }
    return report
  }

  private static func describe(_ trace: [TraceStep]) -> [String] {
    trace.map { "\($0.action) → \($0.result < 0 ? Errno.name(Int(-$0.result)) : "\($0.result)")" }
  }
}

/// Linux errno names for the values the reference driver returns.
public enum Errno {
  static let names: [Int: String] = [
    EPERM: "EPERM", ENOENT: "ENOENT", ENXIO: "ENXIO", EBADF: "EBADF", ENOMEM: "ENOMEM", EFAULT: "EFAULT",
    EBUSY: "EBUSY", EEXIST: "EEXIST", ENODEV: "ENODEV", EINVAL: "EINVAL", EMFILE: "EMFILE", ENOTTY: "ENOTTY",
    ENOSPC: "ENOSPC", ERANGE: "ERANGE", EOPNOTSUPP: "EOPNOTSUPP", EOVERFLOW: "EOVERFLOW",
  ].reduce(into: [:]) { $0[Int($1.key)] = $1.value }

  /// `EINVAL` for 22; the number when the name is not known.
  public static func name(_ errno: Int) -> String { names[errno].map { "-\($0)" } ?? "-\(errno)" }

  /// The errno of a name (`EINVAL` → 22).
  public static func value(_ name: String) -> Int? { names.first { $0.value == name }?.key }
}
