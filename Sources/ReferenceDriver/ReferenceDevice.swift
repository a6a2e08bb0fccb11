import HabanaLabsReference

/// What happens to exported memory when its owner closes the device (`DESIGN.md`).
public enum LifetimePolicy: String, Sendable, Hashable, CaseIterable, Codable {
  /// The dma-buf keeps no reference on its owner: the bug the reviewers feared.
  case none
  /// The dma-buf holds a reference on the exporting context (the merged design).
  case ownerRef = "owner-ref"
  /// Owner close invalidates every mapping; only revocable importers may attach.
  case revoke

  var cValue: UInt32 {
    switch self {
    case .none: UInt32(HLR_POLICY_NONE.rawValue)
    case .ownerRef: UInt32(HLR_POLICY_OWNER_REF.rawValue)
    case .revoke: UInt32(HLR_POLICY_REVOKE.rawValue)
    }
  }
}

/// An importing device: an RDMA NIC (pinned) or a GPU (dynamic, revocable).
public struct ImporterConfig: Sendable, Hashable {
  public var maxSegmentSize: UInt64
  public var reachesByP2P: Bool
  public var dynamic: Bool

  public init(maxSegmentSize: UInt64 = 64 << 10, reachesByP2P: Bool = true, dynamic: Bool) {
    self.maxSegmentSize = maxSegmentSize
    self.reachesByP2P = reachesByP2P
    self.dynamic = dynamic
  }
}

public struct DeviceConfig: Sendable, Hashable {
  public var policy: LifetimePolicy
  /// DRAM behind the device MMU (export by handle), or used by physical address.
  public var mmu: Bool
  public var dramPages: Int
  public var pageSize: UInt64
  public var importers: [ImporterConfig]

  public init(
    policy: LifetimePolicy = .ownerRef, mmu: Bool = true, dramPages: Int = 8, pageSize: UInt64 = 64 << 10,
    importers: [ImporterConfig] = [ImporterConfig(dynamic: false), ImporterConfig(dynamic: true)]
  ) {
    self.policy = policy
    self.mmu = mmu
    self.dramPages = dramPages
    self.pageSize = pageSize
    self.importers = importers
  }

  var cConfig: hlr_config {
    var c = hlr_config()
    hlr_config_default(&c)
    c.policy = policy.cValue
    c.mmu = mmu ? 1 : 0
    c.dram_pages = UInt8(clamping: dramPages)
    c.page_size = pageSize
    c.nr_importers = UInt8(clamping: min(importers.count, Int(HLR_MAX_IMPORTERS)))
    withUnsafeMutableBytes(of: &c.importers) { raw in
      let slots = raw.bindMemory(to: hlr_importer_config.self)
      for (k, imp) in importers.prefix(slots.count).enumerated() {
        slots[k] = hlr_importer_config()
        slots[k].max_seg_size = imp.maxSegmentSize
        slots[k].p2p = imp.reachesByP2P ? 1 : 0
        slots[k].dynamic = imp.dynamic ? 1 : 0
      }
    }
    return c
  }
}

/// One DMA segment an importer was given.
public struct DMASegment: Sendable, Hashable {
  public var address: UInt64
  public var length: UInt64
}

/// A table returned by mapping an attachment.
public struct MappedTable: Sendable, Hashable {
  public var id: UInt32
  public var segments: [DMASegment]
  /// 0: there is no CPU-side list (D10).
  public var cpuEntries: UInt32
}

/// What an importer's DMA reaches.
public struct ImporterAccess: Sendable, Hashable {
  public var frame: Int
  public var ownerTenant: Int?
  public var contentsTenant: Int?
  public var exporterTenant: Int
  /// The frame is free or owned by someone other than the exporter.
  public var foreign: Bool
}

/// The reference driver, driven the way userspace and importers drive a kernel driver. Every
/// call returns what the C code returned: a non-negative value or a negative errno.
public struct ReferenceDevice {
  var world = hlr_world()

  public init(_ config: DeviceConfig) {
    var c = config.cConfig
    _ = hlr_world_init(&world, &c)
  }

  init(world: hlr_world) { self.world = world }

  public mutating func open(tenant: Int) -> Int { Int(hlr_open(&world, Int32(tenant))) }
  public mutating func close(tenant: Int, fd: Int) -> Int { Int(hlr_close(&world, Int32(tenant), Int32(fd))) }

  /// `ioctl(fd, cmd, arg)` with the argument bytes exactly as userspace lays them out; the
  /// driver writes its answer back into them.
  public mutating func ioctl(tenant: Int, fd: Int, command: UInt32, argument: inout [UInt8]) -> Int {
    let length = argument.count
    return argument.withUnsafeMutableBytes { raw in
      Int(hlr_ioctl(&world, Int32(tenant), Int32(fd), command, raw.baseAddress, length))
    }
  }

  public mutating func attach(importer: Int, tenant: Int, fd: Int) -> Int {
    Int(hlr_attach(&world, Int32(importer), Int32(tenant), Int32(fd)))
  }

  public mutating func detach(_ attachment: Int) -> Int { Int(hlr_detach(&world, Int32(attachment))) }

  public mutating func map(_ attachment: Int) -> (Int, MappedTable?) {
    var table = hlr_sg_table()
    let rc = Int(hlr_map_attachment(&table, &world, Int32(attachment)))
    guard rc >= 0 else { return (rc, nil) }
    let segments = withUnsafeBytes(of: &table.segs) { raw in
      raw.bindMemory(to: hlr_sg_seg.self).prefix(Int(table.nents)).map { DMASegment(address: $0.dma_addr, length: $0.length) }
    }
    return (rc, MappedTable(id: table.id, segments: segments, cpuEntries: table.orig_nents))
  }

  public mutating func unmap(_ attachment: Int, _ table: MappedTable) -> Int {
    var t = hlr_sg_table()
    t.id = table.id
    t.nents = UInt32(table.segments.count)
    return Int(hlr_unmap_attachment(&world, Int32(attachment), &t))
  }

  public func access(_ attachment: Int, offset: UInt64) -> (Int, ImporterAccess?) {
    var out = hlr_access()
    var w = world
    let rc = Int(hlr_importer_access(&out, &w, Int32(attachment), offset))
    guard rc >= 0 else { return (rc, nil) }
    let none = Int(HLR_NONE)
    return (
      rc,
      ImporterAccess(
        frame: Int(out.frame), ownerTenant: Int(out.owner_tenant) == none ? nil : Int(out.owner_tenant),
        contentsTenant: Int(out.tag_tenant) == none ? nil : Int(out.tag_tenant), exporterTenant: Int(out.exp_tenant),
        foreign: out.foreign != 0)
    )
  }

  /// The first broken invariant, or nil.
  public func violation() -> String? {
    let (code, message) = invariants()
    return code == 0 ? nil : message
  }

  /// The `hlr_violation` code of the first broken invariant (0: none) and its message.
  func invariants() -> (Int32, String) {
    var w = world
    var buffer = [CChar](repeating: 0, count: 256)
    let rc = hlr_check_invariants(&w, &buffer, buffer.count)
    let message = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    return (rc, rc == 0 ? "" : String(decoding: message, as: UTF8.self))
  }
}
