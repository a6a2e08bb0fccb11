import ReferenceDriver
import UAPIModel

/// One step as it ran.
public struct StepResult: Sendable, Hashable {
  /// What was done and what was expected, in words.
  public var text: String
  public var passed: Bool
  /// What happened, when it was not what was expected.
  public var problem: String?
}

public struct ScenarioResult: Sendable, Hashable {
  public var scenario: Scenario
  public var steps: [StepResult]
  public var passed: Bool { steps.allSatisfy(\.passed) }
}

/// Runs scenarios on the reference driver. Argument bytes are laid out from the parsed header
/// (offsets, sizes, opcode and command values), so a wrong model fails here.
public struct ScenarioRunner {
  let facts: HeaderFacts
  static let argsType = "union hl_mem_args"

  public init(facts: HeaderFacts) { self.facts = facts }

  public func run(_ scenarios: [Scenario] = ConformanceScenarios.all) -> [ScenarioResult] {
    scenarios.map(run)
  }

  private struct Context {
    var device: ReferenceDevice
    var pageSize: UInt64
    var values: [String: UInt64] = [:]
    var tables: [String: MappedTable] = [:]
  }

  func run(_ scenario: Scenario) -> ScenarioResult {
    let config = scenario.device.config
    var ctx = Context(device: ReferenceDevice(config), pageSize: config.pageSize)
    var results: [StepResult] = []
    for step in scenario.steps {
      let r = run(step, &ctx)
      results.append(r)
      // Later steps depend on earlier ones: stop at the first failure.
      if !r.passed { break }
    }
    return ScenarioResult(scenario: scenario, steps: results)
  }

  private func tenant(_ t: Int) -> String { t == 0 ? "A" : t == 1 ? "B" : "\(t)" }

  private func outcome(_ text: String, _ rc: Int, _ expect: Expectation) -> StepResult {
    let problem = check(rc, expect)
    return StepResult(text: text, passed: problem == nil, problem: problem)
  }

  private func check(_ rc: Int, _ expect: Expectation) -> String? {
    switch expect {
    case .success: rc >= 0 ? nil : "returned \(Errno.name(-rc))"
    case .error(let name): rc == -(Errno.value(name) ?? -1) ? nil : "returned \(rc < 0 ? Errno.name(-rc) : "\(rc) (success)")"
    }
  }

