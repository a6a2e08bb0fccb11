import Foundation
import Testing
import UAPIModel

/// Include roots: a kernel source tree is recognised without flags, `asm/` is the ABI's own, and
/// a missing arch header falls back to `asm-generic` as the kernel's generated wrappers do.
@Suite struct IncludeTests {
  private func write(_ text: String, _ path: String) throws {
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try text.write(toFile: path, atomically: true, encoding: .utf8)
  }

  @Test func kernelTreeRootsAreFoundPerABI() throws {
    let tree = NSTemporaryDirectory() + "uapi-review-tree-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: tree) }
    try write("#include <asm/width.h>\n#include <asm/generic_only.h>\nstruct t { WIDTH_TYPE a; GENERIC_TYPE b; };\n",
      tree + "/include/uapi/linux/t.h")
    try write("#define WIDTH_TYPE unsigned short\n", tree + "/arch/x86/include/uapi/asm/width.h")
    try write("#define WIDTH_TYPE unsigned long long\n", tree + "/arch/arm64/include/uapi/asm/width.h")
    try write("#define WIDTH_TYPE unsigned char\n", tree + "/arch/arm/include/uapi/asm/width.h")
    try write("#define GENERIC_TYPE int\n", tree + "/include/uapi/asm-generic/generic_only.h")
    let result = UAPILoader.load([.file(tree + "/include/uapi/linux/t.h")], abis: [.x86_64, .arm64, .arm])
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    let sizes = try #require(result.headers.first).units.map { u in u.ownRecords.first.flatMap { u.layouts[$0]?.size } }
    #expect(sizes == [8, 16, 8])
  }

  @Test func includeNextContinuesAfterTheRootThatFoundTheFile() throws {
    let base = NSTemporaryDirectory() + "uapi-review-next-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: base) }
    try write("#define FIRST 1\n#include_next <n.h>\n", base + "/a/n.h")
    try write("#define SECOND 2\n", base + "/b/n.h")
    try write("#include <n.h>\nenum { V = FIRST + SECOND };\n", base + "/main.h")
    let result = UAPILoader.load([.file(base + "/main.h")], abis: [.x86_64], includeRoots: [base + "/a", base + "/b"])
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    let unit = try #require(result.headers.first?.units.first)
    #expect(unit.enums.first?.enumerators?.first?.value == 3)
  }
}
