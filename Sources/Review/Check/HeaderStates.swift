public import Diagnostics
public import MailSeries

/// The uAPI headers of a series after each patch: what the rules and the ABI comparison run on
/// so every finding can be attributed to the patch that introduced or fixed it.
public struct HeaderStates: Sendable {
  /// A uAPI header's text at one point of the series; nil when it does not exist there.
  public struct State: Sendable, Hashable {
    public var path: String
    public var text: String?
    /// Only fragments are known (no base to apply the hunks to).
    public var fragmentsOnly: Bool
  }

  /// Headers before the series (index 0) and after each patch (index k = after patch k), for
  /// every uAPI header the series touches.
  public var snapshots: [[String: State]]
  /// Patch labels (`v6 1/2`) by index 1...; index 0 is `base`.
  public var labels: [String]
  /// True when some touched header had no base to apply to.
  public var fragmentMode: Bool
  /// Hunks that did not apply to the base (`apply.reject`, `apply.missing`), at their mail lines.
  public var applyDiagnostics: [Diagnostic] = []
  /// New path → the base path it was renamed or copied from, after the last patch.
  public var origins: [String: String] = [:]

  /// `include/uapi/**.h`, and `*.h` under a `uapi/` folder anywhere (an out-of-tree layout).
  public static func isUAPIHeader(_ path: String) -> Bool {
    path.hasSuffix(".h") && (path.hasPrefix("include/uapi/") || path.contains("/uapi/") || path.hasPrefix("uapi/"))
  }

  /// Applies `version`'s patches in order to `base` (nil: no base at all).
  public static func compute(_ version: SeriesVersion, base: ((String) -> [UInt8]?)?) -> HeaderStates {
    let touched = Set(version.patches.flatMap(\.files).flatMap { [$0.oldPath, $0.newPath].compactMap { $0 } }.filter(isUAPIHeader))
    let patches = version.patches.map { SeriesPatch(label: "\(version.revision) \($0.index)/\(version.total)", path: $0.mail.path, patch: $0.diff) }
    let result = SeriesApplier.apply(patches, base: base)
    var before: [String: State] = [:]
    var fragmentMode = false
    for path in touched.sorted() {
      let bytes = base?(path)
      before[path] = State(path: path, text: bytes.map { Charsets.visible($0) }, fragmentsOnly: false)
    }
    var snapshots = [before]
    var current = before
    for snapshot in result.snapshots {
      for (path, state) in snapshot.files where isUAPIHeader(path) {
        switch state {
        case .content(let bytes): current[path] = State(path: path, text: Charsets.visible(bytes), fragmentsOnly: false)
        case .deleted: current[path] = State(path: path, text: nil, fragmentsOnly: false)
        case .fragments(let fragments):
          fragmentMode = true
          current[path] = State(path: path, text: fragments.map { Charsets.visible($0.text) }.joined(separator: "\n"), fragmentsOnly: true)
        case .unknown: current[path] = State(path: path, text: nil, fragmentsOnly: true)
        }
      }
      snapshots.append(current)
    }
    var problems: [Diagnostic] = []
    for (k, snapshot) in result.snapshots.enumerated() where k < version.patches.count {
      problems += snapshot.problems(in: version.patches[k].mail)
    }
    return HeaderStates(
      snapshots: snapshots, labels: ["base"] + patches.map(\.label), fragmentMode: fragmentMode, applyDiagnostics: problems,
      origins: result.origins)
  }
}
