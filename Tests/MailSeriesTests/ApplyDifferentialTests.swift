import Foundation
import MailSeries
import TestSupport
import Testing

/// Hunk application against `git apply --reject` itself: random files and edits, diffs written by
/// git, targets perturbed so hunks need offsets, fuzz or get rejected; the bytes left behind and
/// the rejected hunks must be git's.
@Suite struct ApplyDifferentialTests {
  /// SplitMix64: small, seeded, the same on every machine.
  struct Seeded: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  /// Runs git in `dir`; exit status and stderr (stdout goes to `stdoutFile` when given).
  @discardableResult
  static func git(_ args: [String], in dir: String, stdoutFile: String? = nil) throws -> (Int32, String) {
    let out = try GitCLI.run(args, in: dir, stdoutFile: stdoutFile)
    return (out.status, out.errorText)
  }

  /// One generated case: the file before, after (what the diff is made from), and the target the
  /// diff is applied to. nil = no such file.
  struct Case {
    var name: String
    var base: [UInt8]?
    var new: [UInt8]?
    var target: [UInt8]?
  }

  static let vocabulary = ["{", "}", "", "\treturn 0;", "\tbreak;", "#endif", "\tint x;"]

  static func randomLine(_ rng: inout Seeded, unique: inout Int) -> String {
    if Int.random(in: 0..<3, using: &rng) == 0 { return vocabulary.randomElement(using: &rng) ?? "" }
    unique += 1
    return "line \(unique) " + String(repeating: "x", count: Int.random(in: 0..<4, using: &rng))
  }

  static func render(_ lines: [String], crlf: Bool, finalNewline: Bool) -> [UInt8] {
    guard !lines.isEmpty else { return [] }
    let eol = crlf ? "\r\n" : "\n"
    var text = lines.joined(separator: eol)
    if finalNewline { text += eol }
    return Array(text.utf8)
  }

  /// Random edits: replaced, inserted and deleted runs, at the ends too.
  static func edit(_ lines: [String], _ rng: inout Seeded, unique: inout Int) -> [String] {
    var out = lines
    for _ in 0..<Int.random(in: 1...4, using: &rng) {
      let at = Int.random(in: 0...out.count, using: &rng)
      switch Int.random(in: 0..<3, using: &rng) {
      case 0 where at < out.count: out[at] = randomLine(&rng, unique: &unique)
      case 1 where at < out.count: out.removeSubrange(at..<min(out.count, at + Int.random(in: 1...3, using: &rng)))
      default:
        out.insert(
          contentsOf: (0..<Int.random(in: 1...3, using: &rng)).map { _ in randomLine(&rng, unique: &unique) }, at: at)
      }
    }
    return out
  }

  /// What happens to the target: unrelated lines inserted or removed (offsets), a line changed
  /// (fuzz or reject), or nothing.
  static func perturb(_ lines: [String], _ rng: inout Seeded, unique: inout Int) -> [String] {
    var out = lines
    for _ in 0..<Int.random(in: 0...2, using: &rng) {
      let at = Int.random(in: 0...out.count, using: &rng)
      switch Int.random(in: 0..<4, using: &rng) {
      case 0, 1:
        out.insert(
          contentsOf: (0..<Int.random(in: 1...6, using: &rng)).map { _ in randomLine(&rng, unique: &unique) }, at: at)
      case 2 where at < out.count: out.remove(at: at)
      default: if at < out.count { out[at] = randomLine(&rng, unique: &unique) }
      }
    }
    return out
  }