  private func run(_ step: Step, _ ctx: inout Context) -> StepResult {
    switch step {
    case .open(let t, let name, let expect):
      let rc = ctx.device.open(tenant: t)
      if rc >= 0 { ctx.values[name] = UInt64(rc) }
      return outcome("tenant \(tenant(t)) opens the device: \(expect)", rc, expect)
    case .close(let t, let fd, let expect):
      let rc = ctx.device.close(tenant: t, fd: Int(ctx.values[fd] ?? 999))
      return outcome("tenant \(tenant(t)) closes \(fd): \(expect)", rc, expect)
    case .memory(let t, let fd, let op, let set, let expect, let capture, let variant):
      let text = "tenant \(tenant(t)): \(op)" + (set.isEmpty ? "" : " with " + set.map { "\($0.path) = \($0.value)" }.joined(separator: ", "))
        + (variant == .nextNumber ? " through a command number one past HL_IOCTL_MEMORY" : "") + ": \(expect)"
      switch arguments(op: op, set: set, ctx: ctx) {
      case .failure(let problem):
        return StepResult(text: text, passed: false, problem: problem)
      case .success(var bytes):
        guard var command = facts.value("HL_IOCTL_MEMORY") else {
          return StepResult(text: text, passed: false, problem: "the model has no value for HL_IOCTL_MEMORY")
        }
        // The number field is the low byte of the command in every encoding.
        if variant == .nextNumber { command = (command & ~0xff) | ((command + 1) & 0xff) }
        let rc = ctx.device.ioctl(tenant: t, fd: Int(ctx.values[fd] ?? 999), command: UInt32(truncatingIfNeeded: command), argument: &bytes)
        if let problem = check(rc, expect) { return StepResult(text: text, passed: false, problem: problem) }
        for c in capture {
          guard let f = facts.field(Self.argsType, c.path) else {
            return StepResult(text: text, passed: false, problem: "the model has no field \(c.path)")
          }
          ctx.values[c.name] = ArgumentBytes.read(bytes, f)
        }
        return StepResult(text: text, passed: true, problem: nil)
      }
    case .unusedUnionBytes(let t, let fd, let op, let member, let set):
      let text = "tenant \(tenant(t)): \(op) with any byte of the operand union past in.\(member) set: fails with EINVAL"
      guard let used = facts.field("struct hl_mem_in", member), let opField = facts.field("struct hl_mem_in", "op") else {
        return StepResult(text: text, passed: false, problem: "the model has no in.\(member) or in.op")
      }
      guard case .success(let base) = arguments(op: op, set: set, ctx: ctx), let inField = facts.field(Self.argsType, "in") else {
        return StepResult(text: text, passed: false, problem: "cannot lay out the operands from the model")
      }
      // The union is everything before `op` in struct hl_mem_in.
      let start = inField.offset + used.offset + used.size
      let end = inField.offset + opField.offset
      for offset in start..<max(start, end) {
        var bytes = base
        bytes[offset] = 1
        let rc = ctx.device.ioctl(
          tenant: t, fd: Int(ctx.values[fd] ?? 999), command: UInt32(truncatingIfNeeded: facts.value("HL_IOCTL_MEMORY") ?? 0), argument: &bytes)
        if rc != -(Errno.value("EINVAL") ?? 22) {
          return StepResult(text: text, passed: false, problem: "byte \(offset) set to 1: returned \(rc < 0 ? Errno.name(-rc) : "\(rc) (success)")")
        }
      }
      return StepResult(text: text + " (\(max(0, end - start)) bytes tried)", passed: true, problem: nil)
    case .attach(let importer, let t, let fd, let name, let expect):
      let rc = ctx.device.attach(importer: importer, tenant: t, fd: Int(ctx.values[fd] ?? 999))
      if rc >= 0 { ctx.values[name] = UInt64(rc) }
      let who = importer == 0 ? "the pinned importer" : "the dynamic importer"
      return outcome("\(who) attaches to tenant \(tenant(t))'s \(fd): \(expect)", rc, expect)
    case .map(let attachment, let expect, let checks, let name):
      let (rc, table) = ctx.device.map(Int(ctx.values[attachment] ?? 999))
      let text = "\(attachment) maps the buffer: \(expect)" + (checks.isEmpty ? "" : "; " + checks.map(describe).joined(separator: ", "))
      if let problem = check(rc, expect) { return StepResult(text: text, passed: false, problem: problem) }
      if let table {
        if let name { ctx.tables[name] = table }
        for c in checks {
          if let problem = verify(c, table, ctx) { return StepResult(text: text, passed: false, problem: problem) }
        }
      }
      return StepResult(text: text, passed: true, problem: nil)
    case .unmap(let attachment, let name):
      guard let table = ctx.tables[name] else { return StepResult(text: "\(attachment) unmaps \(name)", passed: false, problem: "no table \(name)") }
      let rc = ctx.device.unmap(Int(ctx.values[attachment] ?? 999), table)
      return StepResult(text: "\(attachment) unmaps \(name): succeeds", passed: rc >= 0, problem: check(rc, .success))
    case .detach(let attachment, let expect):
      let rc = ctx.device.detach(Int(ctx.values[attachment] ?? 999))
      return outcome("\(attachment) detaches: \(expect)", rc, expect)
    }
  }

  private func describe(_ c: TableCheck) -> String {
    switch c {
    case .segments(let n): "\(n) segments"
    case .maxSegmentLength(let n): "none longer than \(n >> 10) KiB"
    case .noCPUList: "no CPU list (orig_nents 0)"
    case .differentFrom(let name): "a table other than \(name)"
    }
  }

  private func verify(_ c: TableCheck, _ t: MappedTable, _ ctx: Context) -> String? {
    switch c {
    case .segments(let n): t.segments.count == n ? nil : "\(t.segments.count) segments"
    case .maxSegmentLength(let n): t.segments.allSatisfy { $0.length <= n } ? nil : "a segment of \(t.segments.map(\.length).max() ?? 0) bytes"
    case .noCPUList: t.cpuEntries == 0 ? nil : "orig_nents is \(t.cpuEntries)"
    case .differentFrom(let name): ctx.tables[name]?.id != t.id ? nil : "the same table as \(name)"
    }
  }

  private enum Laid { case success([UInt8]), failure(String) }

  /// `union hl_mem_args` bytes from the model: zero, then `in.op` and each field.
  private func arguments(op: String, set: [Field], ctx: Context) -> Laid {
    guard let size = facts.layout(Self.argsType)?.size else { return .failure("the model has no \(Self.argsType)") }
    var bytes = [UInt8](repeating: 0, count: size)
    guard let opValue = UInt64(op) ?? facts.value(op) else { return .failure("the model has no value for \(op)") }
    guard let opField = facts.field(Self.argsType, "in.op") else { return .failure("the model has no in.op") }
    ArgumentBytes.write(&bytes, opField, opValue)
    for f in set {
      guard let field = facts.field(Self.argsType, f.path) else { return .failure("the model has no field \(f.path)") }
      let value: UInt64
      switch f.value {
      case .number(let n): value = n
      case .captured(let name): value = ctx.values[name] ?? 0
      case .capturedPlus(let name, let k): value = (ctx.values[name] ?? 0) &+ k
      case .pageSize: value = ctx.pageSize
      case .macro(let name): value = facts.value(name) ?? 0
      }
      ArgumentBytes.write(&bytes, field, value)
    }
    return .success(bytes)
  }
}
