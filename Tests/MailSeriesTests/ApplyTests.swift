import Diagnostics
import MailSeries
import Testing

/// Hunk and series application on small patches a reader can check by eye.
@Suite struct ApplyTests {
  static func files(_ text: String) -> [FileDiff] {
    var parser = PatchParser(path: "test.patch")
    return parser.parse(text).files
  }

  static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }
  static func text(_ b: [UInt8]?) -> String? { b.map { String(decoding: $0, as: UTF8.self) } }

  static let base = (1...12).map { "l\($0)\n" }.joined()

  /// Line 4 and line 9 are the `@@` headers; line 6 is `-l3`.
  static let twoHunks = """
    diff --git a/f.txt b/f.txt
    --- a/f.txt
    +++ b/f.txt
    @@ -2,3 +2,3 @@ fn_a
     l2
    -l3
    +L3
     l4
    @@ -9,3 +9,4 @@ fn_b
     l9
     l10
    +new
     l11

    """

  static func apply(_ target: String, options: ApplyOptions = ApplyOptions()) throws -> ContentResult {
    let diff = try #require(files(twoHunks).first)
    return Applier.apply(diff.hunks, to: bytes(target), options: options, file: "f.txt", patchPath: "test.patch")
  }

  @Test func exactMatchAppliesAtTheStatedLines() throws {
    let r = try Self.apply(Self.base)
    #expect(
      Self.text(r.content)
        == Self.base.replacingOccurrences(of: "l3\n", with: "L3\n").replacingOccurrences(
          of: "l10\n", with: "l10\nnew\n"))
    #expect(
      r.hunks.map(\.status) == [
        .applied(line: 2, offset: 0, droppedLeading: 0, droppedTrailing: 0),
        .applied(line: 9, offset: 0, droppedLeading: 0, droppedTrailing: 0),
      ])
    #expect(r.diagnostics.isEmpty)
  }

  @Test func linesAddedAboveGiveAnOffset() throws {
    let r = try Self.apply("x1\nx2\nx3\n" + Self.base)
    #expect(
      r.hunks.map(\.status) == [
        .applied(line: 5, offset: 3, droppedLeading: 0, droppedTrailing: 0),
        .applied(line: 12, offset: 3, droppedLeading: 0, droppedTrailing: 0),
      ])
    #expect(Self.text(r.content)?.hasPrefix("x1\nx2\nx3\nl1\nl2\nL3\n") == true)
  }

  @Test func changedContextNeedsFuzz() throws {
    let target = Self.base.replacingOccurrences(of: "l2\n", with: "l2 changed\n")
    // git's default: every context line must match.
    #expect(try Self.apply(target).rejectedHunks == [0])
    // -C1 does not help a hunk whose context is one line on each side already.
    #expect(try Self.apply(target, options: ApplyOptions(minimumContext: 1)).rejectedHunks == [0])
    // -C0 drops both context lines; git then looks from one line higher (its `pos--`).
    let r = try Self.apply(target, options: ApplyOptions(minimumContext: 0))
    #expect(r.rejectedHunks.isEmpty)
    #expect(r.hunks[0].status == .applied(line: 3, offset: 2, droppedLeading: 1, droppedTrailing: 1))
    #expect(r.hunks[0].fuzz == 1)
    #expect(Self.text(r.content)?.hasPrefix("l1\nl2 changed\nL3\nl4\n") == true)
  }

  @Test func rejectSaysWhereAndTheOtherHunksStillApply() throws {
    let target = Self.base.replacingOccurrences(of: "l3\n", with: "l3 edited\n")
    let r = try Self.apply(target)
    #expect(r.rejectedHunks == [0])
    #expect(r.hunks[0].headerLine == 4 && r.hunks[1].headerLine == 9)
    #expect(Self.text(r.content) == target.replacingOccurrences(of: "l10\n", with: "l10\nnew\n"))
    let d = try #require(r.diagnostics.first)
    #expect(d.id == "apply.reject" && d.severity == .error)
    #expect(d.location == SourceLocation(file: "test.patch", line: 6, column: 1))
    #expect(d.excerpt == "-l3")
    #expect(d.message.contains("hunk #1 of f.txt (@@ -2,3 +2,3 @@ fn_a, patch line 4)"))
    #expect(d.message.contains("\"l3\" at line 3, where the file has \"l3 edited\""))
  }

  @Test func anchoredHunksMustMatchAtTheEnds() throws {
    // No trailing context: the hunk ends the file, so it must match at the end of this one too.
    let patch = """
      --- a/t.txt
      +++ b/t.txt
      @@ -2,2 +2,2 @@
       b
      -c
      +C

      """
    let diff = try #require(Self.files(patch).first)
    let atEnd = Applier.apply(diff.hunks, to: Self.bytes("a\nb\nc\n"), file: "t.txt", patchPath: "p")
    #expect(Self.text(atEnd.content) == "a\nb\nC\n")
    let notAtEnd = Applier.apply(diff.hunks, to: Self.bytes("a\nb\nc\nd\n"), file: "t.txt", patchPath: "p")
    #expect(notAtEnd.rejectedHunks == [0])
    #expect(notAtEnd.diagnostics.first?.message.contains("must apply at the end") == true)
  }

  @Test func noNewlineAndCRLFStayByteExact() throws {
    let patch =
      "--- a/t.txt\n+++ b/t.txt\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n\\ No newline at end of file\n+B\r\n\\ No newline at end of file\n"
    let diff = try #require(Self.files(patch).first)
    let r = Applier.apply(diff.hunks, to: Self.bytes("a\r\nb\r"), file: "t.txt", patchPath: "p")
    #expect(r.content == Self.bytes("a\r\nB\r"))
  }

  @Test func fileLevelChecks() throws {
    let patch = """
      diff --git a/new.h b/new.h
      new file mode 100644
      --- /dev/null
      +++ b/new.h
      @@ -0,0 +1 @@
      +x
      diff --git a/old.h b/old.h
      deleted file mode 100644
      --- a/old.h
      +++ /dev/null
      @@ -1 +0,0 @@
      -y
      diff --git a/blob.bin b/blob.bin
      index 1111111..2222222 100644
      Binary files a/blob.bin and b/blob.bin differ

      """
    let fs = Self.files(patch)
    #expect(Applier.apply(fs[0], to: nil, patchPath: "p").content == Self.bytes("x\n"))
    #expect(Applier.apply(fs[0], to: [], patchPath: "p").diagnostics.map(\.id) == ["apply.exists"])
    let deleted = Applier.apply(fs[1], to: Self.bytes("y\n"), patchPath: "p")
    #expect(deleted.applied && deleted.content == nil)
    let kept = Applier.apply(fs[1], to: Self.bytes("y\nz\n"), patchPath: "p")
    #expect(!kept.applied && kept.content == Self.bytes("y\nz\n"))
    #expect(kept.diagnostics.map(\.id).contains("apply.reject"))
    #expect(Applier.apply(fs[1], to: nil, patchPath: "p").diagnostics.map(\.id) == ["apply.missing"])
    let binary = Applier.apply(fs[2], to: [0, 1], patchPath: "p")
    #expect(!binary.applied && binary.diagnostics.map(\.id) == ["apply.binary"])
  }
}

