import Diagnostics
import Foundation
import Testing
import UAPIModel

/// Each reading limit of the header model is reached with a diagnostic at the place, naming
/// the limit and how to raise it; the declarations before and around it are kept.
@Suite struct LimitTests {
  private func load(_ text: String, _ change: (inout InputLimits) -> Void) -> LoadResult {
    var limits = InputLimits()
    change(&limits)
    return UAPILoader.load([.text(path: "test.h", text: text)], abis: [.x86_64], limits: limits)
  }

  private func records(_ r: LoadResult) -> [String] {
    guard let u = r.headers.first?.units.first else { return [] }
    return u.ownRecords.map { u.speller.displayName(ofRecord: $0) }
  }

  private func diagnostic(_ r: LoadResult, _ id: String) throws -> Diagnostic {
    try #require(r.diagnostics.first { $0.id == id }, "no \(id) in \(r.diagnostics.map(\.id))")
  }

  @Test func structNesting() throws {
    let deep = "struct a {" + String(repeating: "struct {", count: 20) + "int x;" + String(repeating: "};", count: 20) + "};\n"
    let r = load(deep + "struct after { int y; };\n") { $0.nesting = 10 }
    let d = try diagnostic(r, "parse.too-deep")
    #expect(d.location?.line == 1 && d.message.contains("--limit nesting=N"))
    #expect(records(r).contains("struct after"))
    // The default allows it.
    #expect(!load(deep) { _ in }.diagnostics.contains { $0.id == "parse.too-deep" })
  }

  @Test func expressionNesting() throws {
    let r = load("#define N " + String(repeating: "(", count: 30) + "1" + String(repeating: ")", count: 30) + "\nstruct s { char c[N]; };\n") {
      $0.nesting = 10
    }
    #expect(r.diagnostics.contains { $0.message.contains("limit nesting=10") })
  }

  @Test func macroArgumentDepth() throws {
    let r = load("#define A(x) x\nint v = " + String(repeating: "A(", count: 30) + "1" + String(repeating: ")", count: 30) + ";\nstruct k { int a; };\n") {
      $0.macroDepth = 8
    }
    let d = try diagnostic(r, "pp.expansion-depth")
    #expect(d.location?.line == 2 && d.message.contains("--limit macro-depth=N"))
    #expect(records(r) == ["struct k"])
  }

  @Test func macroTokensAndExpansions() throws {
    let text = """
      #define X1 1, 1, 1, 1
      #define X2 X1, X1, X1, X1
      #define X3 X2, X2, X2, X2
      #define X4 X3, X3, X3, X3
      int a[] = { X4 };
      struct kept { int b; };

      """
    let tokens = load(text) { $0.macroTokens = 100 }
    #expect(try diagnostic(tokens, "pp.expansion-too-large").location?.line == 5)
    #expect(records(tokens) == ["struct kept"])
    let count = load(text) { $0.macroExpansions = 10 }
    let d = try diagnostic(count, "pp.too-many-expansions")
    #expect(d.location?.line == 5 && d.message.contains("--limit macro-expansions=N"))
    #expect(records(count) == ["struct kept"])
  }

  @Test func includeDepthAndFileSize() throws {
    let dir = NSTemporaryDirectory() + "uapi-review-include-limit-\(getpid())"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    for k in 0..<12 { try "#include \"h\(k + 1).h\"\nstruct s\(k) { int a; };\n".write(toFile: "\(dir)/h\(k).h", atomically: true, encoding: .utf8) }
    try "struct last { int z; };\n".write(toFile: "\(dir)/h12.h", atomically: true, encoding: .utf8)
    var limits = InputLimits()
    limits.includeDepth = 5
    let r = UAPILoader.load([.file("\(dir)/h0.h")], abis: [.x86_64], limits: limits)
    let d = try #require(r.diagnostics.first { $0.id == "pp.include-depth" })
    // Five #includes deep are allowed; the sixth is refused at its name.
    #expect(d.location?.file == "\(dir)/h5.h" && d.location?.line == 1 && d.location?.column == 10)
    #expect(records(r) == ["struct s0"])

    limits = InputLimits()
    limits.fileBytes = 30
    let big = UAPILoader.load([.file("\(dir)/h0.h")], abis: [.x86_64, .i386], limits: limits)
    // Refused by size on every ABI, once, and never also "cannot read".
    #expect(big.diagnostics.map(\.id) == ["input.too-large"])
    #expect(big.diagnostics[0].message.contains("--limit file-bytes=N"))
  }

  @Test func aFunctionLikeNameWithoutArgumentsIsNotAnExpansion() throws {
    // `f` names a member here, not a call: only `A` expands, within a budget of one.
    let r = load("#define f(x) (x)\n#define A 4\nstruct s { int f; int g; char arr[A]; };\n") { $0.macroExpansions = 1 }
    #expect(r.diagnostics.isEmpty, "\(r.diagnostics)")
    #expect(r.headers.first?.units.first?.layouts.values.first?.size == 12)
  }

  @Test func anIfLineIsNotALevelOfMacroDepth() {
    let r = load("#define F(x) (x)\n#if F(1)\nstruct ok { int a; };\n#endif\n") { $0.macroDepth = 1 }
    #expect(r.diagnostics.isEmpty, "\(r.diagnostics)")
    #expect(records(r) == ["struct ok"])
  }

  @Test func eachParenthesisIsOneLevel() {
    func parens(_ n: Int) -> String { "enum { E = " + String(repeating: "(", count: n) + "1" + String(repeating: ")", count: n) + " };\n" }
    #expect(load(parens(10)) { $0.nesting = 10 }.diagnostics.isEmpty)
    #expect(load(parens(11)) { $0.nesting = 10 }.diagnostics.contains { $0.message.contains("limit nesting=10") })
  }

  @Test func raisedLimitsRunOnEveryWorkersLargeStack() {
    // Deeper than a default thread stack takes; every worker has the large one.
    let text = "enum { E = " + String(repeating: "(", count: 3000) + "1" + String(repeating: ")", count: 3000) + " };\n"
    var limits = InputLimits()
    limits.nesting = 10_000
    let r = UAPILoader.load([.text(path: "a.h", text: text), .text(path: "b.h", text: text)], abis: [.x86_64, .i386], limits: limits)
    #expect(r.diagnostics.isEmpty)
    #expect(r.headers.count == 2)
  }
}
