import Diagnostics
import Foundation
import Review
import Testing

/// With a base, C errors in what a series adds are named at the mail line that added them,
/// carried back through earlier patches that moved the header's lines.
@Suite struct LineOriginTests {
  static let base = """
    #ifndef _DELTA_H
    #define _DELTA_H
    #include <linux/types.h>
    struct delta {
    \t__u32 flags;
    };
    #endif

    """

  static func patch(_ n: Int, _ hunk: String) -> String {
    """
    From dev@example.org Sun Sep 12 19:00:00 2021
    From: Dev Eloper <dev@example.org>
    Subject: [PATCH \(n)/2] delta: step \(n)
    Date: Sun, 12 Sep 2021 19:00:00 +0300
    Message-Id: <p\(n)@example.org>

    Step \(n).

    Signed-off-by: Dev Eloper <dev@example.org>
    ---
    diff --git a/include/uapi/linux/delta.h b/include/uapi/linux/delta.h
    --- a/include/uapi/linux/delta.h
    +++ b/include/uapi/linux/delta.h
    \(hunk)-- 
    2.30.0


    """
  }

  /// `check` of `mbox` against `base` as the header's base, in a folder of its own; the mbox
  /// path for locations.
  static func check(_ mbox: String, base: String = base) throws -> (CheckOutcome, String) {
    let dir = NSTemporaryDirectory() + "uapi-review-origin-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try base.write(toFile: dir + "/delta.h", atomically: true, encoding: .utf8)
    try mbox.write(toFile: dir + "/series.mbox", atomically: true, encoding: .utf8)
    let outcome = try CheckPipeline.run(
      CheckRequest(series: SeriesRequest(inputs: [dir + "/series.mbox"]), baseFiles: [dir + "/delta.h"], today: "2026-11-25", compile: false))
    return (outcome, dir + "/series.mbox")
  }

  @Test func errorInASecondPatchIsNamedAtItsMailLine() throws {
    // Patch 1 adds four lines above struct delta; patch 2 then edits struct delta at its new place.
    let one = Self.patch(1, "@@ -3,2 +3,6 @@\n #include <linux/types.h>\n+struct first {\n+\t__u32 a;\n+};\n+\n struct delta {\n")
    let two = Self.patch(2, "@@ -8,3 +8,5 @@\n struct delta {\n \t__u32 flags;\n+\t__u32 broken\n+\t__u32 more;\n };\n")
    let mbox = one + two
    let (outcome, path) = try Self.check(mbox)
    let d = try #require(outcome.diagnostics.first { $0.id == "parse.expected-semicolon" }, "\(outcome.diagnostics)")
    let lines = mbox.split(separator: "\n", omittingEmptySubsequences: false)
    let more = try #require(lines.firstIndex(of: "+\t__u32 more;")) + 1
    #expect(d.location == SourceLocation(file: path, line: more, column: 3))
    #expect(d.excerpt == "+\t__u32 more;")
    #expect(d.message.contains("(include/uapi/linux/delta.h:11 as the series leaves it)"))
  }

  @Test func errorInAnEarlierPatchIsCarriedBackThroughLaterOnes() throws {
    // Patch 1 adds a broken struct; patch 2 adds two lines above it, moving it down.
    let one = Self.patch(1, "@@ -3,2 +3,6 @@\n #include <linux/types.h>\n+struct first {\n+\t__u32 a\n+\t__u32 b;\n+};\n struct delta {\n")
    let two = Self.patch(2, "@@ -2,2 +2,4 @@\n #define _DELTA_H\n+/* Two more lines. */\n+#define DELTA_VERSION 2\n #include <linux/types.h>\n")
    let mbox = one + two
    let (outcome, path) = try Self.check(mbox)
    let d = try #require(outcome.diagnostics.first { $0.id == "parse.expected-semicolon" }, "\(outcome.diagnostics)")
    let lines = mbox.split(separator: "\n", omittingEmptySubsequences: false)
    let b = try #require(lines.firstIndex(of: "+\t__u32 b;")) + 1
    #expect(d.location?.line == b && d.location?.column == 3)
    #expect(d.message.contains("(include/uapi/linux/delta.h:8 as the series leaves it)"))
  }

  @Test func aHunkAppliedAtAnOffsetLeavesTheErrorInTheHeader() throws {
    // The base has one line more on top than the hunk header says: the hunk applies one line
    // further down, so its numbers no longer name the header's lines.
    let base = "/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */\n" + Self.base
    let one = Self.patch(1, "@@ -4,3 +4,5 @@\n struct delta {\n \t__u32 flags;\n+\t__u32 broken\n+\t__u32 more;\n };\n")
    let (outcome, _) = try Self.check(one, base: base)
    let d = try #require(outcome.diagnostics.first { $0.id == "parse.expected-semicolon" }, "\(outcome.diagnostics)")
    #expect(d.location?.file == "include/uapi/linux/delta.h" && d.location?.line == 8)
  }
}