/// Series application: snapshots after every patch, renames carried, fragments without a base.
@Suite struct SeriesApplyTests {
  static func patch(_ label: String, _ text: String) -> SeriesPatch {
    var parser = PatchParser(path: label)
    return SeriesPatch(label: label, patch: parser.parse(text))
  }

  static func content(_ s: String) -> FileState { .content(Array(s.utf8)) }

  static let renameWithChange = patch(
    "1/3",
    """
    diff --git a/include/uapi/a.h b/include/uapi/b.h
    similarity index 60%
    rename from include/uapi/a.h
    rename to include/uapi/b.h
    --- a/include/uapi/a.h
    +++ b/include/uapi/b.h
    @@ -1,3 +1,3 @@
     a1
    -a2
    +b2
     a3

    """)

  static let modifyRenamed = patch(
    "2/3",
    """
    diff --git a/include/uapi/b.h b/include/uapi/b.h
    --- a/include/uapi/b.h
    +++ b/include/uapi/b.h
    @@ -1,3 +1,4 @@
     a1
     b2
     a3
    +b4

    """)

  static let createAndDelete = patch(
    "3/3",
    """
    diff --git a/c.h b/c.h
    new file mode 100644
    --- /dev/null
    +++ b/c.h
    @@ -0,0 +1 @@
    +c
    diff --git a/include/uapi/b.h b/include/uapi/b.h
    deleted file mode 100644
    --- a/include/uapi/b.h
    +++ /dev/null
    @@ -1,4 +0,0 @@
    -a1
    -b2
    -a3
    -b4

    """)

