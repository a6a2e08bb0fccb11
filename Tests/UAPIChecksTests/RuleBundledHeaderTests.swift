import Diagnostics
import Testing

@testable import UAPIChecks

/// The project's own headers: the bundled reference header follows the rules, and a fixture
/// shows the review's `__u64 fd`.
@Suite struct RuleBundledHeaderTests {
  @Test func bundledHeaderHasNoErrors() {
    let findings = lintFile(RulePaths.bundledHeader, compile: true)
    #expect(!findings.contains { $0.severity == .error }, "\(findings.dump)")
    // Two genuine warnings: map_device.handle is 64 bits wide and its documentation does not
    // say the upper bits are zero (U9), and hl_mem_in.flags holds HL_MEM_* flags or dma-buf
    // file flags depending on the operation (F4, the reuse the header documents).
    #expect(findings.map { "\($0.rule)@\($0.location?.line ?? 0):\($0.location?.column ?? 0)" } == ["U9@230:4", "F4@254:2"])
    #expect(findings.first?.excerpt == "\t\t\t__u64 handle;")
  }

  @Test func fixtureWithU64FD() {
    let findings = lintFile(RulePaths.fixture("out-union-u64-fd.h"), compile: true)
    #expect(findings.map { "\($0.rule)@\($0.location?.line ?? 0):\($0.location?.column ?? 0)" } == ["U8@23:3"], "\(findings.dump)")
    let fixed = (try? String(contentsOfFile: RulePaths.fixture("out-union-u64-fd.h"), encoding: .utf8))?
      .replacingOccurrences(of: "__u64 fd;", with: "__s32 fd;") ?? ""
    let after = lint(fixed, path: RulePaths.fixture("out-union-u64-fd.h"))
    #expect(after.rule("U8").isEmpty)
  }
}
