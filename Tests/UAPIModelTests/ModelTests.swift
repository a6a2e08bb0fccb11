import Foundation
import Testing
import UAPIModel
import ReferenceDriver

@Suite struct ModelTests {
  @Test func bundledHeaderHasTheKernelABI() throws {
    let result = UAPILoader.load([.text(path: BundledHeader.path, text: BundledHeader.text)], abis: ABI.allCases)
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    for unit in try #require(result.headers.first).units {
      let names = unit.ownRecords.map { unit.speller.displayName(ofRecord: $0) }
      #expect(names == ["struct hl_mem_in", "struct hl_mem_out", "union hl_mem_args"])
      let sizes = unit.ownRecords.map { unit.layouts[$0]?.size }
      #expect(sizes == [40, 16, 40], "\(unit.abi)")
      let memory = try #require(unit.macros.first { $0.name == "HL_IOCTL_MEMORY" })
      #expect(memory.value?.bits == 0xc028_4805)
      let ioctl = try #require(memory.ioctl)
      #expect(ioctl.direction == .readWrite && ioctl.type == 0x48 && ioctl.nr == 5 && ioctl.size == 40)
      #expect(ioctl.argument == "union hl_mem_args" && ioctl.argumentIsType)
      #expect(ioctl.numbers[.powerpc] == 0xc028_4805 && ioctl.numbers[.parisc] == 0xc028_4805)
      #expect(unit.macros.first { $0.name == "HL_MEM_OP_EXPORT_DMABUF_FD" }?.value?.bits == 5)
      let inLayout = try #require(unit.layouts[unit.ownRecords[0]])
      #expect(inLayout.members.first { $0.path == "op" }?.offset == 24)
      #expect(inLayout.members.first { $0.path == "export_dmabuf_fd.mem_size" }?.offset == 8)
      #expect(inLayout.holes.isEmpty && inLayout.tailPadding == 0)
    }
  }

  @Test func kernelDocIsAttachedToRecordsMembersAndMacros() throws {
    let unit = try #require(
      UAPILoader.load([.text(path: BundledHeader.path, text: BundledHeader.text)], abis: [.x86_64]).headers.first?.units.first)
    let hlIn = unit.records[unit.ownRecords[0]]
    #expect(hlIn.doc?.isKernelDoc == true)
    #expect(hlIn.doc?.summary?.contains("operands of HL_IOCTL_MEMORY") == true)
    #expect(hlIn.doc?.parameter("ctx_id")?.contains("must be zero") == true)
    let out = unit.records[unit.ownRecords[1]]
    let inner = try #require(out.members?.first.flatMap { m -> RecordDecl? in
      if case .record(let r) = m.type { return unit.records[r] } else { return nil }
    })
    _ = inner
    let export = try #require(unit.macros.first { $0.name == "HL_MEM_OP_EXPORT_DMABUF_FD" })
    #expect(export.doc?.text.contains("dma-buf") == true)
  }

  @Test func ioctlsDecodeThroughWrappersAndRawIOC() throws {
    let text = """
      #include <linux/ioctl.h>
      #include <linux/types.h>
      struct w { __u32 a; __u32 b; };
      #define BASE 'd'
      #define MY_IOWR(nr, type) _IOWR(BASE, 0x40 + (nr), type)
      #define CMD_WRAPPED MY_IOWR(0x04, struct w)
      #define CMD_RAW _IOC(_IOC_READ, 'x', 3, 12)
      #define CMD_NONE _IO('x', 9)
      #define CMD_PTR _IOW('b', 1, const char *)
      """
    for abi in ABI.allCases {
      let unit = try #require(load(text, abis: [abi]).headers.first?.units.first)
      let wrapped = try #require(unit.macros.first { $0.name == "CMD_WRAPPED" }?.ioctl)
      #expect(wrapped.nr == 0x44 && wrapped.type == 0x64 && wrapped.size == 8 && wrapped.builder == "_IOWR")
      #expect(wrapped.numbers[.generic] == 0xc008_6444)
      let raw = try #require(unit.macros.first { $0.name == "CMD_RAW" }?.ioctl)
      #expect(raw.direction == .read && raw.size == 12 && !raw.argumentIsType)
      #expect(raw.numbers[.powerpc] == 0x400c_7803)
      let none = try #require(unit.macros.first { $0.name == "CMD_NONE" }?.ioctl)
      #expect(none.numbers[.generic] == 0x7809 && none.numbers[.powerpc] == 0x2000_7809)
      let pointer = try #require(unit.macros.first { $0.name == "CMD_PTR" }?.ioctl)
      #expect(pointer.argumentIsPointer && pointer.size == (abi == .x86_64 || abi == .arm64 ? 8 : 4))
    }
  }

  @Test func constantsFollowCTypesPerABI() throws {
    let text = """
      enum { E0, E1 = 5, E2 };
      #define A (~0UL)
      #define B (-1)
      #define C (1U << 31)
      #define D (sizeof(long) * 8)
      #define E (E2 + 1)
      #define F ((unsigned char)0x1ff)
      #define G ('\\xff')
      #define S "not a number"
      #define FN(x) ((x) + 1)
      """
    let x64 = try #require(load(text, abis: [.x86_64]).headers.first?.units.first)
    let i386 = try #require(load(text, abis: [.i386]).headers.first?.units.first)
    let arm = try #require(load(text, abis: [.arm]).headers.first?.units.first)
    func value(_ u: HeaderUnit, _ n: String) -> IntegerValue? { u.macros.first { $0.name == n }?.value }
    #expect(value(x64, "A")?.bits == UInt64.max)
    #expect(value(i386, "A")?.bits == 0xffff_ffff)
    #expect(value(x64, "B")?.signed == -1 && value(x64, "B")?.isSigned == true)
    #expect(value(x64, "C")?.bits == 0x8000_0000 && value(x64, "C")?.type == .unsignedInt)
    #expect(value(x64, "D")?.bits == 64 && value(i386, "D")?.bits == 32)
    #expect(value(x64, "E")?.bits == 7)
    #expect(value(x64, "F")?.bits == 0xff)
    #expect(value(x64, "G")?.signed == -1 && value(arm, "G")?.bits == 255)
    #expect(value(x64, "S") == nil && value(x64, "FN") == nil)
    #expect(x64.macros.first { $0.name == "FN" }?.isFunctionLike == true)
  }

  @Test func conditionalsAndArchMacrosChooseDeclarations() throws {
    let text = """
      #if defined(__x86_64__) && !defined(__ILP32__)
      struct only64 { long x; };
      #elif defined(__i386__)
      struct only32 { long x; };
      #else
      struct other { long x; };
      #endif
      #ifndef __KERNEL__
      struct user { int y; };
      #endif
      """
    let units = try #require(load(text, abis: ABI.allCases).headers.first?.units)
    let names = units.map { u in u.ownRecords.map { u.speller.displayName(ofRecord: $0) } }
    #expect(names[0] == ["struct only64", "struct user"])
    #expect(names[1] == ["struct only32", "struct user"])
    #expect(names[2] == ["struct other", "struct user"])
  }
}