  static func base(_ path: String) -> [UInt8]? { path == "include/uapi/a.h" ? Array("a1\na2\na3\n".utf8) : nil }

  @Test func renameThenModifyInALaterPatch() {
    let r = SeriesApplier.apply([Self.renameWithChange, Self.modifyRenamed], base: Self.base)
    #expect(r.snapshots[0].files == ["include/uapi/a.h": .deleted, "include/uapi/b.h": Self.content("a1\nb2\na3\n")])
    #expect(r.snapshots[0].renamedFrom == ["include/uapi/b.h": "include/uapi/a.h"])
    #expect(r.snapshots[1].files == ["include/uapi/b.h": Self.content("a1\nb2\na3\nb4\n")])
    #expect(r.origins == ["include/uapi/b.h": "include/uapi/a.h"])
    #expect(r.diagnostics.isEmpty && r.snapshots.allSatisfy { $0.appliedCleanly })
  }

  @Test func everyPatchGetsASnapshotOfWhatItTouched() {
    let r = SeriesApplier.apply([Self.renameWithChange, Self.modifyRenamed, Self.createAndDelete], base: Self.base)
    #expect(r.snapshots.map(\.label) == ["1/3", "2/3", "3/3"])
    #expect(r.snapshots[2].files == ["c.h": Self.content("c\n"), "include/uapi/b.h": .deleted])
    #expect(r.files == ["include/uapi/a.h": .deleted, "include/uapi/b.h": .deleted, "c.h": Self.content("c\n")])
    #expect(r.origins.isEmpty)
  }

  @Test func theOldNameIsGoneAfterARename() {
    let touchOld = Self.patch(
      "2/2",
      """
      --- a/include/uapi/a.h
      +++ b/include/uapi/a.h
      @@ -1 +1 @@
      -a1
      +x

      """)
    let r = SeriesApplier.apply([Self.renameWithChange, touchOld], base: Self.base)
    #expect(r.snapshots[1].diagnostics.map(\.id) == ["apply.missing"])
    #expect(!r.snapshots[1].appliedCleanly)
  }

