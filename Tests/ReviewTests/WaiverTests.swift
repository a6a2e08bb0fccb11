import Diagnostics
import Foundation
import MailSeries
import ReferenceDriver
import Review
import Testing

@Suite struct WaiverTests {
  static let file = """
    # accepted uAPI findings
    [[waiver]]
    rule = "U8"
    file = "misc/habanalabs.h"
    match = "hl_mem_out.fd"
    justification = "__s32 inside a union of __u64: the same bytes on every little-endian ABI"
    link = "https://example.org/review"

    [[waiver]]
    rule = "L2"
    justification = "old hole, kept"
    expires = "2026-01-31"

    [[waiver]]
    rule = "I8"

    [[waiver]]
    rule = "U1"
    justification = "never matches"
    colour = "blue"

    [[move]]
    from = "include/uapi/misc/habanalabs.h"
    to = "include/uapi/drm/habanalabs_accel.h"
    justification = "moved with the driver"

    rule = "stray"
    [[waiver]]
    rule = U2
    """

  static func finding(_ rule: String, _ file: String, _ message: String, line: Int = 10) -> RuleFinding {
    RuleFinding(rule: rule, severity: .error, message: message, location: SourceLocation(file: file, line: line, column: 5))
  }

  @Test func parsesEntriesAndReportsBadOnesWithLocations() {
    let w = WaiverFileParser.parse(Self.file, path: "uapi-waivers.toml")
    #expect(w.waivers.map(\.rule) == ["U8", "L2", "U1"])
    #expect(w.moves.map(\.to) == ["include/uapi/drm/habanalabs_accel.h"])
    let found = w.diagnostics.map { "\($0.id)@\($0.location?.line ?? 0):\($0.location?.column ?? 0)" }
    // The stray key at line 27 still belongs to the [[move]] table above it.
    #expect(found == ["waiver.no-justification@14:1", "waiver.unknown-key@20:1", "waiver.unknown-key@27:1", "waiver.syntax@29:8", "waiver.no-justification@28:1"])
  }

  @Test func coveredExpiredAndUnused() {
    let w = WaiverFileParser.parse(Self.file, path: "uapi-waivers.toml")
    let findings = [
      Self.finding("U8", "include/uapi/misc/habanalabs.h", "hl_mem_out.fd is __u64; file descriptors are __s32"),
      Self.finding("U8", "include/uapi/misc/other.h", "x.fd is __u32; file descriptors are __s32"),
      Self.finding("L2", "include/uapi/misc/habanalabs.h", "4-byte hole after op"),
    ]
    let out = WaiverApplication.apply(w, to: findings, today: "2026-11-25")
    #expect(out[0].waiver?.hasPrefix("__s32 inside a union") == true)
    #expect(out[1].waiver == nil)
    // Expired: the L2 finding stands, and the waiver is a finding at its own line.
    #expect(out[2].waiver == nil)
    #expect(out.contains { $0.rule == "waiver.expired" && $0.location?.line == 9 && $0.severity == .error })
    #expect(out.contains { $0.rule == "waiver.unused" && $0.location?.line == 17 })
    // Before the expiry day the same waiver covers the hole.
    #expect(WaiverApplication.apply(w, to: findings, today: "2026-01-01")[2].waiver == "old hole, kept")
  }

  @Test func baselineKeepsOnlyNewFindings() throws {
    let report = #"{"schemaVersion": 1, "findings": [{"rule": "U8", "message": "a.fd is __u64", "location": {"file": "a.h", "line": 3}}, {"id": "L2", "message": "hole", "file": "a.h"}]}"#
    let baseline = try Baseline.read(Data(report.utf8), path: "base.json")
    let now = [Self.finding("U8", "a.h", "a.fd is __u64", line: 40), Self.finding("L2", "a.h", "hole"), Self.finding("U3", "a.h", "pointer")]
    #expect(baseline.new(now).map(\.rule) == ["U3"])
    #expect(throws: BaselineError.self) { try Baseline.read(Data("[]".utf8), path: "x.json") }
  }
}

