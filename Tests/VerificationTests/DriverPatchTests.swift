import Diagnostics
import Foundation
import MailSeries
import Testing
import Verification

@Suite struct DriverPatchTests {
  static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../../shared/corpus/habanalabs-v6").standardizedFileURL.path

  @Test func dump() throws {
    let path = Self.corpus + "/0002-exporter.eml"
    let mail = MailReader.read(Array(try Data(contentsOf: URL(fileURLWithPath: path))), path: path)
    for f in DriverPatchChecks.run(mail: mail) {
      print("\(f.id) \(f.line):\(f.column) \(f.message)\n    \(f.excerpt ?? "")")
    }
  }
}