  @Test func withoutABaseHunksBecomeFragmentsWithTheirFunctionContext() throws {
    let p1 = Self.patch(
      "1/4",
      """
      --- a/drivers/x.c
      +++ b/drivers/x.c
      @@ -10,3 +10,4 @@ static int hl_open(struct file *f)
       \ta = 1;
       \tb = 2;
      +\tc = 3;
       \treturn 0;
      @@ -40,3 +41,3 @@ static long hl_ioctl(struct file *f, unsigned int cmd)
       \tswitch (cmd) {
      -\tcase 1:
      +\tcase 2:
       \tbreak;

      """)
    // Overlaps the first fragment and agrees with it: extends it. The second hunk is elsewhere.
    let p2 = Self.patch(
      "2/4",
      """
      --- a/drivers/x.c
      +++ b/drivers/x.c
      @@ -12,3 +12,4 @@ static int hl_open(struct file *f)
       \tc = 3;
       \treturn 0;
       }
      +/* end */
      @@ -80,2 +81,3 @@ static void hl_release(void)
       \tx();
      +\ty();
       \tz();

      """)
    // Inside a fragment: updates it.
    let p3 = Self.patch(
      "3/4",
      """
      --- a/drivers/x.c
      +++ b/drivers/x.c
      @@ -42,3 +42,3 @@ static long hl_ioctl(struct file *f, unsigned int cmd)
       \tswitch (cmd) {
      -\tcase 2:
      +\tcase 3:
       \tbreak;

      """)
    let r = SeriesApplier.apply([p1, p2, p3], base: nil)
    #expect(r.snapshots[0].applications.allSatisfy { $0.fragmentMode })
    #expect(r.snapshots[0].diagnostics.map(\.id) == ["apply.no-base"])
    guard case .fragments(let after1)? = r.snapshots[0].files["drivers/x.c"],
      case .fragments(let final)? = r.files["drivers/x.c"]
    else {
      Issue.record("expected fragments")
      return
    }
    #expect(after1.map(\.start) == [10, 41])
    #expect(
      after1.map(\.section) == [
        "static int hl_open(struct file *f)", "static long hl_ioctl(struct file *f, unsigned int cmd)",
      ])
    #expect(final.map(\.start) == [10, 42, 81])
    #expect(
      final.map(\.section) == [
        "static int hl_open(struct file *f)", "static long hl_ioctl(struct file *f, unsigned int cmd)",
        "static void hl_release(void)",
      ])
    #expect(final[0].text == Array("\ta = 1;\n\tb = 2;\n\tc = 3;\n\treturn 0;\n}\n/* end */\n".utf8))
    #expect(final[0].sources == [HunkReference(patch: 0, file: 0, hunk: 0), HunkReference(patch: 1, file: 0, hunk: 0)])
    #expect(final[1].text == Array("\tswitch (cmd) {\n\tcase 3:\n\tbreak;\n".utf8))
    #expect(final[2].text == Array("\tx();\n\ty();\n\tz();\n".utf8))

    // Disagreeing with what earlier patches showed: the newer lines win, with a warning.
    let p4 = Self.patch(
      "4/4",
      """
      --- a/drivers/x.c
      +++ b/drivers/x.c
      @@ -42,3 +42,3 @@ static long hl_ioctl(struct file *f, unsigned int cmd)
       \tswitch (cmd) {
      -\tcase 9:
      +\tcase 10:
       \tbreak;

      """)
    let r4 = SeriesApplier.apply([p1, p2, p3, p4], base: nil)
    let conflict = try #require(r4.snapshots[3].diagnostics.first { $0.id == "apply.fragment-conflict" })
    #expect(conflict.location?.line == 5 && conflict.excerpt == "-\tcase 9:")
    guard case .fragments(let after4)? = r4.files["drivers/x.c"] else {
      Issue.record("expected fragments")
      return
    }
    #expect(after4.count == 3 && after4[1].text == Array("\tswitch (cmd) {\n\tcase 10:\n\tbreak;\n".utf8))
  }
}

/// Whatever the patch says, applying it terminates without trapping.
@Suite struct ApplyRobustnessTests {
  @Test func randomHunksNeverTrap() {
    var rng = ApplyDifferentialTests.Seeded(state: 42)
    let pieces = [" a\n", "-a\n", "+a\n", " b\n", "-b\r\n", "+\n", "\n", "\\ No newline at end of file\n", " a", "-"]
    let headers = [
      "@@ -1,3 +1,3 @@\n", "@@ -0,0 +1 @@\n", "@@ -9223372036854775806,2 +9223372036854775806,2 @@ f\n",
      "@@ -2 +2,0 @@\n", "@@ -5,0 +6,2 @@ g\n", "@@ -3,2 +1,4 @@\n",
    ]
    for round in 0..<300 {
      var text = "--- a/x\n+++ b/x\n"
      for _ in 0..<Int.random(in: 1...4, using: &rng) {
        text += headers.randomElement(using: &rng) ?? ""
        for _ in 0..<Int.random(in: 0...6, using: &rng) { text += pieces.randomElement(using: &rng) ?? "" }
      }
      var parser = PatchParser(path: "r")
      let patch = SeriesPatch(label: "\(round)", patch: parser.parse(text))
      let content = Array(
        (0..<Int.random(in: 0...8, using: &rng)).map { _ in
          ["a\n", "b\n", "b\r\n", "c"].randomElement(using: &rng) ?? ""
        }.joined().utf8)
      for options in [
        ApplyOptions(), ApplyOptions(minimumContext: 0), ApplyOptions(minimumContext: 1, unidiffZero: true),
      ] {
        for diff in patch.files { _ = Applier.apply(diff, to: content, options: options, patchPath: "r") }
        _ = SeriesApplier.apply([patch, patch], base: nil, options: options)
        _ = SeriesApplier.apply([patch, patch], base: { _ in content }, options: options)
      }
    }
  }
}
