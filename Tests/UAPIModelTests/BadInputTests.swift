import Diagnostics
import Foundation
import Testing
import UAPIModel

/// Bad input gives diagnostics with file:line:col and a caret excerpt, keeps what could be read,
/// and never crashes or hangs.
@Suite struct BadInputTests {
  private func errors(_ r: LoadResult) -> [Diagnostic] { r.diagnostics.filter { $0.severity == .error } }

  private func recordNames(_ r: LoadResult) -> [String] {
    guard let u = r.headers.first?.units.first else { return [] }
    return u.ownRecords.map { u.speller.displayName(ofRecord: $0) }
  }

  @Test func truncatedHeaderKeepsEarlierDeclarations() throws {
    let r = load("struct ok { int a; };\nstruct cut {\n\tint b;\n\tint c")
    let e = try #require(errors(r).first)
    #expect(e.location?.file == "test.h" && e.location?.line != nil)
    #expect(recordNames(r).contains("struct ok"))
    let rendered = DiagnosticRenderer.render(e)
    #expect(rendered.hasPrefix("test.h:"))
    #expect(rendered.contains("\n    ") && rendered.hasSuffix("^"))
  }

  @Test func unbalancedBracesAreDiagnosedAndParsingContinues() throws {
    let r = load("struct a { int x; }; }\nstruct b { int y; };\nstruct c { int z;\n")
    #expect(errors(r).contains { $0.id == "parse.unbalanced" && $0.location?.line == 1 })
    #expect(recordNames(r).contains("struct b"))
  }

  @Test func unbalancedConditionals() throws {
    let open = load("#if 1\nstruct a { int x; };\n")
    #expect(errors(open).contains { $0.id == "pp.unterminated-conditional" && $0.location?.line == 1 })
    #expect(recordNames(open) == ["struct a"])
    let close = load("#endif\nstruct b { int y; };\n#else\n")
    #expect(errors(close).filter { $0.id == "pp.unbalanced-conditional" }.count == 2)
    #expect(recordNames(close) == ["struct b"])
  }

  @Test func badDeclarationIsSkipped() throws {
    let r = load("struct bad { int x[y]; int ; };\nstruct good { int z; };\n")
    #expect(!errors(r).isEmpty)
    #expect(recordNames(r).contains("struct good"))
  }

  @Test func selfRecursiveMacrosTerminate() throws {
    let r = load("#define A A + 1\n#define B C\n#define C B\n#define F(x) F(x)\nenum { X = A, Y = B, Z = F(1) };\nstruct s { int q; };\n")
    #expect(recordNames(r) == ["struct s"])
    #expect(errors(r).contains { $0.id == "parse.not-constant" })
  }

  @Test func exponentialMacroExpansionIsCut() throws {
    var text = "#define X0 1+\n"
    for k in 1...40 { text += "#define X\(k) X\(k - 1) X\(k - 1)\n" }
    text += "enum { BIG = X40 1 };\nstruct after { int a; };\n"
    let r = load(text)
    #expect(errors(r).contains { $0.id == "pp.expansion-too-large" })
    #expect(recordNames(r) == ["struct after"])
  }

  @Test func tenThousandDeepNesting() throws {
    let depth = 10_000
    let structs = String(repeating: "struct { ", count: depth) + "int x;" + String(repeating: " } m;", count: depth)
    let parens = "enum { P = " + String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth) + " };"
    let ifs = String(repeating: "#if 1\n", count: depth) + "struct inner { int y; };\n" + String(repeating: "#endif\n", count: depth)
    let macros = "#define M(x) x\nenum { Q = " + String(repeating: "M(", count: depth) + "1" + String(repeating: ")", count: depth) + " };"
    let text = "struct deep { " + structs + " };\n" + parens + "\n" + ifs + macros + "\nstruct tail { int z; };\n"
    let r = load(text)
    #expect(errors(r).contains { $0.id == "parse.too-deep" })
    #expect(errors(r).contains { $0.id == "parse.not-constant" || $0.id == "pp.expansion-depth" })
    #expect(recordNames(r).contains("struct inner") && recordNames(r).contains("struct tail"))
  }

  @Test func binaryAndNonUTF8Bytes() throws {
    var bytes = Array("struct a { int x; };\nstruct b { int \u{0}y; };\n".utf8)
    bytes += [0x73, 0x74, 0xff, 0xfe, 0x0a]  // "st" then invalid UTF-8
    bytes += Array("int v\u{e9};\nstruct c { int z; };\n".utf8).map { $0 }
    bytes += [0xe9, 0x0a]  // Latin-1 é on its own line
    bytes += Array("struct d { int w; };\n".utf8)
    let path = NSTemporaryDirectory() + "uapi-review-binary-\(getpid()).h"
    FileManager.default.createFile(atPath: path, contents: Data(bytes))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let r = UAPILoader.load([.file(path)], abis: [.x86_64])
    let bad = errors(r).filter { $0.id == "lex.bad-character" }
    #expect(bad.contains { $0.location?.line == 2 && $0.message.contains("NUL") })
    #expect(bad.contains { $0.location?.line == 3 && $0.message.contains("UTF-8") })
    #expect(bad.allSatisfy { $0.excerpt != nil })
    #expect(recordNames(r).contains("struct a") && recordNames(r).contains("struct d"))
  }

  @Test func fiftyMegabyteBinaryFileIsCappedNotHung() throws {
    let path = NSTemporaryDirectory() + "uapi-review-50mb-\(getpid()).h"
    var bytes = [UInt8](repeating: 0, count: 50 << 20)
    var seed: UInt64 = 0x9e37_79b9_7f4a_7c15
    for k in stride(from: 0, to: bytes.count, by: 8) {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      withUnsafeBytes(of: seed) { raw in for j in 0..<min(8, bytes.count - k) { bytes[k + j] = raw[j] } }
    }
    FileManager.default.createFile(atPath: path, contents: Data(bytes))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let r = UAPILoader.load([.file(path)], abis: [.x86_64])
    let lexical = r.diagnostics.filter { $0.id.hasPrefix("lex.") }
    #expect(!lexical.isEmpty && lexical.count <= 22)
    #expect(lexical.contains { $0.id == "lex.not-c" })
    #expect(r.diagnostics.allSatisfy { $0.location?.file == path || $0.location == nil })
  }

  @Test func missingIncludeAndIncludeCycle() throws {
    let dir = NSTemporaryDirectory() + "uapi-review-cycle-\(getpid())"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try "#include \"b.h\"\nstruct a { int x; };\n".write(toFile: dir + "/a.h", atomically: true, encoding: .utf8)
    try "#include \"a.h\"\n#include <no/such.h>\n".write(toFile: dir + "/b.h", atomically: true, encoding: .utf8)
    let r = UAPILoader.load([.file(dir + "/a.h")], abis: [.x86_64])
    #expect(errors(r).contains { $0.id == "pp.include-cycle" })
    #expect(errors(r).contains { $0.id == "pp.include-not-found" && $0.location?.line == 2 && $0.location?.column == 10 })
    #expect(recordNames(r) == ["struct a"])
  }
}

