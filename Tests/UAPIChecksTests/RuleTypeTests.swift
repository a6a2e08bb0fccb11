import Diagnostics
import Testing

@testable import UAPIChecks

/// U1–U9: one header that breaks the rule (with the exact line:col) and one that does not.
@Suite struct RuleTypeTests {
  @Test func u1PlainIntegers() {
    let bad = lint(wrap("struct t {\n\tint count;\n\tunsigned short s;\n\t__u32 ok;\n};"))
    #expect(bad.at("U1") == ["7:2", "8:2"])
    #expect(bad.rule("U1").first?.severity == .error)
    #expect(lint(wrap("struct t {\n\t__s32 count;\n\t__u16 s;\n\t__u16 pad;\n};")).rule("U1").isEmpty)
  }

  @Test func u2Long() {
    let bad = lint(wrap("struct t {\n\t__u32 a;\n\tunsigned long n;\n};"))
    #expect(bad.at("U2") == ["8:2"])
    #expect(bad.rule("U1").isEmpty)
    #expect(bad.rule("U2").first?.evidence.contains("i386: 4 bytes") == true)
    #expect(lint(wrap("struct t {\n\t__u32 a;\n\t__u32 pad;\n\t__u64 n;\n};")).rule("U2").isEmpty)
  }

  @Test func u3Pointers() {
    let bad = lint(wrap("struct t {\n\tvoid *p;\n\tconst char *names[2];\n};"))
    #expect(bad.at("U3") == ["7:2", "8:2"])
    #expect(lint(wrap("struct t {\n\t__u64 p;\n};")).rule("U3").isEmpty)
  }

  @Test func u4BitfieldsAndEnums() {
    let bad = lint(wrap("enum e { E0, E1 };\nstruct t {\n\t__u32 a:3;\n\tenum e kind;\n};"))
    #expect(bad.at("U4") == ["8:2", "9:2"])
    #expect(bad.rule("U4").map(\.severity) == [.error, .warning])
    #expect(lint(wrap("enum e { E0, E1 };\nstruct t {\n\t__u32 a;\n\t__u32 kind;\n};")).rule("U4").isEmpty)
  }

  @Test func u5Bool() {
    let bad = lint(wrap("struct t {\n\t_Bool on;\n\t__u8 pad[3];\n};"))
    #expect(bad.at("U5") == ["7:2"])
    #expect(lint(wrap("struct t {\n\t__u8 on;\n\t__u8 pad[3];\n};")).rule("U5").isEmpty)
  }

  @Test func u6CharOnlyForStrings() {
    let bad = lint(wrap("struct t {\n\tchar level;\n\tchar name[15];\n};"))
    #expect(bad.at("U6") == ["7:2"])
    #expect(lint(wrap("struct t {\n\t__s8 level;\n\tchar name[15];\n};")).rule("U6").isEmpty)
  }

  @Test func u7TimeTypes() {
    let bad = lint(wrap("struct timespec { __s64 s; __s64 ns; };\nstruct t {\n\tstruct timespec when;\n\t__u64 timeout_ns;\n};"))
    #expect(bad.at("U7") == ["8:2", "9:2"])
    #expect(bad.rule("U7").map(\.severity) == [.error, .warning])
    let good = lint(wrap("struct t {\n\t/* absolute CLOCK_MONOTONIC deadline */\n\t__u64 timeout_ns;\n};"))
    #expect(good.rule("U7").isEmpty)
  }

  @Test func u8FileDescriptors() {
    let bad = lint(wrap("struct t {\n\t__u64 fd;\n\t__u32 out_fence_fd;\n\t__u32 pad;\n};"))
    #expect(bad.at("U8") == ["7:2", "8:2"])
    #expect(bad.rule("U8").first?.severity == .warning)
    #expect(bad.rule("U8").first?.excerpt == "\t__u64 fd;")
    #expect(lint(wrap("struct t {\n\t__s32 fd;\n\t__s32 out_fence_fd;\n};")).rule("U8").isEmpty)
  }

  @Test func u9WideHandles() {
    let bad = lint(wrap("struct t {\n\t/* in; the buffer to use */\n\t__u64 handle;\n};"))
    #expect(bad.at("U9") == ["8:2"])
    let good = lint(
      wrap(
        """
        struct t_out {
        \t/* out; the new buffer, upper 32 bits are zero */
        \t__u64 handle;
        };
        struct t {
        \t/* in; as returned in &t_out.handle */
        \t__u64 handle;
        \t/* out; written by the kernel */
        \t__u64 other_handle;
        };
        """))
    #expect(good.rule("U9").isEmpty, "\(good.dump)")
  }
}
