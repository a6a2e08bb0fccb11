import Foundation
import MailSeries
import ReferenceDriver
import Review
import Testing

/// The example series built into the tool (`Examples/hl-dmabuf/`): what it holds, and that it
/// still matches the reference driver's sources.
@Suite struct BundledExampleTests {
  /// Kernel-tree path → project file, as in `Examples/hl-dmabuf/README.md` and `make-series.sh`.
  static let mapping: [String: String] = [
    "include/uapi/misc/hl_memory.h": "uapi/misc/hl_memory.h",
    "drivers/accel/hlr/hlr_bundled.c": "hlr_bundled.c",
    "drivers/accel/hlr/hlr_dmabuf.c": "hlr_dmabuf.c",
    "drivers/accel/hlr/hlr_export.c": "hlr_export.c",
    "drivers/accel/hlr/hlr_internal.h": "hlr_internal.h",
    "drivers/accel/hlr/hlr_ioctl.c": "hlr_ioctl.c",
    "drivers/accel/hlr/hlr_mem.c": "hlr_mem.c",
    "drivers/accel/hlr/hlr_tables.c": "hlr_tables.c",
  ]
  static let created: Set<String> = ["drivers/accel/hlr/hlr_dmabuf.c", "drivers/accel/hlr/hlr_export.c"]
  static let regenerate = "the bundled example is out of date with the sources: run Examples/hl-dmabuf/make-series.sh (with --refresh-base when a driver change is not about the exporter) and rebuild"

  /// `Sources/HabanaLabsReference/` of the source tree the tests were built from.
  static let driverSources = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Sources/HabanaLabsReference")

  static func version() throws -> SeriesVersion {
    var inputs = MailInputs()
    inputs.add(bytes: BundledExample.mbox, label: BundledExample.label)
    let set = SeriesAssembler().assemble(inputs.store)
    #expect(set.series.count == 1)
    #expect(set.diagnostics.isEmpty, "\(set.diagnostics)")
    return try #require(set.series.first?.versions.first)
  }

  static func patches(_ v: SeriesVersion) -> [SeriesPatch] {
    v.patches.map { SeriesPatch(label: "\($0.index)/\(v.total)", path: $0.mail.path, patch: $0.diff) }
  }

  @Test func assemblesIntoOneV6SeriesWithCoverAndTwoPatches() throws {
    let v = try Self.version()
    #expect(v.revision == SubjectPrefix.Revision(6))
    #expect(v.total == 2)
    #expect(v.missing.isEmpty)
    let cover = try #require(v.cover)
    #expect(cover.prefix.index == 0)
    #expect(cover.prefix.title == "Export device memory as a dma-buf from the hlr driver")
    #expect(v.patches.map(\.index) == [1, 2])
    #expect(v.patches[0].files.map(\.path) == ["include/uapi/misc/hl_memory.h"])
    #expect(Set(v.patches[1].files.map(\.path)) == Set(Self.mapping.keys).subtracting(["include/uapi/misc/hl_memory.h"]))
    #expect(v.baseCommit?.count == 40)
  }

  @Test func claimedDiffstatsEqualTheDiffs() throws {
    let v = try Self.version()
    for mail in [try #require(v.cover)] + v.patches {
      #expect(mail.claimedDiffstat != nil, "\(mail.mail.subject) claims no diffstat")
      #expect(mail.diagnostics.filter { $0.id == "diff.diffstat-mismatch" }.isEmpty, "\(mail.mail.subject): \(mail.diagnostics)")
    }
    #expect(v.diagnostics.filter { $0.id == "diff.diffstat-mismatch" }.isEmpty, "\(v.diagnostics)")
  }