/// Inputs found by review: each once crashed or gave a result gcc does not.
@Suite struct ReviewFindingTests {
  private func unit(_ text: String) -> HeaderUnit? { load(text).headers.first?.units.first }

  @Test func hugeSizesAndAlignmentsAreDiagnosedNotTrapped() throws {
    let text = """
      struct big { char x[1UL << 61]; };
      struct neg { char y[-1UL]; };
      struct al { int a __attribute__((aligned(-1))); };
      struct al2 { _Alignas(1UL << 61) char c; };
      #pragma pack(-1)
      struct pk { int a : 3; };
      #pragma pack()
      struct s { int a[4]; };
      enum { N = __builtin_offsetof(struct s, a[-1]) };
      enum { M = __builtin_offsetof(struct s, a[0x7fffffffffffffff]) };
      struct ok { int z; };
      """
    let r = load(text)
    #expect(r.diagnostics.contains { $0.id == "parse.array-too-large" })
    #expect(r.diagnostics.contains { $0.id == "parse.bad-alignment" })
    let u = try #require(r.headers.first?.units.first)
    #expect(u.enums.first { $0.enumerators?.first?.name == "N" }?.enumerators?.first?.value == -4)
    #expect(u.ownRecords.contains { u.records[$0].tag == "ok" })
  }

  @Test func preprocessorCornerCases() throws {
    let text = """
      #define DECL(t, p, n) t p ## n;
      DECL(int, , foo)
      #define FOO 1
      #define D defined(FOO)
      #if D
      struct from_defined { int a; };
      #endif
      #define X 1 + \\  
      2
      enum { SPLICED = X };
      #ifdef __has_include
      struct has_include_defined { int b; };
      #endif
      #if (1 ? -1 : 0u) > 0
      struct unsigned_conditional { int c; };
      #endif
      enum { L = __LINE__ };
      """
    let u = try #require(unit(text))
    let names = u.ownRecords.compactMap { u.records[$0].tag }
    #expect(names == ["from_defined", "has_include_defined", "unsigned_conditional"])
    #expect(u.functions.first?.name == "foo")
    let values = Dictionary(uniqueKeysWithValues: u.enums.flatMap { $0.enumerators ?? [] }.map { ($0.name, $0.value) })
    #expect(values["SPLICED"] == 3)
    #expect(values["L"] == 17)
  }

  @Test func guardWithElseIsNotSkippedTheSecondTime() throws {
    let dir = NSTemporaryDirectory() + "uapi-review-else-\(getpid())"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try "#ifndef G\n#define G\nstruct a { int x; };\n#else\nstruct b { int y; };\n#endif\n"
      .write(toFile: dir + "/g.h", atomically: true, encoding: .utf8)
    try "#include \"g.h\"\n#include \"g.h\"\n".write(toFile: dir + "/main.h", atomically: true, encoding: .utf8)
    let r = UAPILoader.load([.file(dir + "/main.h")], abis: [.x86_64])
    let u = try #require(r.headers.first?.units.first)
    #expect(u.records.contains { $0.tag == "b" && $0.isComplete })
  }
}

/// An ioctl whose argument cannot be sized is reported, not dropped.
@Suite struct UnsizedIoctlTests {
  @Test func unsizedIoctlIsAWarningAtItsDefine() {
    let text = "#include <linux/ioctl.h>\nstruct x { int a; };\n#define IOC_A _IOW('x', 1, struct undefined_type)\n#define IOC_B _IOW('x', 2, struct x)\n"
    let r = UAPILoader.load([.text(path: "ioc.h", text: text)], abis: ABI.allCases)
    let d = r.diagnostics.filter { $0.id == "ioctl.size-unknown" }
    #expect(d.count == 1 && d.first?.location?.line == 3 && d.first?.severity == .warning)
    #expect(r.headers.first?.unit(.x86_64)?.macros.first { $0.name == "IOC_B" }?.ioctl != nil)
  }
}
