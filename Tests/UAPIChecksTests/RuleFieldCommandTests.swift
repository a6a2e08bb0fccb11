import Diagnostics
import Testing

@testable import UAPIChecks

/// F1, F2, F4 and the ioctl command rules I1–I7, I10.
@Suite struct RuleFieldCommandTests {
  @Test func f1PadAndFlagsMustBeZero() {
    let bad = lint(wrap("struct t {\n\t__u32 flags;\n\t__u32 pad;\n};"))
    #expect(bad.at("F1") == ["7:2", "8:2"])
    let good = lint(
      wrap("struct t {\n\t/* in; T_* flags, other bits must be zero */\n\t__u32 flags;\n\t/* must be zero */\n\t__u32 pad;\n};"))
    #expect(good.rule("F1").isEmpty)
    // "must not be zero" is not a must-be-zero statement.
    #expect(lint(wrap("struct t {\n\t/* must not be zero */\n\t__u32 reserved;\n};")).at("F1") == ["8:2"])
  }

  @Test func f2NotInUseIsReserved() {
    let bad = lint(wrap("struct t {\n\t/* Context ID - Currently not in use */\n\t__u32 ctx_id;\n};"))
    #expect(bad.at("F2") == ["8:2"])
    let good = lint(wrap("struct t {\n\t/* Context ID - currently not in use, must be zero */\n\t__u32 ctx_id;\n};"))
    #expect(good.rule("F2").isEmpty)
  }

  @Test func f4FlagsWithTwoMeanings() {
    let bad = lint(
      wrap(
        "struct t {\n\t/* T_MEM_* flags; for T_OP_EXPORT the O_CLOEXEC/O_RDWR file flags. Other bits must be zero. */\n"
          + "\t__u32 flags;\n};"))
    #expect(bad.at("F4") == ["8:2"])
    let good = lint(wrap("struct t {\n\t/* T_MEM_* flags; other bits must be zero. */\n\t__u32 flags;\n};"))
    #expect(good.rule("F4").isEmpty)
  }

  static let arg = "struct t {\n\t__u32 a;\n\t__u32 b;\n};\n"

  @Test func i1RawCommandNumbers() {
    let bad = lint(wrap(Self.arg + "#define T_IOCTL_GET 0xc0084801"))
    #expect(bad.at("I1") == ["10:9"])
    #expect(lint(wrap(Self.arg + "#define T_IOCTL_GET _IOWR('x', 1, struct t)\n#define T_IOCTL_BASE 0x40")).rule("I1").isEmpty)
  }

  @Test func i2SizeofAndPointerArguments() {
    let bad = lint(wrap(Self.arg + "#define T_IOCTL_A _IOW('x', 1, sizeof(struct t))\n#define T_IOCTL_B _IOW('x', 2, const char *)"))
    #expect(bad.at("I2") == ["10:32", "11:32"])
    #expect(lint(wrap(Self.arg + "#define T_IOCTL_A _IOW('x', 1, struct t)")).rule("I2").isEmpty)
  }

  @Test func i3IONeedsNoArgument() {
    let bad = lint(wrap(Self.arg + "/* Reset; takes a pointer to &struct t. */\n#define T_IOCTL_RESET _IO('x', 3)"))
    #expect(bad.at("I3") == ["11:9"])
    #expect(lint(wrap(Self.arg + "/* Reset the device. */\n#define T_IOCTL_RESET _IO('x', 3)")).rule("I3").isEmpty)
  }

  @Test func i4DirectionFollowsTheData() {
    let body = "union args {\n\tstruct t in;\n\tstruct t out;\n};\n"
    let bad = lint(wrap(Self.arg + body + "#define T_IOCTL_Q _IOR('x', 4, union args)"))
    #expect(bad.at("I4") == ["14:9"])
    #expect(lint(wrap(Self.arg + body + "#define T_IOCTL_Q _IOWR('x', 4, union args)")).rule("I4").isEmpty)
  }

  @Test func i5ArgumentSize() {
    let bad = lint(wrap("struct big {\n\t__u8 bytes[9000];\n};\n#define T_IOCTL_BIG _IOW('x', 5, struct big)"))
    #expect(bad.at("I5") == ["9:9"])
    let good = lint(wrap("struct big {\n\t__u8 bytes[8000];\n};\n#define T_IOCTL_BIG _IOW('x', 5, struct big)"))
    #expect(good.rule("I5").isEmpty)
  }

  @Test func i6UniqueNumbers() {
    let bad = lint(wrap(Self.arg + "#define T_IOCTL_A _IOW('x', 1, struct t)\n#define T_IOCTL_B _IOR('x', 1, struct t)"))
    #expect(bad.at("I6") == ["11:9"])
    let good = lint(wrap(Self.arg + "#define T_IOCTL_A _IOW('x', 1, struct t)\n#define T_IOCTL_B _IOR('x', 2, struct t)"))
    #expect(good.rule("I6").isEmpty)
  }

  @Test func i7DRMRange() {
    let drm = "#define DRM_IOWR(nr, type) _IOWR('d', nr, type)\n" + Self.arg
    let bad = lint(wrap(drm + "#define DRM_IOCTL_T_A DRM_IOWR(0x10, struct t)"), path: "include/uapi/drm/t_drm.h")
    #expect(bad.at("I7") == ["11:9"])
    let good = lint(wrap(drm + "#define DRM_IOCTL_T_A DRM_IOWR(0x40, struct t)"), path: "include/uapi/drm/t_drm.h")
    #expect(good.rule("I7").isEmpty)
    // Outside drm/ the rule does not apply.
    #expect(lint(wrap(drm + "#define DRM_IOCTL_T_A DRM_IOWR(0x10, struct t)")).rule("I7").isEmpty)
  }

  @Test func i10VersionFields() {
    let bad = lint(wrap("struct v {\n\t__u32 version;\n\t__u32 op;\n};\n#define T_IOCTL_V _IOW('x', 6, struct v)"))
    #expect(bad.at("I10") == ["7:2"])
    let good = lint(wrap("struct v {\n\t/* out; driver version */\n\t__u32 version;\n\t__u32 op;\n};\n#define T_IOCTL_V _IOWR('x', 6, struct v)"))
    #expect(good.rule("I10").isEmpty)
  }
}
