import Foundation
import Rendering
import Testing

/// Writes the sample report in every format to `.build/formats/` (or `$UAPI_REVIEW_FORMATS_DIR`),
/// where `make check-formats` validates them with outside consumers: the OASIS SARIF 2.1.0 schema
/// and a JUnit XML parser (`Tests/formats/validate.py`).
@Suite struct SampleOutputTests {
  static var directory: URL {
    if let dir = ProcessInfo.processInfo.environment["UAPI_REVIEW_FORMATS_DIR"], !dir.isEmpty {
      return URL(fileURLWithPath: dir)
    }
    // Tests/RenderingTests/SampleOutputTests.swift → the package root.
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    return root.appendingPathComponent(".build/formats")
  }

  @Test func writeEveryFormat() throws {
    let dir = Self.directory
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for (name, report) in [("sample", Sample.report), ("clean", Sample.clean)] {
      for format in FindingFormat.allCases {
        let data = try format.render(report)
        #expect(!data.isEmpty)
        let file = dir.appendingPathComponent("\(name).\(format.rawValue).\(format.fileExtension)")
        try data.write(to: file, options: .atomic)
      }
    }
  }

  @Test func outputIsDeterministic() throws {
    for format in FindingFormat.allCases {
      #expect(try format.render(Sample.report) == format.render(Sample.report))
    }
  }
}