  @Test func trailersAreAsWritten() throws {
    let v = try Self.version()
    #expect(v.patches[0].trailers.map { "\($0.key): \($0.value)" } == ["Signed-off-by: Dana Okafor <dana.okafor@example.org>"])
    #expect(
      v.patches[1].trailers.map { "\($0.key): \($0.value)" } == [
        "Signed-off-by: Lior Ben-Ami <lior.benami@example.org>",
        "Reviewed-by: Noa Feld <noa.feld@example.org>",
        "Signed-off-by: Dana Okafor <dana.okafor@example.org>",
      ])
    #expect(v.patches[1].mail.author == "Lior Ben-Ami")
  }

  @Test func ownershipReplyIsAttachedToTheCover() throws {
    let v = try Self.version()
    let cover = try #require(v.cover)
    #expect(cover.replies.count == 1)
    let reply = try #require(cover.replies.first)
    #expect(reply.attachedBy == .thread)
    #expect(reply.mail.author == "Morgan Reyes")
    let quoted = reply.quoted.map(\.text).joined(separator: "\n")
    #expect(quoted.contains("An exported buffer keeps a reference on the exporting context"))
    let said = reply.new.map(\.text).joined(separator: "\n")
    for option in ["Revoke.", "The buffer keeps a reference on its owner.", "Exclusive ownership."] {
      #expect(said.contains(option), "the reply offers \(option)")
    }
    #expect(reply.trailers.isEmpty)
  }

  @Test func patchOneReplyGivesReviewedByAndQuotesTheHeaderHunk() throws {
    let v = try Self.version()
    let patch = v.patches[0]
    #expect(patch.replies.count == 1)
    let reply = try #require(patch.replies.first)
    #expect(reply.trailers.map { "\($0.key): \($0.value)" } == ["Reviewed-by: Ilse Varga <ilse.varga@example.org>"])
    #expect(
      patch.collected.map { "\($0.trailer.key): \($0.trailer.value)" } == ["Reviewed-by: Ilse Varga <ilse.varga@example.org>"])
    #expect(patch.collected.allSatisfy { !$0.viaCover && $0.from == "Ilse Varga" })
    #expect(v.patches[1].collected.isEmpty)

    let quotes = reply.quoted.flatMap(\.quotes)
    #expect(quotes.count == 6, "\(quotes)")
    #expect(quotes.allSatisfy { $0.path == "include/uapi/misc/hl_memory.h" && $0.file == 0 })
    // The union member and the fd member are separate hunks of the header diff.
    let hunks = patch.files[0].hunks
    let member = try #require(hunks.firstIndex { h in h.lines.contains { $0.text.contains("} export_dmabuf_fd;") } })
    let fd = try #require(hunks.firstIndex { h in h.lines.contains { $0.kind == .added && $0.text == "\t\t__s32 fd;" } })
    #expect(Set(quotes.map(\.hunk)) == [member, fd])
    for q in quotes {
      let line = hunks[q.hunk].lines[q.lineInHunk]
      #expect(line.kind == .added || line.text == "\t};")
    }
  }

  @Test func baseHoldsTheTouchedFilesBeforeTheSeries() {
    #expect(Set(BundledExample.baseFiles.keys) == Set(Self.mapping.keys).subtracting(Self.created))
    let header = String(decoding: BundledExample.baseFiles["include/uapi/misc/hl_memory.h"] ?? [], as: UTF8.self)
    #expect(header.contains("#define HL_MEM_OP_MAP_BLOCK"))
    #expect(!header.contains("EXPORT_DMABUF"))
    #expect(!header.contains("__s32 fd;"))
  }

  /// The series applied to the embedded base, every touched path as the last patch left it.
  static func applied() throws -> SeriesResult {
    SeriesApplier.apply(patches(try version()), base: { BundledExample.baseFiles[$0] })
  }

  @Test func appliesCleanlyToTheBundledBase() throws {
    let result = try Self.applied()
    #expect(result.snapshots.count == 2)
    for snapshot in result.snapshots {
      #expect(snapshot.appliedCleanly, "patch \(snapshot.label) does not apply to the bundled base: \(snapshot.diagnostics). \(Self.regenerate)")
      #expect(snapshot.applications.allSatisfy { !$0.fragmentMode })
    }
    #expect(Set(result.files.keys) == Set(Self.mapping.keys))
  }

  @Test func headerAfterTheSeriesIsTheBundledHeader() throws {
    let result = try Self.applied()
    let same = result.files[BundledHeader.path] == .content(Array(BundledHeader.text.utf8))
    #expect(same, "\(BundledHeader.path) after the series differs from the bundled header. \(Self.regenerate)")
  }

  /// The out-of-date check: every file after the series, byte for byte against the source tree
  /// the tests were built from (the tests run from it).
  @Test func exampleIsUpToDateWithTheSources() throws {
    let result = try Self.applied()
    var stale: [String] = []
    for (kernelPath, projectPath) in Self.mapping.sorted(by: { $0.key < $1.key }) {
      let url = Self.driverSources.appendingPathComponent(projectPath)
      let source = try [UInt8](Data(contentsOf: url))
      if result.files[kernelPath] != .content(source) {
        stale.append("\(kernelPath) (Sources/HabanaLabsReference/\(projectPath))")
      }
    }
    #expect(stale.isEmpty, "after the series these differ from the sources: \(stale.joined(separator: ", ")); \(Self.regenerate)")
  }

  @Test func pipelineAppliesTheExampleToItsBase() throws {
    var request = SeriesRequest()
    #expect(request.isEmpty)
    request.bundled = InMemorySeries(
      mbox: BundledExample.mbox, label: BundledExample.label, baseFiles: BundledExample.baseFiles,
      baseLabel: BundledExample.baseLabel)
    #expect(!request.isEmpty)
    let outcome = try SeriesPipeline.run(request)
    #expect(outcome.diagnostics.isEmpty, "\(outcome.diagnostics)")
    let app = try #require(outcome.applications.values.first)
    #expect(outcome.applications.count == 1)
    #expect(app.base == "bundled base")
    #expect(app.patches.map(\.index) == [1, 2])
    #expect(app.patches.allSatisfy { $0.applied }, "\(app.patches). \(Self.regenerate)")
  }
}
