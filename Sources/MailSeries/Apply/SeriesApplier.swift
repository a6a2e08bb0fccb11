public import Diagnostics

/// What a path holds at some point of a series.
public enum FileState: Sendable, Hashable {
  /// The whole file, byte exact.
  case content([UInt8])
  /// Only what the hunks showed, because there was no base to apply them to.
  case fragments([Fragment])
  case deleted
  /// Changed by a binary diff, which is not applied.
  case unknown
}

/// One patch of a series, ready to apply.
public struct SeriesPatch: Sendable, Hashable {
  /// How messages name the patch (`[PATCH 2/5] ...`, a file name).
  public var label: String
  /// The patch input's name, for diagnostic locations.
  public var path: String
  public var files: [FileDiff]

  public init(label: String, path: String? = nil, files: [FileDiff]) {
    self.label = label
    self.path = path ?? label
    self.files = files
  }

  public init(label: String, path: String? = nil, patch: ParsedPatch) {
    self.init(label: label, path: path, files: patch.files)
  }
}

/// What one file diff of a patch did.
public struct FileApplication: Sendable, Hashable {
  /// Index of the file diff in its patch.
  public var index: Int
  public var oldPath: String?
  public var newPath: String?
  public var change: FileDiff.Change
  public var hunks: [HunkOutcome]
  public var diagnostics: [Diagnostic]
  /// False when a file-level check failed; the path then keeps what it held.
  public var applied: Bool
  /// True when the hunks went into fragments because no base content was known.
  public var fragmentMode: Bool

  public init(
    index: Int, oldPath: String?, newPath: String?, change: FileDiff.Change, hunks: [HunkOutcome],
    diagnostics: [Diagnostic], applied: Bool, fragmentMode: Bool
  ) {
    self.index = index
    self.oldPath = oldPath
    self.newPath = newPath
    self.change = change
    self.hunks = hunks
    self.diagnostics = diagnostics
    self.applied = applied
    self.fragmentMode = fragmentMode
  }

  public var rejectedHunks: [Int] { hunks.filter(\.isRejected).map(\.index) }
}

/// The state after one patch.
public struct PatchSnapshot: Sendable, Hashable {
  public var index: Int
  public var label: String
  /// Every path the patch touched, as it is after the patch (a renamed-away path is `.deleted`).
  public var files: [String: FileState]
  /// New path → old path of this patch's renames and copies.
  public var renamedFrom: [String: String]
  public var applications: [FileApplication]

  public init(
    index: Int, label: String, files: [String: FileState], renamedFrom: [String: String],
    applications: [FileApplication]
  ) {
    self.index = index
    self.label = label
    self.files = files
    self.renamedFrom = renamedFrom
    self.applications = applications
  }

  public var diagnostics: [Diagnostic] { applications.flatMap(\.diagnostics) }
  /// True when every file diff applied and no hunk was rejected.
  public var appliedCleanly: Bool { applications.allSatisfy { $0.applied && $0.rejectedHunks.isEmpty } }
}

/// A whole series applied in memory.
public struct SeriesResult: Sendable, Hashable {
  public var snapshots: [PatchSnapshot]
  /// Every path the series touched, as the last patch left it.
  public var files: [String: FileState]
  /// Path after the series → the base path its content was first read from, through renames
  /// and copies (only for paths that moved).
  public var origins: [String: String]

  public init(snapshots: [PatchSnapshot], files: [String: FileState], origins: [String: String]) {
    self.snapshots = snapshots
    self.files = files
    self.origins = origins
  }

  public var diagnostics: [Diagnostic] { snapshots.flatMap(\.diagnostics) }
}

/// Applies a series patch by patch to base content read on demand.
public enum SeriesApplier {
  /// Applies `patches` in order.
  ///
  /// Within one patch, as in `git apply`: a rename or copy reads its source as it was before the
  /// patch (so two files can swap names), other changes see the earlier file diffs of the same
  /// patch, and paths the patch deletes or renames away may be created by it.
  /// A path the base does not have (or every path, when `base` is nil) that the patch changes
  /// but does not create is kept as ``Fragment``s.
  ///
  /// - Parameters:
  ///   - patches: the series, in order.
  ///   - base: reads a path's bytes from the base tree; nil when there is none at all.
  ///   - options: fuzz and anchoring for every hunk.
  /// - Returns: one snapshot per patch and the final state of every touched path.
  public static func apply(
    _ patches: [SeriesPatch], base: ((String) -> [UInt8]?)?, options: ApplyOptions = ApplyOptions()
  ) -> SeriesResult {
    var run = Run(base: base, options: options)
    var snapshots: [PatchSnapshot] = []
    for (index, patch) in patches.enumerated() {
      snapshots.append(run.apply(patch, index: index))
    }
    return SeriesResult(snapshots: snapshots, files: run.state, origins: run.origins)
  }
}

/// The state carried from patch to patch.
private struct Run {
  let base: ((String) -> [UInt8]?)?
  let options: ApplyOptions
  var state: [String: FileState] = [:]
  var origins: [String: String] = [:]
  /// Base reads, each done once.
  var baseCache: [String: [UInt8]?] = [:]

  init(base: ((String) -> [UInt8]?)?, options: ApplyOptions) {
    self.base = base
    self.options = options
  }

  /// The path before the current patch; nil when nothing is known of it.
  mutating func before(_ path: String) -> FileState? {
    if let s = state[path] { return s }
    if let cached = baseCache[path] { return cached.map(FileState.content) }
    let read = base?(path)
    baseCache[path] = read
    return read.map(FileState.content)
  }