  static func makeCases(seed: UInt64, count: Int) -> [Case] {
    var rng = Seeded(state: seed)
    var unique = 0
    var cases: [Case] = []
    for i in 0..<count {
      let crlf = Int.random(in: 0..<8, using: &rng) == 0
      let baseEOL = Int.random(in: 0..<6, using: &rng) != 0
      let newEOL = Int.random(in: 0..<6, using: &rng) != 0 ? true : !baseEOL
      let n = Int.random(in: 0...30, using: &rng)
      let baseLines = (0..<n).map { _ in randomLine(&rng, unique: &unique) }
      let newLines = edit(baseLines, &rng, unique: &unique)
      let targetLines = perturb(baseLines, &rng, unique: &unique)
      let name = String(format: "f%04d.txt", i)
      let base = render(baseLines, crlf: crlf, finalNewline: baseEOL)
      let new = render(newLines, crlf: crlf, finalNewline: newEOL)
      if base == new { continue }
      switch Int.random(in: 0..<20, using: &rng) {
      case 0: cases.append(Case(name: name, base: nil, new: new, target: nil))  // new file
      case 1: cases.append(Case(name: name, base: base, new: nil, target: base))  // deletion
      default:
        // The target keeps the base's line endings, so a perturbed CRLF file stays CRLF.
        let target = render(
          targetLines, crlf: crlf, finalNewline: targetLines.count == baseLines.count ? baseEOL : true)
        cases.append(Case(name: name, base: base, new: new, target: target))
      }
    }
    return cases
  }

  /// `Rejected hunk #n.` lines of `git apply --reject`, per file.
  static func rejects(_ stderr: String) -> [String: [Int]] {
    var out: [String: [Int]] = [:]
    var current = ""
    for line in stderr.split(separator: "\n") {
      if line.hasPrefix("Applying patch "), let with = line.range(of: " with ", options: .backwards) {
        current = String(line[..<with.lowerBound].dropFirst("Applying patch ".count))
      } else if line.hasPrefix("Rejected hunk #"), let n = Int(line.dropFirst("Rejected hunk #".count).dropLast()) {
        out[current, default: []].append(n - 1)
      }
    }
    return out
  }

  enum Feature: CaseIterable { case offset, fuzz, reject, newFile, deletion, crlf, noNewline }

  struct Variant: Sendable, CustomStringConvertible {
    var unified: Int
    var gitFlags: [String]
    var options: ApplyOptions
    var description: String { "-U\(unified) \(gitFlags.joined(separator: " "))" }
  }

  static let variants: [Variant] = [
    Variant(unified: 3, gitFlags: [], options: ApplyOptions()),
    Variant(unified: 3, gitFlags: ["-C2"], options: ApplyOptions(minimumContext: 2)),
    Variant(unified: 3, gitFlags: ["-C1"], options: ApplyOptions(minimumContext: 1)),
    Variant(unified: 3, gitFlags: ["-C0"], options: ApplyOptions(minimumContext: 0)),
    Variant(unified: 1, gitFlags: [], options: ApplyOptions()),
    Variant(unified: 1, gitFlags: ["-C0"], options: ApplyOptions(minimumContext: 0)),
    Variant(unified: 0, gitFlags: [], options: ApplyOptions()),
    Variant(unified: 0, gitFlags: ["--unidiff-zero"], options: ApplyOptions(unidiffZero: true)),
  ]

