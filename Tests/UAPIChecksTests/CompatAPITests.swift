import Diagnostics
import Foundation
import Testing
import UAPIChecks
import UAPIModel

/// The classifier's API: findings, changelog lines, moves, options, and the per-ABI cases the
/// fixtures do not show.
@Suite struct CompatAPITests {
  func compare(
    _ old: String, _ new: String, oldPath: String = "a.h", newPath: String = "a.h", options: ABICompareOptions = .init()
  )
    -> ABIDiff
  {
    let (diff, diagnostics) = ABICompare.compare(
      old: .text(path: oldPath, text: "#include <linux/types.h>\n#include <linux/ioctl.h>\n" + old),
      new: .text(path: newPath, text: "#include <linux/types.h>\n#include <linux/ioctl.h>\n" + new), options: options)
    #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics)")
    return diff
  }

  @Test func identicalHeadersHaveNoChanges() {
    let text = "struct s { __u64 a; __u32 b; __u32 pad; };\n#define S_IOCTL _IOWR('S', 1, struct s)\n"
    let diff = compare(text, text)
    #expect(diff.changes.isEmpty)
    #expect(diff.verdict == nil)
    #expect(!diff.isMove)
  }

  @Test func aMoveComparesTheOldPathWithTheNewOne() {
    let text = "struct s { __u64 a; };\n#define S_FLAG 4\n"
    let diff = compare(
      text, text + "#define S_OTHER 5\n", oldPath: "include/uapi/misc/s.h", newPath: "include/uapi/drm/s.h")
    #expect(diff.isMove)
    #expect(diff.oldPath == "include/uapi/misc/s.h")
    #expect(diff.newPath == "include/uapi/drm/s.h")
    #expect(diff.changes.map(\.kind) == [.constantAdded])
    #expect(diff.changes.first?.location?.file == "include/uapi/drm/s.h")
  }

  @Test func findingAndChangelogOfARetypedUnionMember() throws {
    let diff = compare(
      "struct out { union { __u64 addr; __u64 fd; }; };", "struct out { union { __u64 addr; __s32 fd; }; };")
    let change = try #require(diff.changes.first)
    #expect(diff.changes.count == 1)
    #expect(change.kind == .memberRetyped)
    #expect(change.verdict == .compatible)
    #expect(change.changelogLine == "`out.fd`: `__u64` → `__s32`")
    #expect(change.note?.contains("little-endian only") == true)
    #expect(change.note?.contains("unsigned → signed") == true)
    let finding = change.finding()
    #expect(finding.rule == "ABI.member-retyped")
    #expect(finding.severity == .note)
    #expect(finding.location == SourceLocation(file: "a.h", line: 3, column: 40))
    #expect(finding.evidence == ["all ABIs: offset 0, size 8 → 4"])
    #expect(diff.findings == [finding])
  }

  /// The same bytes read the same whether the narrowed member sits in the union or in a struct
  /// inside it; a struct neighbour using the freed bytes makes it a break.
  @Test func littleEndianRetypeThroughANestedStruct() throws {
    let nested = compare(
      "union u { __u64 handle; struct { __u64 fd; } out; };", "union u { __u64 handle; struct { __s32 fd; } out; };")
    let retype = try #require(nested.changes.first { $0.kind == .memberRetyped })
    #expect(retype.verdict == .compatible && retype.note?.contains("little-endian only") == true)
    let neighbour = compare(
      "union u { __u64 handle; struct { __u64 fd; __u32 x; } out; };",
      "union u { __u64 handle; struct { __s32 fd; __u32 x; } out; };")
    #expect(neighbour.changes.first { $0.kind == .memberRetyped }?.verdict == .abiBreak)
    // Widening is a break: old userspace writes only the low bytes the kernel now reads past.
    let widened = compare(
      "union u { struct { __u32 handle; } in; struct { __u64 addr; } out; };",
      "union u { struct { __u64 handle; } in; struct { __u64 addr; } out; };")
    let w = try #require(widened.changes.first { $0.kind == .memberRetyped })
    #expect(w.verdict == .abiBreak && w.note?.contains("widened") == true)
  }

  @Test func breaksAreErrors() {
    let diff = compare("struct s { __u32 a; __u32 b; };", "struct s { __u32 b; __u32 a; };")
    #expect(diff.verdict == .abiBreak)
    #expect(diff.hasBreak)
    #expect(diff.findings.allSatisfy { $0.severity == .error })
  }

  @Test func retypeInAStructThatMovesMembersIsABreak() {
    let diff = compare("struct s { __u32 a; __u32 b; };", "struct s { __u64 a; __u32 b; };")
    #expect(diff.changes.first { $0.kind == .memberRetyped }?.verdict == .abiBreak)
    #expect(diff.changes.contains { $0.kind == .memberMoved && $0.symbol == "struct s.b" })
  }

