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
