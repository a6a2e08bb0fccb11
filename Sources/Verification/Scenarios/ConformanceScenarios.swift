/// The behaviour reviewers asked of the memory ioctl and its exporter, one scenario per rule.
/// Tenant 0 is A, tenant 1 is B; importer 0 is pinned (RDMA), importer 1 dynamic (GPU).
public enum ConformanceScenarios {
  static let readWrite: UInt64 = 2
  static let closeOnExec: UInt64 = 0o2000000

  /// Tenant A opens the device and allocates one DRAM page: `fd`, `handle`.
  static let allocatedPage: [Step] = [
    .open(tenant: 0, as: "fd"),
    .memory(
      tenant: 0, fd: "fd", op: "HL_MEM_OP_ALLOC", set: [Field("in.alloc.mem_size", .pageSize)], expect: .success,
      capture: [Capture("handle", from: "out.handle")]),
  ]

  /// And exports it: `dmabuf`.
  static let exportedPage: [Step] =
    allocatedPage + [
      .memory(
        tenant: 0, fd: "fd", op: "HL_MEM_OP_EXPORT_DMABUF_FD", set: [Field("in.export_dmabuf_fd.handle", .captured("handle"))],
        expect: .success, capture: [Capture("dmabuf", from: "out.fd")])
    ]

