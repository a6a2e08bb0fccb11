import Diagnostics
import Foundation
import MailSeries
import ReferenceDriver
import Review
import Testing

/// `check` end to end, below the command line.
@Suite struct CheckPipelineTests {
  static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../../shared/corpus/habanalabs-v6").standardized.path

  static func bundled() throws -> CheckOutcome {
    var series = SeriesRequest()
    series.bundled = InMemorySeries(
      mbox: BundledExample.mbox, label: BundledExample.label, baseFiles: BundledExample.baseFiles, baseLabel: BundledExample.baseLabel)
    return try CheckPipeline.run(CheckRequest(series: series, today: "2026-11-25"))
  }

  @Test func bundledExampleIsCheckedOnEveryHeaderStateAndAttributed() throws {
    let outcome = try Self.bundled()
    #expect(!outcome.fragmentMode)
    #expect(!outcome.findings.contains { $0.severity == .error })
    // The export opcode and the new union members arrive with patch 1, as compatible additions.
    let added = outcome.findings.filter { $0.rule == "ABI.constant-added" && $0.message.contains("HL_MEM_OP_EXPORT_DMABUF_FD") }
    #expect(added.count == 1 && added.first?.introducedBy == "v6 1/2")
    #expect(outcome.findings.contains { $0.rule == "ABI.member-added" && $0.message.contains("hl_mem_out.fd") && $0.introducedBy == "v6 1/2" })
    // A rule finding the base already had is not blamed on the series.
    let u9 = try #require(outcome.findings.first { $0.rule == "U9" })
    #expect(u9.introducedBy == nil && u9.location?.file == "include/uapi/misc/hl_memory.h")
    #expect(outcome.changelog.contains("v6 1/2: include/uapi/misc/hl_memory.h: `hl_mem_out.fd`: added (`__s32`)"))
  }

  @Test func corpusWithoutBaseIsLintedFromTheHunks() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: Self.corpus).filter { $0.hasSuffix(".eml") }.sorted().map { Self.corpus + "/" + $0 }
    let outcome = try CheckPipeline.run(CheckRequest(series: SeriesRequest(inputs: files), today: "2026-11-25"))
    #expect(outcome.fragmentMode)
    func at(_ rule: String) -> [String] {
      outcome.findings.filter { $0.rule == rule }.map { "\(($0.location?.file as NSString?)?.lastPathComponent ?? ""):\($0.location?.line ?? 0)" }
    }
    #expect(at("U8") == ["0001-uapi.eml:134"])
    #expect(outcome.findings.first { $0.rule == "U8" }?.introducedBy == "v6 1/2")
    #expect(at("UAPI-FRAGMENT") == ["0001-uapi.eml:81"])
    #expect(at("D13") == ["0002-exporter.eml:522", "0002-exporter.eml:523"])
    #expect(at("D14") == ["0002-exporter.eml:640"])
    #expect(at("P5") == ["0000-cover.eml:37"])
    #expect(outcome.findings.first { $0.rule == "D13" }?.introducedBy == "v6 2/2")
  }

  @Test func waiversCoverFindingsOfTheSeries() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: Self.corpus).filter { $0.hasSuffix(".eml") }.sorted().map { Self.corpus + "/" + $0 }
    let waivers = WaiverFileParser.parse(
      "[[waiver]]\nrule = \"U8\"\nmatch = \"'fd'\"\njustification = \"kept as __u64 for the v6 ABI\"\n", path: "w.toml")
    let outcome = try CheckPipeline.run(CheckRequest(series: SeriesRequest(inputs: files), waivers: waivers, today: "2026-11-25"))
    #expect(outcome.findings.first { $0.rule == "U8" }?.waiver == "kept as __u64 for the v6 ABI")
    #expect(!outcome.findings.contains { $0.rule == "waiver.unused" })
  }
}