  @Test func alignedU64MovesMembersOnI386Only() throws {
    let diff = compare("struct s { __u32 a; __u64 b; };", "struct s { __u32 a; __aligned_u64 b; };")
    let moved = try #require(diff.changes.first { $0.kind == .memberMoved })
    #expect(moved.abis == [.i386])
    #expect(moved.facts.contains { $0.abis == [.i386] && $0.text == "offset 4 → 8, size 8" })
    let size = try #require(diff.changes.first { $0.kind == .typeSizeChanged })
    #expect(size.abis == [.i386])
    #expect(size.verdict == .compatible)
  }

  @Test func sizeTolerantDispatchMakesAGrownArgumentCompatible() throws {
    let old = "struct s { __u64 a; };\n#define S_IOCTL _IOWR('S', 1, struct s)\n"
    let new = "struct s { __u64 a; __u64 b; };\n#define S_IOCTL _IOWR('S', 1, struct s)\n"
    let strict = try #require(compare(old, new).changes.first { $0.kind == .ioctlSizeChanged })
    #expect(strict.verdict == .abiBreak)
    let tolerant = try #require(
      compare(old, new, options: ABICompareOptions(sizeTolerantDispatch: true)).changes.first {
        $0.kind == .ioctlSizeChanged
      })
    #expect(tolerant.verdict == .compatible)
    #expect(tolerant.note?.contains("I8") == true)
  }

  /// The December 2022 habanalabs change (`UAPI-RULES.md` §3.3): `export_dmabuf_fd` renamed
  /// `handle` to `addr` and grew inside a union that kept its size, so the ioctl number held.
  @Test func exportDmabufRenameKeepsTheNumber() {
    let old = """
      struct mem_in {
        union {
          struct { __u64 a; __u64 b; __u64 c; } map_host;
          struct { __u64 handle; __u64 mem_size; } export_dmabuf_fd;
        };
        __u32 op; __u32 flags; __u32 ctx_id; __u32 num_of_elements;
      };
      #define MEM_IOCTL _IOWR('H', 0x05, struct mem_in)
      """
    let new = """
      struct mem_in {
        union {
          struct { __u64 a; __u64 b; __u64 c; } map_host;
          struct { __u64 addr; __u64 mem_size; __u64 offset; } export_dmabuf_fd;
        };
        __u32 op; __u32 flags; __u32 ctx_id; __u32 num_of_elements;
      };
      #define MEM_IOCTL _IOWR('H', 0x05, struct mem_in)
      """
    let diff = compare(old, new)
    #expect(
      diff.changes.map(\.verdictLine) == [
        "source-break ABI.member-renamed struct mem_in.export_dmabuf_fd.handle: handle → addr — same offset and size on every ABI; sources using the old name break",
        "compatible ABI.member-added struct mem_in.export_dmabuf_fd.offset: added (__u64) — appended to export_dmabuf_fd",
      ])
  }

  @Test func anonymousUnionsAreMatchedByTheirMembersNotTheirPosition() {
    let diff = compare(
      "struct s { union { __u64 a; __u32 b; }; union { __u64 c; __u32 d; }; };",
      "struct s { union { __u64 a; __u32 b; }; union { __u64 c; __u32 d; __u16 e; }; };")
    #expect(diff.changes.map(\.symbol) == ["struct s.e"])
    #expect(diff.changes.first?.verdict == .compatible)
  }

  @Test func everyKindHasAStableDottedId() {
    for kind in ABIChangeKind.allCases { #expect(kind.rawValue.hasPrefix("ABI.")) }
    #expect(Set(ABIChangeKind.allCases.map(\.rawValue)).count == ABIChangeKind.allCases.count)
  }

  @Test func brokenOrEmptyInputDoesNotCrash() {
    let broken = ABICompare.compare(
      old: .text(path: "a.h", text: "struct a { __u32 x; union { __u64 y; "), new: .text(path: "a.h", text: ""))
    #expect(broken.diff.abis == ABI.allCases)
    let empty = ABICompare.compare(old: .text(path: "a.h", text: ""), new: .text(path: "a.h", text: "#define A 1\n"))
    #expect(empty.diff.changes.map(\.kind) == [.constantAdded])
  }

  /// The bundled reference header against itself, read from disk: nothing changed.
  @Test func bundledReferenceHeaderAgainstItself() {
    let header = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Sources/HabanaLabsReference/uapi/misc/hl_memory.h").path
    let (diff, _) = ABICompare.compare(old: .file(header), new: .file(header))
    #expect(diff.abis == ABI.allCases)
    #expect(diff.changes.isEmpty, "\(diff.report)")
  }
}