  public static let all: [Scenario] = [
    Scenario(
      "Allocate and free device memory",
      steps: allocatedPage + [
        .memory(tenant: 0, fd: "fd", op: "HL_MEM_OP_FREE", set: [Field("in.free.handle", .captured("handle"))], expect: .success),
      ]),
    Scenario(
      "Map an allocation into the device's address space and unmap it",
      steps: allocatedPage + [
        .memory(tenant: 0, fd: "fd", op: "HL_MEM_OP_MAP", set: [Field("in.map_device.handle", .captured("handle"))], expect: .success,
          capture: [Capture("va", from: "out.device_virt_addr")]),
        .memory(tenant: 0, fd: "fd", op: "HL_MEM_OP_UNMAP", set: [Field("in.unmap.device_virt_addr", .captured("va"))], expect: .success),
      ]),
    Scenario(
      "Export an allocation as a dma-buf and attach an importer to it",
      steps: allocatedPage + [
        .memory(
          tenant: 0, fd: "fd", op: "HL_MEM_OP_EXPORT_DMABUF_FD",
          set: [Field("in.export_dmabuf_fd.handle", .captured("handle")), Field("in.flags", .number(closeOnExec | readWrite))],
          expect: .success, capture: [Capture("dmabuf", from: "out.fd")]),
        .attach(importer: 1, tenant: 0, fd: "dmabuf", as: "attachment"),
      ]),
    Scenario(
      "Bytes of the operand union that the operation does not use must be zero",
      rules: ["F1"],
      steps: allocatedPage + [
        .unusedUnionBytes(tenant: 0, fd: "fd", op: "HL_MEM_OP_ALLOC", member: "alloc", set: [Field("in.alloc.mem_size", .pageSize)]),
        .unusedUnionBytes(tenant: 0, fd: "fd", op: "HL_MEM_OP_FREE", member: "free", set: [Field("in.free.handle", .captured("handle"))]),
        .unusedUnionBytes(tenant: 0, fd: "fd", op: "HL_MEM_OP_MAP", member: "map_device", set: [Field("in.map_device.handle", .captured("handle"))]),
        .unusedUnionBytes(
          tenant: 0, fd: "fd", op: "HL_MEM_OP_EXPORT_DMABUF_FD", member: "export_dmabuf_fd",
          set: [Field("in.export_dmabuf_fd.handle", .captured("handle"))]),
      ]),
    Scenario(
      "Reserved fields must be zero",
      rules: ["F1"],
      steps: [
        .open(tenant: 0, as: "fd"),
        .memory(tenant: 0, fd: "fd", op: "HL_MEM_OP_ALLOC", set: [Field("in.alloc.mem_size", .pageSize), Field("in.ctx_id", .number(1))], expect: .error("EINVAL")),
        .memory(
          tenant: 0, fd: "fd", op: "HL_MEM_OP_ALLOC", set: [Field("in.alloc.mem_size", .pageSize), Field("in.num_of_elements", .number(1))],
          expect: .error("EINVAL")),
      ]),
    Scenario(
      "An unknown operation is refused",
      rules: ["F3"],
      steps: [
        .open(tenant: 0, as: "fd"),
        .memory(tenant: 0, fd: "fd", op: "64", set: [], expect: .error("EINVAL")),
      ]),
    Scenario(
      "Unknown flags are refused, not ignored",
      rules: ["F3"],
      steps: [
        .open(tenant: 0, as: "fd"),
        .memory(tenant: 0, fd: "fd", op: "HL_MEM_OP_ALLOC", set: [Field("in.alloc.mem_size", .pageSize), Field("in.flags", .number(0x8000_0000))], expect: .error("EINVAL")),
        .memory(tenant: 0, fd: "fd", op: "HL_MEM_OP_ALLOC", set: [Field("in.alloc.mem_size", .pageSize)], expect: .success,
          capture: [Capture("handle", from: "out.handle")]),
        .memory(
          tenant: 0, fd: "fd", op: "HL_MEM_OP_EXPORT_DMABUF_FD",
          set: [Field("in.export_dmabuf_fd.handle", .captured("handle")), Field("in.flags", .number(0o100))], expect: .error("EINVAL")),
      ]),
    Scenario(
      "A command the driver does not know gives ENOTTY",
      rules: ["I11"],
      steps: [
        .open(tenant: 0, as: "fd"),
        .memory(tenant: 0, fd: "fd", op: "HL_MEM_OP_ALLOC", set: [Field("in.alloc.mem_size", .pageSize)], expect: .error("ENOTTY"), command: .nextNumber),
      ]),
    Scenario(
      "An exported allocation cannot be freed",
      rules: ["D16"],
      steps: exportedPage + [
        .memory(tenant: 0, fd: "fd", op: "HL_MEM_OP_FREE", set: [Field("in.free.handle", .captured("handle"))], expect: .error("EBUSY")),
        .close(tenant: 0, fd: "dmabuf"),
        .memory(tenant: 0, fd: "fd", op: "HL_MEM_OP_FREE", set: [Field("in.free.handle", .captured("handle"))], expect: .success),
      ]),
    Scenario(
      "A freed handle cannot be exported",
      steps: allocatedPage + [
        .memory(tenant: 0, fd: "fd", op: "HL_MEM_OP_FREE", set: [Field("in.free.handle", .captured("handle"))], expect: .success),
        .memory(tenant: 0, fd: "fd", op: "HL_MEM_OP_EXPORT_DMABUF_FD", set: [Field("in.export_dmabuf_fd.handle", .captured("handle"))],
          expect: .error("EINVAL")),
      ]),
    Scenario(
      "A handle with upper bits set is refused, not truncated",
      rules: ["D14"],
      steps: allocatedPage + [
        .memory(
          tenant: 0, fd: "fd", op: "HL_MEM_OP_EXPORT_DMABUF_FD",
          set: [Field("in.export_dmabuf_fd.handle", .capturedPlus("handle", 1 << 32))], expect: .error("EINVAL")),
      ]),
    Scenario(
      "Export by address: unaligned and overflowing ranges are refused",
      rules: ["D5"], device: .noMMU,
      steps: allocatedPage + [
        .memory(tenant: 0, fd: "fd", op: "HL_MEM_OP_MAP", set: [Field("in.map_device.handle", .captured("handle"))], expect: .success,
          capture: [Capture("address", from: "out.device_virt_addr")]),
        .memory(
          tenant: 0, fd: "fd", op: "HL_MEM_OP_EXPORT_DMABUF_FD",
          set: [Field("in.export_dmabuf_fd.handle", .capturedPlus("address", 0x1000)), Field("in.export_dmabuf_fd.mem_size", .pageSize)],
          expect: .error("EINVAL")),
        .memory(
          tenant: 0, fd: "fd", op: "HL_MEM_OP_EXPORT_DMABUF_FD",
          set: [Field("in.export_dmabuf_fd.handle", .captured("address")), Field("in.export_dmabuf_fd.mem_size", .number(0xffff_ffff_ffff_0000))],
          expect: .error("EINVAL")),
        .memory(
          tenant: 0, fd: "fd", op: "HL_MEM_OP_EXPORT_DMABUF_FD",
          set: [Field("in.export_dmabuf_fd.handle", .captured("address")), Field("in.export_dmabuf_fd.mem_size", .pageSize)],
          expect: .success, capture: [Capture("dmabuf", from: "out.fd")]),
      ]),
    Scenario(
      "A live dma-buf keeps the device owned: a second open waits for it (owner-ref)",
      rules: ["D17"],
      steps: exportedPage + [
        .close(tenant: 0, fd: "fd"),
        .open(tenant: 1, as: "other", expect: .error("EBUSY")),
        .close(tenant: 0, fd: "dmabuf"),
        .open(tenant: 1, as: "other"),
      ]),
    Scenario(
      "An importer that cannot reach the device by P2P cannot attach",
      rules: ["D9"], device: .unreachableImporter,
      steps: exportedPage + [
        .attach(importer: 1, tenant: 0, fd: "dmabuf", as: "gpu", expect: .error("EPERM")),
        .attach(importer: 0, tenant: 0, fd: "dmabuf", as: "nic"),
      ]),
    Scenario(
      "Each map builds a new table, split by the importer's segment limit, with no CPU list",
      rules: ["D4", "D6", "D10"], device: .smallSegments,
      steps: exportedPage + [
        .attach(importer: 0, tenant: 0, fd: "dmabuf", as: "nic"),
        .map(attachment: "nic", check: [.segments(4), .maxSegmentLength(16 << 10), .noCPUList], as: "first"),
        .map(attachment: "nic", check: [.differentFrom("first"), .noCPUList], as: "second"),
        .unmap(attachment: "nic", table: "first"),
        .unmap(attachment: "nic", table: "second"),
        .detach(attachment: "nic"),
      ]),
  ]
}
