import Diagnostics
import Testing

@testable import UAPIChecks

@Suite struct RuleBundledHeaderTests {
  @Test func bundledHeaderHasNoErrors() {
    let findings = lintFile(RulePaths.bundledHeader, compile: true)
    print(findings.dump)
    #expect(!findings.contains { $0.severity == .error }, "\(findings.dump)")
  }
}
