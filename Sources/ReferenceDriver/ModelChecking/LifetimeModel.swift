import HabanaLabsReference

/// The reference driver's world as a model-checking state: compared and hashed in the C code's
/// canonical form (unused slots do not count).
struct WorldState: Hashable {
  var world: hlr_world

  static func == (a: WorldState, b: WorldState) -> Bool {
    var x = a.world
    var y = b.world
    return hlr_world_equal(&x, &y)
  }

  func hash(into hasher: inout Hasher) {
    var w = world
    hasher.combine(hlr_world_hash(&w))
  }
}

/// Operation sequences of two tenants and two importers (0 pinned, 1 dynamic) on one device:
/// open, close a file, allocate one page, free, export, attach, detach, map, unmap. Which
/// handles, descriptors and attachments exist is read from the world itself.
struct LifetimeModel: StateSpace {
  enum Action: Hashable, CustomStringConvertible {
    case open(tenant: Int)
    case close(tenant: Int, fd: Int)
    case alloc(tenant: Int, fd: Int)
    case free(tenant: Int, fd: Int, handle: UInt64)
    case export(tenant: Int, fd: Int, handle: UInt64)
    case attach(importer: Int, tenant: Int, fd: Int)
    case detach(attachment: Int)
    case map(attachment: Int)
    case unmap(attachment: Int, table: UInt32, entries: UInt32)

    static func tenant(_ t: Int) -> String { t == 0 ? "tenant A" : t == 1 ? "tenant B" : "tenant \(t)" }
    static func importer(_ i: Int) -> String { i == 0 ? "the pinned importer (RDMA)" : "the dynamic importer (GPU)" }

    var description: String {
      switch self {
      case .open(let t): "\(Self.tenant(t)) opens the device"
      case .close(let t, let fd): "\(Self.tenant(t)) closes fd \(fd)"
      case .alloc(let t, let fd): "\(Self.tenant(t)) allocates one page of device memory (HL_MEM_OP_ALLOC on fd \(fd))"
      case .free(let t, _, let h): "\(Self.tenant(t)) frees handle \(h) (HL_MEM_OP_FREE)"
      case .export(let t, _, let h): "\(Self.tenant(t)) exports handle \(h) as a dma-buf (HL_MEM_OP_EXPORT_DMABUF_FD)"
      case .attach(let i, let t, let fd): "\(Self.importer(i)) attaches to \(Self.tenant(t))'s dma-buf fd \(fd)"
      case .detach(let a): "attachment \(a) is detached"
      case .map(let a): "attachment \(a) maps the buffer for DMA"
      case .unmap(let a, _, _): "attachment \(a) unmaps its table"
      }
    }
  }

  let config: DeviceConfig
  /// Only these `hlr_violation` codes count (nil: any). The exfiltration search asks for a
  /// foreign page only, so it goes on past the freed-but-mapped states that come before it.
  var only: Set<Int32>? = nil
  let tenants = 2
  let command: UInt32
  let pageSize: UInt64

  init(config: DeviceConfig) {
    self.config = config
    command = UInt32(truncatingIfNeeded: CompiledTables.commands.first { $0.name == "HL_IOCTL_MEMORY" }?.value ?? 0)
    pageSize = config.pageSize
  }

  var initial: WorldState { WorldState(world: ReferenceDevice(config).world) }

  func actions(in state: WorldState) -> [Action] {
    var w = state.world
    var out: [Action] = []
    let fds = fdTable(&w)
    for t in 0..<tenants {
      out.append(.open(tenant: t))
      for (fd, kind) in fds[t] {
        out.append(.close(tenant: t, fd: fd))
        if kind == .device {
          out.append(.alloc(tenant: t, fd: fd))
          for handle in liveHandles(&w) {
            out.append(.free(tenant: t, fd: fd, handle: handle))
            out.append(.export(tenant: t, fd: fd, handle: handle))
          }
        } else {
          for i in 0..<config.importers.count { out.append(.attach(importer: i, tenant: t, fd: fd)) }
        }
      }
    }
    withUnsafeBytes(of: &w.attachments) { raw in
      for (a, att) in raw.bindMemory(to: hlr_attachment.self).enumerated() where att.used != 0 {
        out.append(.detach(attachment: a))
        out.append(.map(attachment: a))
      }
    }
    withUnsafeBytes(of: &w.mappings) { raw in
      for (k, m) in raw.bindMemory(to: hlr_mapping.self).enumerated() where m.used != 0 {
        out.append(.unmap(attachment: Int(m.attachment), table: UInt32(k + 1), entries: UInt32(m.nents)))
      }
    }
    return out
  }

