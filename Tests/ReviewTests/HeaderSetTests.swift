import Foundation
import GitSource
import Review
import TestSupport
import Testing

@Suite struct HeaderSetTests {
  @Test func filesFoldersAndRevisionsPairByPath() throws {
    let dir = try temporaryDirectory("headerset")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let repo = try GitRepository.create(at: dir + "/repo")
    let sig = GitSignature(name: "D", email: "d@example.org", time: 1_700_000_000, offsetMinutes: 0)
    let base = try repo.commit(
      files: ["include/uapi/misc/a.h": Array("#define A 1\n".utf8), "include/uapi/misc/old.h": Array("#define O 1\n".utf8), "README": Array("x\n".utf8)],
      message: "base\n", author: sig)
    try repo.commit(
      files: ["include/uapi/misc/a.h": Array("#define A 2\n".utf8), "include/uapi/misc/old.h": nil, "include/uapi/drm/new.h": Array("#define O 1\n".utf8)],
      message: "change\n", author: sig)

    let old = try HeaderSet.read("\(dir)/repo@\(base):include/uapi")
    let new = try HeaderSet.read("\(dir)/repo@HEAD:include/uapi")
    #expect(old.headers.map(\.key) == ["misc/a.h", "misc/old.h"])
    #expect(new.headers.map(\.key) == ["drm/new.h", "misc/a.h"])
    #expect(old.headers.first?.displayPath == "\(dir)/repo@\(base):include/uapi/misc/a.h")
    let plain = HeaderSet.pair(old, new).map { "\($0.old?.key ?? "-") -> \($0.new?.key ?? "-")" }
    #expect(plain == ["misc/a.h -> misc/a.h", "misc/old.h -> -", "- -> drm/new.h"])
    let move = HeaderMove(from: "misc/old.h", to: "drm/new.h", justification: "moved", location: .init(file: "w", line: 1, column: 1))
    let moved = HeaderSet.pair(old, new, moves: [move]).map { "\($0.old?.key ?? "-") -> \($0.new?.key ?? "-")" }
    #expect(moved == ["misc/a.h -> misc/a.h", "misc/old.h -> drm/new.h"])

    // A single file in a revision, and on disk.
    let one = try HeaderSet.read("\(dir)/repo@HEAD:include/uapi/misc/a.h")
    #expect(one.headers.map(\.text) == ["#define A 2\n"])
    try "#define A 3\n".write(toFile: dir + "/a.h", atomically: true, encoding: .utf8)
    #expect(try HeaderSet.read(dir + "/a.h").headers.map(\.key) == ["a.h"])
    #expect(throws: ReviewError.self) { try HeaderSet.read(dir + "/missing.h") }
    #expect(throws: ReviewError.self) { try HeaderSet.read("\(dir)/repo@nosuchrev:include") }
  }
}

/// Unchanged headers are skipped unless something they include changed.
@Suite struct DiffPipelineTests {
  @Test func anUnchangedHeaderOverAChangedIncludeIsCompared() throws {
    let dir = try temporaryDirectory("diffpipeline")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    for side in ["old", "new"] {
      try FileManager.default.createDirectory(atPath: "\(dir)/\(side)/x", withIntermediateDirectories: true)
      let width = side == "old" ? "int" : "long long"
      try "typedef \(width) x_t;\n".write(toFile: "\(dir)/\(side)/x/base.h", atomically: true, encoding: .utf8)
      try "#include \"base.h\"\nstruct user { x_t a; int b; };\n".write(toFile: "\(dir)/\(side)/x/user.h", atomically: true, encoding: .utf8)
      try "struct alone { int a; };\n".write(toFile: "\(dir)/\(side)/x/alone.h", atomically: true, encoding: .utf8)
    }
    let outcome = try DiffPipeline.run(old: dir + "/old", new: dir + "/new", today: "2026-11-25")
    let compared = outcome.pairs.filter { $0.diff != nil }.compactMap { $0.new.map { ($0 as NSString).lastPathComponent } }.sorted()
    #expect(compared == ["base.h", "user.h"])
    // The typedef's width moves user.b: reported against user.h although its text is the same.
    #expect(outcome.findings.contains { $0.location?.file.hasSuffix("user.h") == true && $0.severity == .error })
  }
}

extension DiffPipelineTests {
  /// A header moved with a waiver's [[move]] is compared with its new self, not reported gone.
  @Test func aDeclaredMoveIsComparedNotRemoved() throws {
    let dir = try temporaryDirectory("diffmove")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try FileManager.default.createDirectory(atPath: "\(dir)/old/misc", withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: "\(dir)/new/drm", withIntermediateDirectories: true)
    try "#define HL_OP 1\nstruct hl_args { int op; };\n".write(toFile: "\(dir)/old/misc/hl.h", atomically: true, encoding: .utf8)
    try "#define HL_OP 1\nstruct hl_args { int op; int flags; };\n".write(toFile: "\(dir)/new/drm/hl_accel.h", atomically: true, encoding: .utf8)
    let plain = try DiffPipeline.run(old: dir + "/old", new: dir + "/new", today: "2026-11-25")
    #expect(plain.findings.map(\.rule).sorted() == ["ABI.header-added", "ABI.header-removed"])
    let waivers = WaiverFileParser.parse(
      "[[move]]\nfrom = \"misc/hl.h\"\nto = \"drm/hl_accel.h\"\njustification = \"moved to accel\"\n", path: "w.toml")
    let moved = try DiffPipeline.run(old: dir + "/old", new: dir + "/new", waivers: waivers, today: "2026-11-25")
    #expect(!moved.findings.contains { $0.rule.hasPrefix("ABI.header-") })
    #expect(moved.findings.contains { $0.rule == "ABI.member-added" && $0.message.contains("hl_args.flags") })
    #expect(moved.changelog.contains { $0.hasPrefix("misc/hl.h → drm/hl_accel.h: ") })
  }
}
