import Diagnostics
import Foundation
import GitSource
import MailSeries
import ReferenceDriver
import Review
import TestSupport
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

/// What a maintainer trying the gate for the first time ran into.
extension CheckPipelineTests {
  static func repo(_ dir: String) throws -> (GitRepository, String) {
    let repo = try GitRepository.create(at: dir)
    let sig = GitSignature(name: "Dev", email: "dev@example.org", time: 1_700_000_000, offsetMinutes: 0)
    let header = "/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */\n#ifndef X_H\n#define X_H\n#include <linux/types.h>\nstruct x_args {\n\t__u64 handle;\n\t__u64 fd;\n};\n#endif\n"
    let base = try repo.commit(files: ["include/uapi/misc/x.h": Array(header.utf8)], message: "base\n", author: sig)
    try repo.commit(
      files: ["include/uapi/misc/x.h": Array(header.replacingOccurrences(of: "\t__u64 fd;", with: "\t__s32 fd;\n\t__u32 pad;").utf8)],
      message: "x: make fd an __s32\n\nSigned-off-by: Dev <dev@example.org>\n", author: sig)
    return (repo, base)
  }

  @Test func aRangeIsCheckedAgainstItsStartByDefault() throws {
    let dir = NSTemporaryDirectory() + "uapi-review-check-range-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let (_, base) = try Self.repo(dir)
    let outcome = try CheckPipeline.run(CheckRequest(series: SeriesRequest(repo: dir, range: "\(base)..HEAD"), today: "2026-11-25"))
    #expect(!outcome.fragmentMode)
    // The whole header is known, so the retype is classified, not just linted.
    #expect(outcome.findings.contains { $0.rule == "ABI.member-retyped" && $0.introducedBy == "v1 1/1" })
  }

  @Test func aBaseWithoutThePatchedFileIsAnInputError() throws {
    let dir = NSTemporaryDirectory() + "uapi-review-check-nofile-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let (_, base) = try Self.repo(dir)
    let files = try FileManager.default.contentsOfDirectory(atPath: Self.corpus).filter { $0.hasSuffix(".eml") }.sorted().map { Self.corpus + "/" + $0 }
    let outcome = try CheckPipeline.run(CheckRequest(series: SeriesRequest(inputs: files, baseRepo: dir, baseRev: base), today: "2026-11-25"))
    #expect(outcome.diagnostics.contains { $0.id == "apply.missing" && $0.severity == .error && $0.location?.file.hasSuffix("0001-uapi.eml") == true })
  }

  @Test func findingsOfTheBaseAreReportedButNotBlamed() throws {
    let outcome = try Self.bundled()
    let u9 = try #require(outcome.findings.first { $0.rule == "U9" })
    #expect(u9.inBase && u9.introducedBy == nil)
  }

  @Test func inputWithoutASeriesIsAnInputError() throws {
    let path = NSTemporaryDirectory() + "uapi-review-empty-\(getpid()).mbox"
    try Data("just some text\n".utf8).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let outcome = try CheckPipeline.run(CheckRequest(series: SeriesRequest(inputs: [path]), today: "2026-11-25"))
    #expect(outcome.diagnostics.contains { $0.id == "check.no-series" && $0.severity == .error })
  }
}

extension CheckPipelineTests {
  @Test func aDeletedHeaderIsARemovalIntroducedByItsPatch() throws {
    let dir = NSTemporaryDirectory() + "uapi-review-check-rm-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let (repo, _) = try Self.repo(dir)
    let sig = GitSignature(name: "Dev", email: "dev@example.org", time: 1_700_000_100, offsetMinutes: 0)
    let before = try repo.resolve("HEAD")
    try repo.commit(files: ["include/uapi/misc/x.h": nil], message: "x: drop the header\n", author: sig)
    let outcome = try CheckPipeline.run(CheckRequest(series: SeriesRequest(repo: dir, range: "\(before)..HEAD"), today: "2026-11-25"))
    let removed = try #require(outcome.findings.first { $0.rule == "ABI.header-removed" })
    #expect(removed.introducedBy == "v1 1/1" && removed.isActiveForGate)
  }
}

extension RuleFinding {
  /// Active in the sense the exit status uses.
  var isActiveForGate: Bool { waiver == nil && fixedBy == nil && !inBase }
}

extension CheckPipelineTests {
  /// v1 adds an fd as __u64 (U8), v2 as __s32: only v2 gates; v1's finding is superseded.
  @Test func anOlderVersionDoesNotGate() throws {
    let dir = NSTemporaryDirectory() + "uapi-review-check-versions-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let repo = try GitRepository.create(at: dir + "/repo")
    let sig = GitSignature(name: "Dev", email: "dev@example.org", time: 1_700_000_000, offsetMinutes: 0)
    let header = "/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */\n#ifndef X_H\n#define X_H\n#include <linux/types.h>\n/**\n * struct x_args - arguments\n * @handle: in\n */\nstruct x_args {\n\t__u64 handle;\n};\n#endif\n"
    let base = try repo.commit(files: ["include/uapi/misc/x.h": Array(header.utf8)], message: "base\n", author: sig)
    func mail(_ revision: String, _ type: String) throws -> String {
      let new = header.replacingOccurrences(of: "\t__u64 handle;\n", with: "\t__u64 handle;\n\t\(type) out_fd;\n")
      try FileManager.default.createDirectory(atPath: dir + "/a/include/uapi/misc", withIntermediateDirectories: true)
      try FileManager.default.createDirectory(atPath: dir + "/b/include/uapi/misc", withIntermediateDirectories: true)
      try header.write(toFile: dir + "/a/include/uapi/misc/x.h", atomically: true, encoding: .utf8)
      try new.write(toFile: dir + "/b/include/uapi/misc/x.h", atomically: true, encoding: .utf8)
      let diff = try GitCLI.run(["diff", "--no-index", "a/include/uapi/misc/x.h", "b/include/uapi/misc/x.h"], in: dir).text
      return "From dev@example.org Mon Jan  1 10:00:00 2024\nFrom: Dev <dev@example.org>\nSubject: [PATCH \(revision)] x: add out_fd\nDate: Mon, 1 Jan 2024 10:00:00 +0000\nMessage-Id: <\(revision)@example.org>\n\nAdd out_fd.\n\nSigned-off-by: Dev <dev@example.org>\n---\n" + diff
    }
    let mbox = try mail("v1", "__u64") + mail("v2", "__s32")
    try mbox.write(toFile: dir + "/series.mbox", atomically: true, encoding: .utf8)
    let outcome = try CheckPipeline.run(
      CheckRequest(series: SeriesRequest(inputs: [dir + "/series.mbox"], baseRepo: dir + "/repo", baseRev: base), today: "2026-11-25", compile: false))
    let u8 = outcome.findings.filter { $0.rule == "U8" }
    #expect(u8.count == 1 && u8[0].fixedBy == "superseded by v2" && u8[0].introducedBy == "v1 1/1")
  }
}
