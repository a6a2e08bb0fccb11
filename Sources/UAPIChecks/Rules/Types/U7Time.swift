import Diagnostics
import UAPIModel

/// U7: no `struct timespec`/`timeval`/`time_t` members (error); time-like members name their
/// clock (warning).
enum TimeRule: HeaderCheck {
  static let rule = RuleCatalogue.u7

  static let badRecords: Set<String> = ["timespec", "timeval", "itimerspec", "itimerval", "timezone"]

  static func check(_ c: HeaderContext) -> [RuleFinding] {
    var out: [RuleFinding] = []
    for f in c.fields {
      let facts = c.facts(f.member.type)
      if case .time(let name) = c.integerKind(facts, spelling: f.member.typeSpelling) {
        out.append(
          c.finding(rule, "'\(c.fieldName(f))' is '\(name)'; use a __u64 nanosecond count or __s64 seconds", field: f))
        continue
      }
      if case .record(let r) = facts.base, let tag = c.primary.records[r].tag, badRecords.contains(tag) {
        out.append(
          c.finding(
            rule, "'\(c.fieldName(f))' is 'struct \(tag)', whose layout depends on the ABI; use __u64 nanoseconds or "
              + "struct __kernel_timespec", field: f))
        continue
      }
      guard let name = f.member.name?.lowercased(), isTimeLike(name), !facts.isArray else { continue }
      if case .record = facts.base { continue }
      let doc = c.doc(f)?.lowercased() ?? ""
      if !(doc.contains("clock_") || doc.contains("monotonic") || doc.contains("realtime") || doc.contains("boottime")) {
        out.append(
          c.finding(
            rule, "'\(c.fieldName(f))' holds a time but its documentation does not name the clock (CLOCK_MONOTONIC) or "
              + "say whether it is absolute", field: f, severity: .warning))
      }
    }
    return out
  }

  static func isTimeLike(_ name: String) -> Bool {
    name.contains("timeout") || name.contains("timestamp") || name.hasSuffix("_ns") || name.hasSuffix("_nsec")
      || name.hasSuffix("_time") || name == "time" || name.hasSuffix("_usec")
  }
}