  mutating func apply(_ patch: SeriesPatch, index patchIndex: Int) -> PatchSnapshot {
    var written: [String: FileState] = [:]
    var removed: Set<String> = []
    var renamedFrom: [String: String] = [:]
    var applications: [FileApplication] = []
    let toBeDeleted = Set(patch.files.filter { $0.change == .deleted || $0.change == .renamed }.compactMap(\.oldPath))

    for (fileIndex, diff) in patch.files.enumerated() {
      let oldPath = diff.oldPath ?? diff.path
      let newPath = diff.newPath ?? diff.path
      var app = FileApplication(
        index: fileIndex, oldPath: diff.oldPath, newPath: diff.newPath, change: diff.change, hunks: [],
        diagnostics: [], applied: true, fragmentMode: false)
      defer { applications.append(app) }

      // What the diff starts from; `.some(nil)` = nothing known (no base).
      var source: FileState?
      if diff.change == .added {
        source = nil
      } else if diff.change == .renamed || diff.change == .copied {
        source = before(oldPath)
      } else if let w = written[oldPath] {
        source = w
      } else if removed.contains(oldPath) {
        source = .deleted
      } else {
        source = before(oldPath)
      }

      // A path the patch creates must not hold anything yet.
      if diff.change != .modified && diff.change != .deleted {
        let taken: Bool
        if let w = written[newPath] {
          taken = w != .deleted
        } else if let s = before(newPath), s != .deleted {
          taken = !toBeDeleted.contains(newPath)
        } else {
          taken = false
        }
        if taken {
          app.applied = false
          app.diagnostics.append(ApplyDiagnostics.exists(diff, patchPath: patch.path))
          continue
        }
      }

      let result: FileState
      switch (diff.change, source) {
      case (_, .deleted?):
        app.applied = false
        app.diagnostics.append(ApplyDiagnostics.missing(diff, path: oldPath, patchPath: patch.path))
        continue
      case (.deleted, _) where diff.isBinary || source == nil || source == .unknown || isFragments(source):
        result = .deleted
      case (_, _) where diff.isBinary:
        app.diagnostics.append(ApplyDiagnostics.binary(diff, patchPath: patch.path))
        result = .unknown
      case (.added, _):
        let r = Applier.apply(diff, to: nil, options: options, patchPath: patch.path)
        app.hunks = r.hunks
        app.diagnostics = r.diagnostics
        result = .content(r.content ?? [])
      case (_, .content(let bytes)?):
        let r = Applier.apply(diff, to: bytes, options: options, patchPath: patch.path)
        app.hunks = r.hunks
        app.diagnostics = r.diagnostics
        app.applied = r.applied
        guard r.applied else { continue }
        result = r.content.map(FileState.content) ?? .deleted
      case (_, .fragments(let fs)?):
        result = fragments(diff, fs, &app, patchIndex, fileIndex, patch.path)
      case (_, .unknown?), (_, nil):
        if source == nil {
          if base != nil {
            // There is a base and it lacks the file: the patch does not apply (git says "No
            // such file"); the hunks are still kept as fragments for the later stages.
            app.applied = false
            app.diagnostics.append(ApplyDiagnostics.missing(diff, path: oldPath, patchPath: patch.path))
          } else {
            app.diagnostics.append(ApplyDiagnostics.noBase(diff, path: oldPath, patchPath: patch.path))
          }
        }
        result = fragments(diff, [], &app, patchIndex, fileIndex, patch.path)
      }

      switch diff.change {
      case .deleted:
        written.removeValue(forKey: oldPath)
        removed.insert(oldPath)
      case .renamed:
        removed.insert(oldPath)
        renamedFrom[newPath] = oldPath
        written[newPath] = result
      case .copied:
        renamedFrom[newPath] = oldPath
        written[newPath] = result
      case .added, .modified:
        written[newPath] = result
      }
    }

    // Removals first, then writes: a path renamed away can be written by the same patch.
    var touched: [String: FileState] = [:]
    for path in removed { touched[path] = .deleted }
    for (path, s) in written { touched[path] = s }
    for (newPath, oldPath) in renamedFrom { origins[newPath] = origins[oldPath] ?? oldPath }
    for path in removed where written[path] == nil { origins.removeValue(forKey: path) }
    for (path, s) in touched { state[path] = s }
    return PatchSnapshot(
      index: patchIndex, label: patch.label, files: touched, renamedFrom: renamedFrom, applications: applications)
  }

  private func isFragments(_ s: FileState?) -> Bool {
    if case .fragments? = s { return true }
    return false
  }

  private func fragments(
    _ diff: FileDiff, _ fs: [Fragment], _ app: inout FileApplication, _ patch: Int, _ file: Int, _ patchPath: String
  ) -> FileState {
    app.fragmentMode = true
    if diff.change == .deleted { return .deleted }
    let r = FragmentMerge.apply(diff.hunks, to: fs, patch: patch, file: file, path: diff.path, patchPath: patchPath)
    app.hunks = r.hunks
    app.diagnostics += r.diagnostics
    return .fragments(r.fragments)
  }
}

extension PatchSnapshot {
  /// What went wrong applying the patch, at the lines of the mail it came from (patch-text
  /// lines shifted by where the patch starts in the mail); notes left out.
  public func problems(in mail: MailMessage) -> [Diagnostic] {
    let shift = (mail.patchLine ?? mail.line) - 1
    return diagnostics.filter { $0.severity != .note }.map { d in
      var d = d
      d.location?.line += shift
      return d
    }
  }
}