  @Test func randomEditsApplyAsGitAppliesThem() throws {
    let root = NSTemporaryDirectory() + "uapi-review-apply-\(getpid())-\(UUID().uuidString.prefix(8))"
    let repo = root + "/repo"
    let fm = FileManager.default
    try fm.createDirectory(atPath: repo, withIntermediateDirectories: true)
    defer { try? fm.removeItem(atPath: root) }
    let cases = Self.makeCases(seed: 0x5eed_0001, count: 220)

    try Self.git(["init", "-q"], in: repo)
    for c in cases { if let b = c.base { _ = fm.createFile(atPath: repo + "/" + c.name, contents: Data(b)) } }
    try Self.git(["add", "-A"], in: repo)
    try Self.git(["-c", "user.email=d@e.org", "-c", "user.name=D", "commit", "-qm", "base"], in: repo)
    for c in cases {
      if let n = c.new {
        _ = fm.createFile(atPath: repo + "/" + c.name, contents: Data(n))
      } else {
        try fm.removeItem(atPath: repo + "/" + c.name)
      }
    }

    try Self.git(["add", "-A"], in: repo)  // new files too
    var compared = 0
    var mismatches: [String] = []
    var seen: [Feature: Int] = [:]
    for (v, variant) in Self.variants.enumerated() {
      let patchFile = root + "/u\(variant.unified).patch"
      if !fm.fileExists(atPath: patchFile) {
        try Self.git(
          ["diff", "--cached", "--no-renames", "--no-color", "-U\(variant.unified)"], in: repo, stdoutFile: patchFile)
      }
      let patchText = try String(contentsOfFile: patchFile, encoding: .utf8)
      let target = root + "/t\(v)"
      try fm.createDirectory(atPath: target, withIntermediateDirectories: true)
      for c in cases { if let t = c.target { _ = fm.createFile(atPath: target + "/" + c.name, contents: Data(t)) } }
      let (_, stderr) = try Self.git(["apply", "--reject"] + variant.gitFlags + [patchFile], in: target)
      let gitRejects = Self.rejects(stderr)

      var parser = PatchParser(path: "u\(variant.unified).patch")
      let files = parser.parse(patchText).files
      #expect(files.count == cases.count, "\(Set(cases.map(\.name)).subtracting(files.map(\.path)).sorted())")
      let byName = Dictionary(cases.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
      for diff in files {
        guard let c = byName[diff.path] else {
          mismatches.append("\(variant): unexpected \(diff.path)")
          continue
        }
        let ours = Applier.apply(diff, to: c.target, options: variant.options, patchPath: "p")
        let theirs = fm.contents(atPath: target + "/" + c.name).map { [UInt8]($0) }
        let ourRejects = ours.rejectedHunks
        compared += 1
        for h in ours.hunks {
          if h.isRejected { seen[.reject, default: 0] += 1 }
          if h.fuzz > 0 { seen[.fuzz, default: 0] += 1 }
          if case .applied(_, let offset, _, _) = h.status, offset != 0 { seen[.offset, default: 0] += 1 }
        }
        if c.base == nil { seen[.newFile, default: 0] += 1 }
        if c.new == nil { seen[.deletion, default: 0] += 1 }
        if c.base?.contains(13) == true { seen[.crlf, default: 0] += 1 }
        if diff.hunks.contains(where: { $0.lines.contains { $0.kind == .noNewline } }) {
          seen[.noNewline, default: 0] += 1
        }
        if ours.content != theirs || ourRejects != (gitRejects[c.name] ?? []) {
          if let dbg = ProcessInfo.processInfo.environment["APPLY_DEBUG_DIR"] {
            let d = dbg + "/v\(v)-" + c.name
            try? fm.createDirectory(atPath: d, withIntermediateDirectories: true)
            _ = fm.createFile(atPath: d + "/target", contents: Data(c.target ?? []))
            _ = fm.createFile(
              atPath: d + "/patch",
              contents: Data(
                (diff.rawHeader.joined() + diff.hunks.map { $0.rawHeader + $0.lines.map(\.raw).joined() }.joined()).utf8
              ))
            _ = fm.createFile(atPath: d + "/flags", contents: Data(variant.gitFlags.joined(separator: " ").utf8))
          }
          mismatches.append(
            "\(variant) \(c.name): ours rejects \(ourRejects), git \(gitRejects[c.name] ?? []); "
              + "ours \(String(reflecting: ours.content.map { String(decoding: $0, as: UTF8.self) })) "
              + "git \(String(reflecting: theirs.map { String(decoding: $0, as: UTF8.self) }))")
        }
      }
    }
    #expect(compared >= 1500, "compared \(compared)")
    // The corpus really exercises what it is for.
    for feature in Feature.allCases { #expect(seen[feature, default: 0] >= 5, "\(feature): \(seen)") }
    #expect(
      mismatches.isEmpty, "\(mismatches.count) of \(compared) differ:\n\(mismatches.prefix(5).joined(separator: "\n"))")
  }
}
