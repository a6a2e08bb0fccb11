import Diagnostics
import Testing

@testable import UAPIChecks

/// L1–L9 on small headers laid out on all five ABIs.
@Suite struct RuleLayoutTests {
  /// IOC's example: `{__u32 a; __u64 b; __u32 c;}` is 24 bytes on x86_64 and 16 on i386.
  static let iocExample = wrap("struct foo {\n\t__u32 a;\n\t__u64 b;\n\t__u32 c;\n};")
  static let fixed = wrap("struct foo {\n\t__u32 a;\n\t__u32 pad;\n\t__u64 b;\n\t__u32 c;\n\t__u32 pad2;\n};")

  @Test func l1DifferentLayouts() {
    let bad = lint(Self.iocExample)
    #expect(bad.at("L1") == ["8:2"])
    #expect(bad.rule("L1").first?.evidence.contains("size: x86_64 24, i386 16, x32 24, arm64 24, arm 24") == true)
    #expect(lint(Self.fixed).rule("L1").isEmpty)
  }

  @Test func l2ImplicitPadding() {
    let bad = lint(Self.iocExample)
    #expect(bad.at("L2") == ["7:2", "9:2"])
    #expect(bad.rule("L2").first?.message.contains("4-byte implicit hole after 'struct foo.a' at offset 4") == true)
    #expect(bad.rule("L2").last?.message.contains("tail padding at offset 20") == true)
    #expect(lint(Self.fixed).rule("L2").isEmpty)
  }

  @Test func l3NaturalAlignment() {
    let bad = lint(wrap("struct p {\n\t__u8 a;\n\t__u16 b;\n\t__u8 c;\n} __attribute__((packed));"))
    #expect(bad.at("L3") == ["8:2"])
    #expect(lint(wrap("struct p {\n\t__u8 a;\n\t__u8 c;\n\t__u16 b;\n};")).rule("L3").isEmpty)
  }

  @Test func l4SizeMultiple() {
    let bad = lint(wrap("struct s {\n\t__u64 a;\n\t__u32 b;\n};"))
    #expect(bad.at("L4") == ["6:8"])
    #expect(bad.rule("L4").first?.evidence == ["i386 size 12"])
    #expect(lint(wrap("struct s {\n\t__u64 a;\n\t__u32 b;\n\t__u32 pad;\n};")).rule("L4").isEmpty)
  }

  @Test func l5SixtyFourBitAlignment() {
    let bad = lint(Self.iocExample)
    #expect(bad.at("L5") == ["8:2"])
    #expect(bad.rule("L5").first?.message.contains("i386 offset 4") == true)
    let aligned = lint(wrap("struct foo {\n\t__u32 a;\n\t__u32 pad;\n\t__aligned_u64 b;\n};"))
    #expect(aligned.rule("L5").isEmpty)
  }

  @Test func l6SizeMultipleOf4() {
    let bad = lint(wrap("struct s {\n\t__u8 a;\n\t__u8 b;\n};"))
    #expect(bad.at("L6") == ["6:8"])
    #expect(lint(wrap("struct s {\n\t__u8 a;\n\t__u8 b;\n\t__u16 pad;\n};")).rule("L6").isEmpty)
  }

  @Test func l7Packed() {
    let bad = lint(wrap("struct s {\n\t__u32 a;\n} __attribute__((packed));"))
    #expect(bad.at("L7") == ["6:8"])
    #expect(lint(wrap("struct s {\n\t__u32 a;\n};")).rule("L7").isEmpty)
  }

  @Test func l8FlexibleArrayInIoctlArgument() {
    let body = "struct v {\n\t__u32 n;\n\t__u32 pad;\n\t__u64 items[];\n};\n#define V_IOCTL_SET _IOW('x', 1, struct v)"
    #expect(lint(wrap(body)).at("L8") == ["9:2"])
    // The same struct, not used as an ioctl argument.
    let unused = "struct v {\n\t__u32 n;\n\t__u32 pad;\n\t__u64 items[];\n};"
    #expect(lint(wrap(unused)).rule("L8").isEmpty)
  }

  @Test func l9SmallerUnionMembers() {
    let bad = lint(wrap("union u {\n\t__s32 fd;\n\t__u64 handle;\n};"))
    #expect(bad.at("L9") == ["6:7"])
    #expect(bad.rule("L9").first?.evidence == ["fd (4 of 8 bytes)"])
    let good = lint(wrap("/* The driver clears the whole union before writing a member. */\nunion u {\n\t__s32 fd;\n\t__u64 handle;\n};"))
    #expect(good.rule("L9").isEmpty)
  }
}
