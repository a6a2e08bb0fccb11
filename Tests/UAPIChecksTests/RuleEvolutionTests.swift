import Diagnostics
import Testing
import UAPIModel

@testable import UAPIChecks

/// I8 and I9 over two states of a header.
@Suite struct RuleEvolutionTests {
  func compare(_ old: String, _ new: String, dispatch: HeaderEvolution.Dispatch = .fullNumber) -> [RuleFinding] {
    let a = UAPILoader.load([.text(path: "include/uapi/misc/t.h", text: old)], abis: ABI.allCases).headers[0]
    let b = UAPILoader.load([.text(path: "include/uapi/misc/t.h", text: new)], abis: ABI.allCases).headers[0]
    return HeaderEvolution.run(old: a, new: b, newText: new, dispatch: dispatch)
  }

  static let before = wrap("struct a {\n\t__u64 handle;\n\t__u64 size;\n};\n#define T_OP_X 1\n#define T_IOCTL_A _IOW('x', 1, struct a)")

  @Test func i8GrowingTheArgumentChangesTheNumber() {
    let grown = wrap(
      "struct a {\n\t__u64 handle;\n\t__u64 size;\n\t__u64 offset;\n};\n#define T_OP_X 1\n#define T_IOCTL_A _IOW('x', 1, struct a)")
    let findings = compare(Self.before, grown)
    #expect(findings.at("I8") == ["12:9"])
    #expect(findings.rule("I8").first?.severity == .error)
    #expect(findings.rule("I8").first?.evidence.contains("generic: 0x40107801 → 0x40187801") == true)
    #expect(findings.rule("I8").first?.evidence.last == "on every ABI")
    #expect(compare(Self.before, grown, dispatch: .byNumberField).rule("I8").first?.severity == .warning)
    #expect(findings.rule("I9").isEmpty, "\(findings.dump)")
    #expect(compare(Self.before, Self.before).isEmpty)
  }

  @Test func i9RenameRetypeAndRenumber() {
    let renamed = wrap("struct a {\n\t__u64 addr;\n\t__u64 size;\n};\n#define T_OP_X 2\n#define T_IOCTL_A _IOW('x', 1, struct a)")
    let findings = compare(Self.before, renamed)
    #expect(findings.at("I9") == ["7:2", "10:9"], "\(findings.dump)")
    #expect(findings.rule("I9").first?.message.contains("renamed to 'addr'") == true)
    #expect(findings.rule("I9").last?.message.contains("changed value from 1 to 2") == true)
    let retyped = wrap("struct a {\n\t__s64 handle;\n\t__u64 size;\n};\n#define T_OP_X 1\n#define T_IOCTL_A _IOW('x', 1, struct a)")
    #expect(compare(Self.before, retyped).at("I9") == ["7:2"])
    let renumbered = wrap("struct a {\n\t__u64 handle;\n\t__u64 size;\n};\n#define T_OP_X 1\n#define T_IOCTL_A _IOW('x', 2, struct a)")
    #expect(compare(Self.before, renumbered).at("I9") == ["11:9"])
  }

  @Test func i9EnumeratorValues() {
    let old = wrap("enum t_op {\n\tT_OP_A = 0,\n\tT_OP_B = 1,\n};")
    let new = wrap("enum t_op {\n\tT_OP_A = 0,\n\tT_OP_NEW = 1,\n\tT_OP_B = 2,\n};")
    let findings = compare(old, new)
    #expect(findings.at("I9") == ["9:2"], "\(findings.dump)")
    #expect(findings.rule("I9").first?.message.contains("'T_OP_B' changed value from 1 to 2") == true)
    let appended = wrap("enum t_op {\n\tT_OP_A = 0,\n\tT_OP_B = 1,\n\tT_OP_NEW = 2,\n};")
    #expect(compare(old, appended).isEmpty)
  }
}
