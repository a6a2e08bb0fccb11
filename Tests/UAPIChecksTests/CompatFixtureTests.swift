import Foundation
import Testing
import UAPIChecks
import UAPIModel

/// Each `Fixtures/compat/CASE/` holds `old.h`, `new.h` and `expected.txt`, the verdict lines
/// with their per-ABI facts and locations that comparing the two on all five ABIs must print.
@Suite struct CompatFixtureTests {
  @Test(arguments: CompatFixtures.cases())
  func verdictsMatchExpectation(_ name: String) throws {
    let (diff, diagnostics) = CompatFixtures.diff(name)
    #expect(diagnostics.isEmpty, "\(diagnostics)")
    #expect(diff.abis == ABI.allCases)
    let actual = CompatFixtures.snapshot(name, diff)
    let expectedPath = CompatFixtures.path(name, "expected.txt")
    if CompatFixtures.recording {
      try actual.write(toFile: expectedPath, atomically: true, encoding: .utf8)
      return
    }
    let expected = try String(contentsOfFile: expectedPath, encoding: .utf8)
    #expect(actual == expected)
  }

  @Test func fixturesCoverEveryCaseTheBriefNames() {
    let cases = Set(CompatFixtures.cases())
    for name in [
      "struct-grown-ioctl", "insert-at-start", "reserved-carved", "enum-before-max", "anon-union-member",
      "union-u64-to-s32", "macro-value-changed", "member-removed", "member-renamed", "members-reordered",
      "ioctl-direction", "union-grew", "flex-array", "additions", "removals-and-renames",
    ] {
      #expect(cases.contains(name), "missing fixture \(name)")
    }
  }
}
