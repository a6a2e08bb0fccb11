public import Diagnostics
import Foundation
public import UAPIChecks
import UAPIModel

/// `uapi-review diff OLD NEW`: every header pair compared on all five ABIs.
public struct DiffOutcome: Sendable {
  public struct Pair: Sendable {
    public var old: String?
    public var new: String?
    /// nil when one side is missing (a header added or removed).
    public var diff: ABIDiff?
  }

  public var pairs: [Pair]
  /// Every change as a finding (waivers applied), plus headers added or removed.
  public var findings: [RuleFinding]
  public var diagnostics: [Diagnostic]
  /// One line per change: the semantic uAPI changelog.
  public var changelog: [String]
}

public enum DiffPipeline {
  public static func run(
    old: String, new: String, includeRoots: [String] = [], waivers: WaiverFile? = nil, today: String,
    options: ABICompareOptions = .init()
  ) throws -> DiffOutcome {
    let before = try HeaderSet.read(old, limits: options.limits)
    let after = try HeaderSet.read(new, limits: options.limits)
    guard before.isSingleFile == after.isSingleFile else {
      func kind(_ s: HeaderSet) -> String { s.isSingleFile ? "a file" : "a folder" }
      throw ReviewError("\(old) is \(kind(before)) but \(new) is \(kind(after)): compare a file with a file or a folder with a folder")
    }
    if before.headers.isEmpty && after.headers.isEmpty && before.diagnostics.isEmpty && after.diagnostics.isEmpty {
      // Most likely a mistyped path: say so rather than report "no uAPI changes".
      throw ReviewError("neither \(old) nor \(new) holds a .h file: nothing to compare")
    }
    var pairs: [DiffOutcome.Pair] = []
    var findings: [RuleFinding] = []
    var diagnostics: [Diagnostic] = (waivers?.diagnostics ?? []) + before.diagnostics + after.diagnostics
    var changelog: [String] = []
    // A header refused for its size on either side is left out, not reported as removed or added.
    let refused = before.refused.union(after.refused)
    let paired = HeaderSet.pair(before, after, moves: waivers?.moves ?? []).filter { p in
      !refused.contains(p.old?.key ?? "") && !refused.contains(p.new?.key ?? "")
    }
    // Only pairs that can differ are read: the text changed, or the header includes (directly
    // or not) one of the set whose text changed. Identical text over identical includes lays
    // out the same.
    let changed = Set(paired.compactMap { p -> String? in p.old?.text == p.new?.text ? nil : (p.new ?? p.old)?.key })
    let affected = IncludeGraph(after.headers).dependents(of: changed)
    let compared = paired.filter { p in
      guard let o = p.old, let n = p.new else { return false }
      return o.text != n.text || affected.contains(n.key)
    }
    // One load for both sides when their paths differ (headers share what they include);
    // the loader keeps sources by path, so a side that reuses the other's paths loads alone.
    var oldModels: [String: HeaderModel] = [:]
    var newModels: [String: HeaderModel] = [:]
    func load(_ headers: [HeaderSet.Header]) -> [String: HeaderModel] {
      guard !headers.isEmpty else { return [:] }
      let result = UAPILoader.load(headers.map { .text(path: $0.displayPath, text: $0.text) }, abis: ABI.allCases, includeRoots: includeRoots, limits: options.limits)
      diagnostics += result.diagnostics
      return Dictionary(result.headers.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
    }
    let olds = compared.compactMap(\.old)
    // A header only the new side has is read too: its own errors are worth saying.
    let news = compared.compactMap(\.new) + paired.compactMap { $0.old == nil ? $0.new : nil }
    if Set(olds.map(\.displayPath)).isDisjoint(with: news.map(\.displayPath)) {
      let all = load(olds + news)
      oldModels = all
      newModels = all
    } else {
      oldModels = load(olds)
      newModels = load(news)
    }
    // Pairs are independent: compare them on every core.
    let work = paired.map { p -> (HeaderModel, HeaderModel)? in
      guard let o = p.old, let n = p.new, let om = oldModels[o.displayPath], let nm = newModels[n.displayPath] else { return nil }
      return (om, nm)
    }
    // The work items now hold the only references, so each pair's models are freed where it
    // was compared.
    oldModels = [:]
    newModels = [:]
    let diffs = ParallelMap.map(consuming: consume work) { pair in pair.map { ABICompare.compare(old: $0.0, new: $0.1, options: options) } }
    for (index, (o, n)) in paired.enumerated() {
      switch (o, n) {
      case (let o?, let n?):
        guard let diff = diffs[index] else {
          // Same text over the same includes: nothing changed.
          pairs.append(.init(old: o.displayPath, new: n.displayPath, diff: nil))
          continue
        }
        pairs.append(.init(old: o.displayPath, new: n.displayPath, diff: diff))
        findings += diff.findings
        let moved = o.key != n.key && !(before.isSingleFile && after.isSingleFile)
        changelog += diff.changelog.map { moved ? "\(o.key) → \(n.key): \($0)" : "\(n.key): \($0)" }
      case (let o?, nil):
        pairs.append(.init(old: o.displayPath, new: nil, diff: nil))
        findings.append(
          RuleFinding(
            rule: "ABI.header-removed", severity: .error,
            message: "\(o.key) is gone: every userspace program including it stops building (declare a [[move]] in the waiver file if it moved)",
            location: SourceLocation(file: o.displayPath, line: 1, column: 1)))
        changelog.append("\(o.key): removed")
      case (nil, let n?):
        pairs.append(.init(old: nil, new: n.displayPath, diff: nil))
        findings.append(
          RuleFinding(rule: "ABI.header-added", severity: .note, message: "\(n.key) is new", location: SourceLocation(file: n.displayPath, line: 1, column: 1)))
        changelog.append("\(n.key): added")
      case (nil, nil):
        break
      }
    }
    if let waivers { findings = WaiverApplication.apply(waivers, to: findings, today: today) }
    return DiffOutcome(pairs: pairs, findings: findings, diagnostics: diagnostics, changelog: changelog)
  }

  /// Today as `YYYY-MM-DD` in UTC, for waiver expiry. From the C library: a DateFormatter
  /// loads ICU, a millisecond of every run.
  public static func today() -> String {
    var now = time(nil)
    var parts = tm()
    gmtime_r(&now, &parts)
    func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))"
  }
}
