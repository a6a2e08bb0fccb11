import ReferenceDriver

/// A conformance scenario: readable data, run against the reference driver with argument
/// bytes laid out from the parsed header, later rendered as "verified behaviour".
public struct Scenario: Sendable, Hashable {
  public var title: String
  /// Rule ids from `UAPI-RULES.md` the scenario demonstrates.
  public var rules: [String]
  public var device: DeviceSetup
  public var steps: [Step]

  public init(_ title: String, rules: [String] = [], device: DeviceSetup = .mmu, steps: [Step]) {
    self.title = title
    self.rules = rules
    self.device = device
    self.steps = steps
  }
}

/// The device a scenario runs on.
public enum DeviceSetup: String, Sendable, Hashable {
  /// DRAM behind the device MMU, owner-ref, a pinned and a dynamic importer.
  case mmu
  /// DRAM by physical address (export by address and size).
  case noMMU = "no-mmu"
  /// As `mmu`, the second importer cannot reach the device by P2P.
  case unreachableImporter = "unreachable-importer"
  /// As `mmu`, the importers take at most 16 KiB per DMA segment.
  case smallSegments = "small-segments"

  var config: DeviceConfig {
    switch self {
    case .mmu: DeviceConfig()
    case .noMMU: DeviceConfig(mmu: false)
    case .unreachableImporter:
      DeviceConfig(importers: [ImporterConfig(dynamic: false), ImporterConfig(reachesByP2P: false, dynamic: true)])
    case .smallSegments:
      DeviceConfig(importers: [ImporterConfig(maxSegmentSize: 16 << 10, dynamic: false), ImporterConfig(maxSegmentSize: 16 << 10, dynamic: true)])
    }
  }
}

/// An integer operand: a number, something an earlier step captured, or the device's DRAM
/// page size.
public enum Operand: Sendable, Hashable, CustomStringConvertible {
  case number(UInt64)
  case captured(String)
  /// Captured value plus a constant (an unaligned address, a handle with upper bits).
  case capturedPlus(String, UInt64)
  case pageSize
  /// The value of a macro of the header (`HL_MEM_CONTIGUOUS`).
  case macro(String)

  public var description: String {
    switch self {
    case .number(let n): n < 4096 ? "\(n)" : "0x" + String(n, radix: 16)
    case .captured(let name): name
    case .capturedPlus(let name, let k): "\(name) + 0x\(String(k, radix: 16))"
    case .pageSize: "one DRAM page"
    case .macro(let name): name
    }
  }
}

/// What a step must return.
public enum Expectation: Sendable, Hashable, CustomStringConvertible {
  case success
  case error(String)

  public var description: String {
    switch self {
    case .success: "succeeds"
    case .error(let name): "fails with \(name)"
    }
  }
}

public enum Step: Sendable, Hashable {
  /// Open the device as a tenant (0 is A, 1 is B); captures its fd as `name`.
  case open(tenant: Int, as: String, expect: Expectation = .success)
  case close(tenant: Int, fd: String, expect: Expectation = .success)
  /// `HL_IOCTL_MEMORY` with `in.op` = `op` and the fields set; captures output fields.
  case memory(
    tenant: Int, fd: String, op: String, set: [Field], expect: Expectation, capture: [Capture] = [], command: CommandVariant = .header)
  /// Each byte of the `struct hl_mem_in` union that `op`'s member does not use, set to 1 one
  /// at a time: every such call must fail with EINVAL (F1).
  case unusedUnionBytes(tenant: Int, fd: String, op: String, member: String, set: [Field])
  case attach(importer: Int, tenant: Int, fd: String, as: String, expect: Expectation = .success)
  /// Map an attachment; checks what the table must be.
  case map(attachment: String, expect: Expectation = .success, check: [TableCheck] = [], as: String? = nil)
  case unmap(attachment: String, table: String)
  case detach(attachment: String, expect: Expectation = .success)
}

public struct Field: Sendable, Hashable {
  public var path: String
  public var value: Operand

  public init(_ path: String, _ value: Operand) {
    self.path = path
    self.value = value
  }
}

public struct Capture: Sendable, Hashable {
  public var name: String
  public var path: String

  public init(_ name: String, from path: String) {
    self.name = name
    self.path = path
  }
}

/// Which command number a memory step uses.
public enum CommandVariant: Sendable, Hashable {
  /// `HL_IOCTL_MEMORY` as the header defines it.
  case header
  /// The same with its number field one higher: a command the driver does not know.
  case nextNumber
}

public enum TableCheck: Sendable, Hashable {
  case segments(Int)
  case maxSegmentLength(UInt64)
  /// `orig_nents == 0`: no CPU-side list (D10).
  case noCPUList
  /// A table id different from the one captured as `name` (a fresh table per map, D4).
  case differentFrom(String)
}