  enum FDKind { case device, dmabuf }

  private func fdTable(_ w: inout hlr_world) -> [[(Int, FDKind)]] {
    var result: [[(Int, FDKind)]] = Array(repeating: [], count: tenants)
    for t in 0..<tenants {
      for fd in 0..<Int(HLR_MAX_FDS) {
        var info = hlr_fd_info()
        guard hlr_fd_query(&info, &w, Int32(t), Int32(fd)) == 0 else { continue }
        result[t].append((fd, info.kind == Int32(HLR_FD_DEVICE.rawValue) ? .device : .dmabuf))
      }
    }
    return result
  }

  private func liveHandles(_ w: inout hlr_world) -> [UInt64] {
    withUnsafeBytes(of: &w.allocs) { raw in
      raw.bindMemory(to: hlr_alloc.self).enumerated().filter { $0.element.used != 0 }.map { UInt64($0.offset + 1) }
    }
  }

  func apply(_ action: Action, to state: WorldState) -> (state: WorldState, result: Int64) {
    var device = ReferenceDevice(world: state.world)
    let rc: Int
    switch action {
    case .open(let t): rc = device.open(tenant: t)
    case .close(let t, let fd): rc = device.close(tenant: t, fd: fd)
    case .alloc(let t, let fd):
      var arg = argument(op: "HL_MEM_OP_ALLOC", fields: [("in.alloc.mem_size", pageSize)])
      rc = device.ioctl(tenant: t, fd: fd, command: command, argument: &arg)
    case .free(let t, let fd, let h):
      var arg = argument(op: "HL_MEM_OP_FREE", fields: [("in.free.handle", h)])
      rc = device.ioctl(tenant: t, fd: fd, command: command, argument: &arg)
    case .export(let t, let fd, let h):
      var arg = argument(op: "HL_MEM_OP_EXPORT_DMABUF_FD", fields: [("in.export_dmabuf_fd.handle", h)])
      let r = device.ioctl(tenant: t, fd: fd, command: command, argument: &arg)
      rc = r < 0 ? r : Int(ArgumentBytes.read(arg, CompiledTables.field("out.fd")))
    case .attach(let i, let t, let fd): rc = device.attach(importer: i, tenant: t, fd: fd)
    case .detach(let a): rc = device.detach(a)
    case .map(let a): rc = device.map(a).0
    case .unmap(let a, let id, let n):
      rc = device.unmap(a, MappedTable(id: id, segments: Array(repeating: DMASegment(address: 0, length: 0), count: Int(n)), cpuEntries: 0))
    }
    return (WorldState(world: device.world), Int64(rc))
  }

  func violation(in state: WorldState) -> String? {
    let (code, message) = ReferenceDevice(world: state.world).invariants()
    guard code != 0, only?.contains(code) ?? true else { return nil }
    // The C code numbers tenants; the trace names them A and B.
    return message.replacingOccurrences(of: "tenant 0", with: "tenant A").replacingOccurrences(of: "tenant 1", with: "tenant B")
  }

  /// `union hl_mem_args` bytes as the compiler laid it out, with `op` and the given fields set.
  private func argument(op: String, fields: [(String, UInt64)]) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: CompiledTables.layouts.first { $0.type == "union hl_mem_args" && $0.member.isEmpty }?.size ?? 40)
    let opValue = CompiledTables.opcodes.first { $0.name == op }?.value ?? UInt64.max
    ArgumentBytes.write(&bytes, CompiledTables.field("in.op"), opValue)
    for (path, value) in fields { ArgumentBytes.write(&bytes, CompiledTables.field(path), value) }
    return bytes
  }
}

/// Little-endian integer fields in argument bytes (every ABI the driver runs on is
/// little-endian).
public enum ArgumentBytes {
  public static func write(_ bytes: inout [UInt8], _ field: (offset: Int, size: Int)?, _ value: UInt64) {
    guard let field, field.offset >= 0, field.offset + field.size <= bytes.count else { return }
    for k in 0..<min(field.size, 8) { bytes[field.offset + k] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(k))) }
  }

  public static func read(_ bytes: [UInt8], _ field: (offset: Int, size: Int)?) -> UInt64 {
    guard let field, field.offset >= 0, field.offset + field.size <= bytes.count else { return 0 }
    var v: UInt64 = 0
    for k in 0..<min(field.size, 8) { v |= UInt64(bytes[field.offset + k]) << (8 * UInt64(k)) }
    return v
  }
}
