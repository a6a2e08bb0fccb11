import Diagnostics
import Foundation
import Testing

@testable import UAPIChecks

/// H1–H9 on the header text and model.
@Suite struct RuleHygieneTests {
  static let clean = wrap("/* A thing. */\nstruct t {\n\t/* in; the value */\n\t__u32 a;\n};")

  @Test func h1SPDX() {
    let gpl = lint(Self.clean.replacingOccurrences(of: " WITH Linux-syscall-note", with: ""))
    #expect(gpl.at("H1") == ["1:4"])
    #expect(gpl.rule("H1").first?.severity == .error)
    let missing = lint(String(Self.clean.drop { $0 != "\n" }.dropFirst()))
    #expect(missing.at("H1") == ["1:1"])
    #expect(missing.rule("H1").first?.severity == .warning)
    #expect(lint(Self.clean).rule("H1").isEmpty)
  }

  @Test func h2ConfigLeaks() {
    let bad = lint(wrap("#define T_SIZE CONFIG_T_SIZE"))
    #expect(bad.at("H2") == ["6:16"])
    let good = lint(wrap("#ifdef __KERNEL__\n#define T_SIZE CONFIG_T_SIZE\n#endif\n/* comment naming CONFIG_T */"))
    #expect(good.rule("H2").isEmpty)
  }

  @Test func h3KernelOnlyNames() {
    let bad = lint(wrap("#ifdef __KERNEL__\n#define T_MAX 4\n#endif\nstruct t {\n\t__u32 v[T_MAX];\n};"))
    #expect(bad.at("H3") == ["10:10"])
    let good = lint(wrap("#define T_MAX 4\nstruct t {\n\t__u32 v[T_MAX];\n};"))
    #expect(good.rule("H3").isEmpty)
  }

  @Test func h4Includes() {
    let bad = lint(wrap("#include <stdio.h>\n#include <linux/not_exported_here.h>"))
    #expect(bad.at("H4") == ["6:1", "7:1"])
    #expect(lint(Self.clean).rule("H4").isEmpty)
  }

  @Test func h5TypesInclude() {
    let bad = lint("/* SPDX-License-Identifier: MIT */\n#ifndef T_H\n#define T_H\nstruct t {\n\t__u32 a;\n};\n#endif\n")
    #expect(bad.at("H5") == ["5:2"])
    #expect(lint(Self.clean).rule("H5").isEmpty)
  }

  @Test func h6Declarations() {
    let bad = lint(wrap("int t_open(const char *path);\nextern int t_count;"))
    #expect(bad.at("H6") == ["6:1", "7:1"])
    #expect(lint(Self.clean).rule("H6").isEmpty)
  }

  @Test func h7C90() {
    let bad = lint(wrap("struct t {\n\t__u32 a; // the value\n};\nstatic inline int t_f(void) { return 0; }"))
    #expect(bad.at("H7") == ["7:11", "9:8"])
    #expect(lint(Self.clean).rule("H7").isEmpty)
    // `asm/` in an include path is a directory, not the keyword.
    #expect(lint(wrap("#include <asm/ioctl.h>")).rule("H7").isEmpty)
  }

  @Test(.enabled(if: CompileCheck.findCompiler() != nil)) func h7CompilesWithGCC() {
    let bad = lint(wrap("struct t {\n\t__u32 a;\n\tt_unknown_t b;\n};"), compile: true)
    #expect(bad.rule("H7").contains { $0.location?.line == 8 && $0.message.hasPrefix("gcc -std=c90:") }, "\(bad.dump)")
    #expect(lint(Self.clean, compile: true).rule("H7").isEmpty)
    // A name that cannot stand in an #include line is compiled from a copy, not reported.
    #expect(lint(Self.clean, path: "include/uapi/misc/we\"ird\\.h", compile: true).rule("H7").isEmpty)
  }

  @Test func h8IncludeGuard() {
    let noGuard = "/* SPDX-License-Identifier: MIT */\n#include <linux/types.h>\nstruct t {\n\t__u32 a;\n};\n"
    #expect(lint(noGuard).at("H8") == ["1:1"])
    let wrongDefine = "/* x */\n#ifndef T_H\n#define T_X\n#include <linux/types.h>\n#endif\n"
    #expect(lint(wrongDefine).at("H8") == ["2:1"])
    #expect(lint(Self.clean).rule("H8").isEmpty)
  }

  @Test func h9Documentation() {
    let bad = lint(wrap("struct t {\n\t__u32 a;\n};\n#define T_FLAG 0x1"))
    #expect(bad.at("H9") == ["6:8", "7:2", "9:9"])
    let kernelDoc = lint(wrap("/**\n * struct t - a thing\n * @a: in; the value\n */\nstruct t {\n\t__u32 a;\n};\n/* a flag */\n#define T_FLAG 0x1"))
    #expect(kernelDoc.rule("H9").isEmpty, "\(kernelDoc.dump)")
  }
}