/// The bundled example's header after each patch, from its embedded base.
@Suite struct HeaderStatesTests {
  @Test func bundledExampleHeaderStates() throws {
    var inputs = MailSeries.MailInputs()
    inputs.add(bytes: BundledExample.mbox, label: BundledExample.label)
    let version = try #require(SeriesAssembler().assemble(inputs.store).series.first?.versions.first)
    let states = HeaderStates.compute(version) { BundledExample.baseFiles[$0] }
    #expect(states.labels == ["base", "v6 1/2", "v6 2/2"])
    #expect(!states.fragmentMode)
    let path = "include/uapi/misc/hl_memory.h"
    #expect(states.snapshots[0][path]?.text?.contains("HL_MEM_OP_EXPORT_DMABUF_FD") == false)
    #expect(states.snapshots[1][path]?.text == BundledHeader.text)
    #expect(states.snapshots[2][path]?.text == BundledHeader.text)
    // Without a base the header is known only as fragments.
    let fragments = HeaderStates.compute(version, base: nil)
    #expect(fragments.fragmentMode && fragments.snapshots[1][path]?.fragmentsOnly == true)
  }
}

@Suite struct AttributionTests {
  static func f(_ rule: String, _ message: String, line: Int) -> RuleFinding {
    RuleFinding(rule: rule, severity: .error, message: message, location: .init(file: "h.h", line: line, column: 1))
  }

  @Test func introducedAndFixedByPatch() {
    let states: [[RuleFinding]] = [
      [Self.f("L2", "hole after a", line: 3)],  // base
      [Self.f("L2", "hole after a", line: 3), Self.f("U8", "x.fd is __u64", line: 9)],  // patch 1 adds U8
      [Self.f("L2", "hole after a", line: 5), Self.f("U8", "x.fd is __u64", line: 11), Self.f("U3", "ptr", line: 2)],  // patch 2 adds U3
      [Self.f("L2", "hole after a", line: 5), Self.f("U3", "ptr", line: 2)],  // patch 3 fixes U8
    ]
    let out = Attribution.attribute(states, labels: ["base", "v2 1/3", "v2 2/3", "v2 3/3"])
    let byRule = Dictionary(uniqueKeysWithValues: out.map { ($0.rule, $0) })
    #expect(byRule["L2"]?.introducedBy == nil && byRule["L2"]?.fixedBy == nil && byRule["L2"]?.location?.line == 5)
    #expect(byRule["U3"]?.introducedBy == "v2 2/3" && byRule["U3"]?.fixedBy == nil)
    #expect(byRule["U8"]?.introducedBy == "v2 1/3" && byRule["U8"]?.fixedBy == "v2 3/3")
  }
}

extension AttributionTests {
  @Test func sameFileNameInTwoFoldersAreDifferentFindings() {
    let base = [RuleFinding(rule: "F1", severity: .error, message: "pad undocumented", location: .init(file: "include/uapi/linux/foo.h", line: 6, column: 2))]
    let after = base + [RuleFinding(rule: "F1", severity: .error, message: "pad undocumented", location: .init(file: "include/uapi/drm/foo.h", line: 6, column: 2))]
    let out = Attribution.attribute([base, after], labels: ["base", "v1 1/1"])
    #expect(out.first { $0.location?.file.contains("drm/") == true }?.introducedBy == "v1 1/1")
    #expect(out.first { $0.location?.file.contains("linux/") == true }?.inBase == true)
  }

  @Test func aBaseFindingFixedByTheFirstPatchIsListed() {
    let old = RuleFinding(rule: "U2", severity: .error, message: "long", location: .init(file: "a.h", line: 3, column: 1))
    let out = Attribution.attribute([[old], []], labels: ["base", "v1 1/1"])
    #expect(out.count == 1 && out[0].inBase && out[0].fixedBy == "v1 1/1")
  }
}

extension WaiverTests {
  @Test func fileMatchesWholePathComponents() {
    let w = WaiverFileParser.parse("[[waiver]]\nrule = \"F1\"\nfile = \"foo.h\"\njustification = \"x\"\n", path: "w.toml")
    let findings = [Self.finding("F1", "include/uapi/linux/foo.h", "a"), Self.finding("F1", "include/uapi/linux/xfoo.h", "b")]
    let out = WaiverApplication.apply(w, to: findings, today: "2026-11-25")
    #expect(out[0].waiver != nil && out[1].waiver == nil)
  }
}
