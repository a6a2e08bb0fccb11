import Foundation
import Testing
import UAPIModel

/// Each `Fixtures/layouts/NAME.h` is read on all five ABIs and printed the pahole way; the print
/// must equal `NAME.pahole` beside it (checked against gcc and clang when recorded).
@Suite struct LayoutFixtureTests {
  @Test(arguments: Fixtures.layoutHeaders())
  func layoutMatchesExpectation(_ name: String) throws {
    let header = Fixtures.path("layouts/" + name)
    let result = UAPILoader.load([.file(header)], abis: ABI.allCases)
    #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics)")
    let actual = paholeSnapshot(result)
    let expectedPath = String(header.dropLast(2)) + ".pahole"
    if Fixtures.recording {
      try actual.write(toFile: expectedPath, atomically: true, encoding: .utf8)
      return
    }
    let expected = try String(contentsOfFile: expectedPath, encoding: .utf8)
    #expect(actual == expected)
  }
}
