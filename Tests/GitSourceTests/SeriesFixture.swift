import TestSupport
import GitSource

/// A repository written through GitSource itself: a base commit and a three-patch uAPI series.
///
/// - patch 1 changes the uAPI header and adds a new header beside it, with a two-line subject
///   paragraph and a Signed-off-by body;
/// - patch 2 renames a driver file in a subdirectory while editing it, and changes a binary file;
///   its author's name and its body are not ASCII;
/// - patch 3 deletes a file and has no body at all.
struct SeriesFixture {
  let dir: String
  let base: String
  let series: [String]

  static let header = "include/uapi/misc/hl.h"
  static let binary: [UInt8] = [0, 1, 2, 3, 0xff, 0x7f, 0x80, 0, 10, 13]
  static let binaryChanged: [UInt8] = [0, 1, 2, 3, 0xfe, 0x7f, 0x80, 0, 10, 13, 0]

  static func headerText(ops: [String]) -> String {
    var text = "/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */\n#ifndef HL_H\n#define HL_H\n\n"
    text += "#include <linux/types.h>\n\n"
    for (value, op) in ops.enumerated() { text += "#define \(op)\t\(value)\n" }
    text += "\nstruct hl_mem_in {\n\t__u32 op;\n\t__u32 flags;\n\t__u64 handle;\n};\n\n#endif\n"
    return text
  }

  static let driver = (1...40).map { "static int hl_mem_step\($0)(void)\n{\n\treturn \($0);\n}\n" }.joined()

  init() throws {
    dir = try temporaryDirectory("series")
    let repository = try GitRepository.create(at: dir)
    func signature(_ name: String, _ email: String, _ time: Int64, _ offset: Int) -> GitSignature {
      GitSignature(name: name, email: email, time: time, offsetMinutes: offset)
    }
    let maintainer = signature("Uapi Maintainer", "maint@example.org", 1_631_440_000, 0)
    base = try repository.commit(
      files: [
        Self.header: Self.headerText(ops: ["HL_MEM_OP_ALLOC", "HL_MEM_OP_FREE"]).bytes,
        "drivers/misc/hl/memory.c": Self.driver.bytes,
        "drivers/misc/hl/obsolete.c": "int hl_obsolete;\n".bytes,
        "firmware/hl.bin": Self.binary,
        "README": "hl\n".bytes,
      ],
      message: "base\n", author: maintainer)

    let author = signature("Oded Gabbay", "ogabbay@example.org", 1_631_448_000, 120)
    let committer = signature("Uapi Maintainer", "maint@example.org", 1_631_450_000, -300)
    let first = try repository.commit(
      files: [
        Self.header: Self.headerText(ops: ["HL_MEM_OP_ALLOC", "HL_MEM_OP_FREE", "HL_MEM_OP_EXPORT_DMABUF_FD"]).bytes,
        "include/uapi/misc/hl_dmabuf.h": "#define HL_DMABUF_MAX_SIZE (1ULL << 40)\n".bytes,
      ],
      message: """
        habanalabs: add HL_MEM_OP_EXPORT_DMABUF_FD
        to the memory ioctl

        Export device memory as a dma-buf so a peer device can reach it.

        Signed-off-by: Oded Gabbay <ogabbay@example.org>

        """,
      author: author, committer: committer)
    let second = try repository.commit(
      files: [
        "drivers/misc/hl/memory.c": nil,
        "drivers/misc/hl/mem.c": Self.driver.replacingOccurrences(of: "return 7;", with: "return -7;").bytes,
        "firmware/hl.bin": Self.binaryChanged,
      ],
      message: "habanalabs: rename memory.c to mem.c\n\nAlso refresh the firmware image — café.\n",
      author: signature("Tomér Täyar", "ttayar@example.org", 1_631_449_000, 180), committer: committer)
    let third = try repository.commit(
      files: ["drivers/misc/hl/obsolete.c": nil],
      message: "habanalabs: drop obsolete.c\n",
      author: author, committer: committer)
    series = [first, second, third]
  }
}
