import Diagnostics
import Rendering

/// A report modelled on the hl-dmabuf review: an ABI break, a rule error introduced by patch 1 and
/// fixed by patch 2, a waived warning, a verification failure, a note without a location, and one
/// finding whose every field is hostile text.
enum Sample {
  static let header = "include/uapi/drm/habanalabs_accel.h"

  static let hostile =
    "bad </failure> ]]> <script>alert(1)</script> | pipe | **bold** [x](javascript:alert(1)) `tick` & \u{1B}[31mred\u{0}\u{7}\u{FFFE}"

  static let rules: [RuleInfo] = [
    RuleInfo(
      id: "U8", title: "64-bit members are naturally aligned on every ABI",
      help: "Pad explicitly so i386 and x86_64 agree (botching-up-ioctls.rst).", severity: .error),
    RuleInfo(id: "I8", title: "ioctl argument structs have no implicit holes", severity: .warning),
    RuleInfo(id: "D13", title: "Every flag bit is documented", severity: .note),
    RuleInfo(id: "ABI.member-retyped", title: "A member changed type", severity: .error),
    RuleInfo(id: "verify.layout", title: "The header's layout matches the reference driver", severity: .error),
    RuleInfo(id: "L2", title: "Reserved fields are checked to be zero", severity: .warning),
  ]

  static let findings: [RuleFinding] = [
    RuleFinding(
      rule: "U8", severity: .error, message: "__u64 'addr' is at offset 4 on i386 but 8 on x86_64",
      location: SourceLocation(file: header, line: 42, column: 8), excerpt: "\t__u64 addr;",
      help: "Pad explicitly so i386 and x86_64 agree.", evidence: ["i386: offset 4", "x86_64: offset 8"],
      introducedBy: "v6 1/2"),
    RuleFinding(
      rule: "I8", severity: .warning, message: "4-byte hole after 'flags'",
      location: SourceLocation(file: header, line: 50, column: 2), excerpt: "\t__u32 flags;",
      introducedBy: "v6 1/2", waiver: "hole is named in v7; tracked in the cover letter"),
    RuleFinding(
      rule: "ABI.member-retyped", severity: .error, message: "'size' changed from __u32 to __u64",
      location: SourceLocation(file: header, line: 61, column: 2), excerpt: "\t__u64 size;", introducedBy: "v6 2/2"),
    RuleFinding(
      rule: "verify.layout", severity: .error, message: "struct hl_mem_in is 40 bytes in the header, 48 in the driver"),
    RuleFinding(
      rule: "L2", severity: .warning, message: "reserved 'pad' is not checked to be zero",
      location: SourceLocation(file: "drivers/accel/habanalabs/common/memory.c", line: 120, column: 3),
      excerpt: "\tif (args->in.flags & ~HL_MEM_FLAGS)", introducedBy: "v6 1/2", fixedBy: "v6 2/2"),
    RuleFinding(
      rule: "D13", severity: .note, message: hostile,
      location: SourceLocation(file: "include/uapi/drm/odd name <&>.h", line: 7, column: 5),
      excerpt: "#define X ``` </failure> ]]> \u{1B}[2J", help: hostile, evidence: [hostile]),
  ]

  static let report = FindingReport(
    version: "0.1.0", subject: "series hl-dmabuf v6", findings: findings, rules: rules,
    url: "https://ci.example.org/uapi-review/hl-dmabuf/v6", informationURI: "https://example.org/uapi-review")

  static let clean = FindingReport(version: "0.1.0", subject: "series hl-dmabuf v7", findings: [], rules: rules)
}