@Suite struct ConstantExpressionTests {
  private func value(_ text: String, _ name: String, abi: ABI = .x86_64) -> IntegerValue? {
    load(text, abis: [abi]).headers.first?.units.first?.macros.first { $0.name == name }?.value
  }

  @Test func sizeofStringLiteralCountsEscapesOnceAndTheNul() {
    #expect(value("#define P \"user.\"\n#define L (sizeof(P) - 1)\n", "L")?.bits == 5)
    #expect(value("#define L sizeof(\"a\\n\\x41\" \"b\")\n", "L")?.bits == 5)
  }

  @Test func builtinConstantPChoosesTheConstantBranchOnly() {
    let text = """
      #define SWAP16(x) ((unsigned short)((((x) & 0xff) << 8) | (((x) & 0xff00) >> 8)))
      #define CPU_TO_BE16(x) (__builtin_constant_p(x) ? SWAP16(x) : runtime_swab16(x))
      #define V CPU_TO_BE16(0x0104)
      """
    #expect(value(text, "V")?.bits == 0x0401)
  }

  @Test func offsetofNeedsStddefButMemberAddressFoldsOnGCCOnly() {
    let text = """
      struct s { int a; int b[3]; char c; };
      #define NO_STDDEF offsetof(struct s, c)
      #define BUILTIN __builtin_offsetof(struct s, b[2])
      #define ADDRESS ((long)&((struct s *)0)->c)
      """
    #expect(value(text, "NO_STDDEF") == nil)
    #expect(value(text, "BUILTIN")?.bits == 12)
    #expect(value(text, "ADDRESS")?.bits == 16)
    #expect(value(text, "ADDRESS", abi: .arm64) == nil)
  }

  @Test func sizeofMemberThroughNullPointer() {
    let text = "struct s { int a; char name[24]; };\n#define N sizeof(((struct s *)0)->name)\n"
    #expect(value(text, "N")?.bits == 24)
  }
}

@Suite struct JSONReportTests {
  @Test func versionComesFirstAndOutputIsByteStable() throws {
    let result = UAPILoader.load([.text(path: BundledHeader.path, text: BundledHeader.text)], abis: ABI.allCases)
    let first = try HeaderReportJSON(result: result, abis: ABI.allCases).encoded()
    let again = try HeaderReportJSON(
      result: UAPILoader.load([.text(path: BundledHeader.path, text: BundledHeader.text)], abis: ABI.allCases),
      abis: ABI.allCases
    ).encoded()
    #expect(first == again)
    let text = String(decoding: first, as: UTF8.self)
    #expect(text.hasPrefix("{\n  \"schemaVersion\" : \(HeaderReportJSON.currentVersion),\n"))
    let decoded = try JSONDecoder().decode(HeaderReportJSON.self, from: first)
    #expect(decoded.headers.first?.units.count == 5)
    let ioctl = try #require(decoded.headers.first?.units.first?.ioctls.first)
    #expect(ioctl.name == "HL_IOCTL_MEMORY" && ioctl.numbers["generic"] == 0xc028_4805)
  }
}
