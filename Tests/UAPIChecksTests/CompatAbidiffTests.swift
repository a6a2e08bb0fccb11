import Foundation
import Testing
import UAPIChecks
import UAPIModel

/// Differential test against libabigail.
///
/// As `scripts/check-uapi.sh` uses it, each fixture
/// header is compiled with `-g` into an object whose DWARF keeps every type, dumped with `abidw`,
/// and the two dumps compared with `abidiff`. Every type, member and enumerator change abidiff
/// reports must be reported by the classifier too; what only the classifier sees (macros, ioctl
/// numbers) is listed in `Fixtures/compat/README.md`.
@Suite(.enabled(if: Abidiff.available, "abidiff not installed: apt-get install abigail-tools (make deps does)"))
struct CompatAbidiffTests {
  @Test(arguments: CompatFixtures.cases())
  func everyChangeAbidiffSeesIsReported(_ name: String) throws {
    let report = try Abidiff.compare(
      old: CompatFixtures.path(name, "old.h"), new: CompatFixtures.path(name, "new.h"))
    let (diff, _) = CompatFixtures.diff(name)
    for item in report.items {
      #expect(
        item.isCovered(by: diff.changes), "\(name): abidiff reports \(item), uapi-review does not:\n\(diff.report)")
    }
  }

  /// The cases where only the classifier sees a change, as the README's table says.
  @Test func changesOnlyTheClassifierSees() throws {
    var onlyHere: [String: [String]] = [:]
    for name in CompatFixtures.cases() {
      let report = try Abidiff.compare(old: CompatFixtures.path(name, "old.h"), new: CompatFixtures.path(name, "new.h"))
      let (diff, _) = CompatFixtures.diff(name)
      let unseen = diff.changes.filter { change in !report.items.contains { $0.concerns(change) } }
      onlyHere[name] = unseen.map(\.kind.rawValue)
    }
    // Macros and ioctl numbers never reach DWARF.
    #expect(onlyHere["macro-value-changed"] == ["ABI.constant-changed"])
    #expect(onlyHere["ioctl-direction"] == ["ABI.ioctl-direction-changed"])
    #expect(onlyHere["struct-grown-ioctl"] == ["ABI.ioctl-size-changed"])
    #expect(onlyHere["union-grew"] == ["ABI.ioctl-size-changed"])
    #expect(onlyHere["additions"] == ["ABI.constant-added", "ABI.ioctl-added"])
    #expect(
      onlyHere["removals-and-renames"] == [
        "ABI.constant-renamed", "ABI.constant-removed", "ABI.ioctl-removed",
      ])
    // gcc writes the same DWARF for `x[0]` and `x[]`.
    #expect(onlyHere["flex-array"] == ["ABI.flexible-array-converted"])
  }
}

/// `abidiff`'s report, reduced to the changed, added and removed types and the members and
/// enumerators it names.
struct AbidiffReport {
  struct Item: CustomStringConvertible {
    enum Kind: String { case added, removed, changed }
    var kind: Kind
    /// `struct foo`, `enum bar`, or `union {…}` for an anonymous type.
    var type: String
    /// A data member or enumerator named under the type, if any.
    var member: String?

    var isAnonymous: Bool { type.contains("{") }
    var description: String { "\(kind.rawValue) \(type)" + (member.map { " member \($0)" } ?? "") }

    /// Whether `change` is about this item's type (and member).
    func concerns(_ change: ABIChange) -> Bool {
      let texts = [change.symbol, change.old ?? "", change.new ?? ""]
      let typeMatches =
        isAnonymous || change.symbol == type || change.symbol.hasPrefix(type + ".") || change.old == type
        || change.new == type
      guard typeMatches else { return false }
      guard let member else { return true }
      return texts.contains { text in
        text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }).contains { $0 == member }
      }
    }

    func isCovered(by changes: [ABIChange]) -> Bool { changes.contains(where: concerns) }
  }

  var items: [Item] = []

  /// Reads abidiff's text report.
  init(_ text: String) {
    var current: String?
    for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if let name = Self.quoted(line, after: "[A] ") {
        items.append(Item(kind: .added, type: name))
      } else if let name = Self.quoted(line, after: "[D] ") {
        items.append(Item(kind: .removed, type: name))
      } else if let name = Self.quoted(line, after: "[C] ") {
        current = name
        items.append(Item(kind: .changed, type: name))
      } else if let type = current, line.hasPrefix("'") || line.hasPrefix("type of '") || line.hasPrefix("name of '") {
        // `'__u64 used', at offset …`, `type of '__u64 fd' changed`, `name of 'x::a' changed to …`,
        // `'em_op::EM_OP_MAX' from value …`.
        guard let q = line.firstIndex(of: "'") else { continue }
        let rest = line[line.index(after: q)...]
        guard let end = rest.firstIndex(of: "'") else { continue }
        var name = String(rest[..<end])
        if let colons = name.range(of: "::", options: .backwards) { name = String(name[colons.upperBound...]) }
        if let space = name.lastIndex(of: " ") { name = String(name[name.index(after: space)...]) }
        if let bracket = name.firstIndex(of: "[") { name = String(name[..<bracket]) }
        items.append(Item(kind: .changed, type: type, member: name))
      }
    }
  }

  private static func quoted(_ line: String, after marker: String) -> String? {
    guard line.hasPrefix(marker) else { return nil }
    let rest = line.dropFirst(marker.count)
    guard rest.first == "'", let end = rest.dropFirst().firstIndex(of: "'") else { return nil }
    return String(rest[rest.index(after: rest.startIndex)..<end])
  }
}

/// Runs gcc, abidw and abidiff as check-uapi.sh does.
enum Abidiff {
  static var available: Bool { which("abidiff") != nil && which("abidw") != nil && which("gcc") != nil }

  static func which(_ tool: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/\(tool)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// abidiff's findings between the two headers.
  static func compare(old: String, new: String) throws -> AbidiffReport {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("uapi-abidiff-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let oldABI = try dump(old, as: "old", in: dir)
    let newABI = try dump(new, as: "new", in: dir)
    // Status bits: 1 error, 2 usage, 4 ABI change, 8 incompatible change.
    let (status, out) = try run("abidiff", ["--non-reachable-types", "--harmless", oldABI, newABI])
    guard status & 3 == 0 else { throw Failure(description: "abidiff failed (\(status)): \(out)") }
    return AbidiffReport(out)
  }

  /// Compiles a translation unit including `header` (types kept even when unused, plus one
  /// object so the ELF has a symbol table) and writes its ABI dump.
  private static func dump(_ header: String, as name: String, in dir: URL) throws -> String {
    let source = dir.appendingPathComponent("\(name).c")
    try "#include \"\(header)\"\nint uapi_review_anchor;\n".write(to: source, atomically: true, encoding: .utf8)
    let object = dir.appendingPathComponent("\(name).o").path
    let (cc, ccOut) = try run("gcc", ["-g", "-fno-eliminate-unused-debug-types", "-c", source.path, "-o", object])
    guard cc == 0 else { throw Failure(description: "gcc failed on \(header): \(ccOut)") }
    let abi = dir.appendingPathComponent("\(name).abi").path
    let (dw, dwOut) = try run(
      "abidw", ["--no-corpus-path", "--no-comp-dir-path", "--load-all-types", "--out-file", abi, object])
    guard dw == 0 else { throw Failure(description: "abidw failed on \(header): \(dwOut)") }
    return abi
  }

  private static func run(_ tool: String, _ arguments: [String]) throws -> (Int32, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: which(tool) ?? "/usr/bin/\(tool)")
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}
