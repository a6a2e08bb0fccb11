import MailSeries
import ReferenceDriver
import Testing
import UAPIModel
import Verification

/// A wrong header is caught: each mutation of the bundled header breaks verification with the
/// finding that names it, and the unmutated header verifies.
@Suite struct MutationTests {
  static func verify(_ text: String) -> VerificationReport {
    let loaded = UAPILoader.load([.text(path: BundledHeader.path, text: text)], abis: [.x86_64])
    guard let unit = loaded.headers.first?.unit(.x86_64) else { fatalError("the bundled header did not load") }
    return Verifier.verify(unit: unit, path: BundledHeader.path, policies: [], depth: 1)
  }

  static func mutated(_ old: String, _ new: String) throws -> String {
    let text = BundledHeader.text
    try #require(text.components(separatedBy: old).count == 2, "'\(old)' must occur once in the bundled header")
    return text.replacingOccurrences(of: old, with: new)
  }

  @Test func theBundledHeaderVerifies() {
    let r = Self.verify(BundledHeader.text)
    #expect(r.findings.isEmpty, "\(r.findings.map(\.message))")
    #expect(r.scenarios.count >= 15 && r.scenarios.allSatisfy(\.passed))
  }

  @Test func swappingTwoFields() throws {
    let r = Self.verify(try Self.mutated("\t__u32 op;\n\t__u32 flags;\n", "\t__u32 flags;\n\t__u32 op;\n"))
    #expect(r.findings.contains { $0.id == "verify.layout" && $0.message.contains("struct hl_mem_in.op") })
    // Arguments laid out from the wrong model send the operation in the flags field.
    #expect(r.findings.contains { $0.id == "verify.scenario" })
  }

  @Test func changingAnOpcodeValue() throws {
    let r = Self.verify(try Self.mutated("#define HL_MEM_OP_FREE\t\t\t1", "#define HL_MEM_OP_FREE\t\t\t9"))
    #expect(r.findings.contains { $0.id == "verify.opcode" && $0.message.contains("HL_MEM_OP_FREE is 9 in the model but 1") })
    #expect(r.findings.contains { $0.id == "verify.scenario" && $0.message.contains("free") })
  }

  @Test func growingTheUnion() throws {
    let r = Self.verify(try Self.mutated("\tstruct hl_mem_out out;\n};", "\tstruct hl_mem_out out;\n\t__u64 more[6];\n};"))
    #expect(r.findings.contains { $0.id == "verify.layout" && $0.message.contains("union hl_mem_args: the parsed header gives size 48") })
    #expect(r.findings.contains { $0.id == "verify.command" && $0.message.contains("HL_IOCTL_MEMORY is 0xc0304805") })
  }

  @Test func readWriteBecomesWriteOnly() throws {
    let r = Self.verify(try Self.mutated("_IOWR('H', 0x05, union hl_mem_args)", "_IOW('H', 0x05, union hl_mem_args)"))
    #expect(r.findings.contains { $0.id == "verify.command" && $0.message.contains("0x40284805") })
    // Every call through the model's number is refused with ENOTTY.
    #expect(r.findings.contains { $0.id == "verify.scenario" && $0.message.contains("ENOTTY") })
  }

  @Test func droppingAPadField() throws {
    let r = Self.verify(try Self.mutated("\t\t\t__u32 pad;\n\t\t};\n\n\t\t__s32 fd;", "\t\t};\n\n\t\t__s32 fd;"))
    #expect(r.findings.contains { $0.id == "verify.layout" && $0.message.contains("struct hl_mem_out has no member pad") })
  }
}

/// The driver-side rules find nothing to object to in the bundled example's exporter patch.
@Suite struct BundledExampleDriverTests {
  @Test func exporterPatchHasNoDriverFindings() throws {
    var inputs = MailInputs()
    inputs.add(bytes: BundledExample.mbox, label: BundledExample.label)
    let patch = try #require((0..<inputs.store.count).map { inputs.store.message($0) }.first { $0.subject.contains("2/2") })
    var parser = PatchParser(path: patch.path)
    let files = parser.parse(patch.patch).files
    #expect(files.filter { $0.path.hasPrefix("drivers/") && $0.path.hasSuffix(".c") }.count >= 4)
    let findings = DriverPatchChecks.run(mail: patch)
    #expect(findings.isEmpty, "\(findings.map { "\($0.id) \($0.line): \($0.message)" })")
  }
}
