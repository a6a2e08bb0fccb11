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

/// Included files are preprocessed once per worker and replayed when the macros they read are the
/// same, and the parse of a unit's leading includes is reused; results must equal fresh reads.
@Suite struct ReuseTests {
  @Test func replayedIncludesGiveTheSameModelAsFreshReads() throws {
    let dir = NSTemporaryDirectory() + "uapi-review-reuse-\(getpid())"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    func write(_ name: String, _ text: String) throws {
      try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
    }
    try write("common.h", """
      #ifndef COMMON_H
      #define COMMON_H
      #ifdef WIDE
      typedef unsigned long long num_t;
      #else
      typedef unsigned int num_t;
      #endif
      struct common { num_t v; };
      #endif
      """)
    try write("a.h", "#include \"common.h\"\nstruct a { num_t x; char c; };\n")
    try write("b.h", "#define WIDE 1\n#include \"common.h\"\nstruct b { num_t x; char c; };\n")
    try write("c.h", "#include \"common.h\"\nstruct cc { struct common k; num_t y; };\n")
    try write("d.h", "#include \"common.h\"\n#define WIDE 1\n#include \"common.h\"\nstruct d { num_t z; };\n")
    let names = ["a.h", "b.h", "c.h", "d.h", "a.h", "b.h", "c.h", "d.h"]
    func sizes(_ result: LoadResult) -> [[Int?]] {
      result.headers.map { h in h.units.flatMap { u in u.ownRecords.map { u.layouts[$0]?.size } } }
    }
    let together = UAPILoader.load(names.map { .file(dir + "/" + $0) }, abis: [.x86_64, .i386])
    let alone = names.map { UAPILoader.load([.file(dir + "/" + $0)], abis: [.x86_64, .i386]) }
    #expect(sizes(together) == alone.flatMap(sizes))
    #expect(sizes(together)[0] == [8, 8] && sizes(together)[1] == [16, 12])
    #expect(sizes(together)[2] == [8, 8] && sizes(together)[3] == [4, 4])
  }
}
