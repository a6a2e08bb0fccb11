public import Diagnostics
import Foundation
import GitSource

/// The headers one side of `uapi-review diff` names: a file, a folder (every `.h` below it), or
/// `REPO@REV:PATH` (a file or folder in a git revision, read through libgit2).
public struct HeaderSet: Sendable {
  public struct Header: Sendable, Hashable {
    /// The path the two sides are paired by: relative to the folder or revision path given, or
    /// the file name for a single file.
    public var key: String
    /// How diagnostics name it (`repo@rev:include/uapi/x.h`, or the file path).
    public var displayPath: String
    public var text: String
  }

  public var spec: String
  public var headers: [Header]
  /// The spec named one file (not a folder): two such sides are compared whatever their names.
  public var isSingleFile: Bool = false
  /// Files of a folder left out because they are over the size limit.
  public var diagnostics: [Diagnostic] = []
  /// Their keys: the other side's file of the same key is not compared either.
  public var refused: Set<String> = []

  /// Reads one side. Throws `ReviewError` with a one-line reason for what cannot be read.
  public static func read(_ spec: String, limits: InputLimits = .standard) throws -> HeaderSet {
    if let (repo, rev, path) = gitSpec(spec) { return try readGit(spec, repo: repo, rev: rev, path: path, limits: limits) }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: spec, isDirectory: &isDirectory) else {
      throw ReviewError("\(spec): no such file or directory")
    }
    if !isDirectory.boolValue {
      if let d = limits.oversized(spec) { throw ReviewError(d.message) }
      guard let data = FileManager.default.contents(atPath: spec) else { throw ReviewError("\(spec): cannot read") }
      let name = (spec as NSString).lastPathComponent
      return HeaderSet(spec: spec, headers: [Header(key: name, displayPath: spec, text: String(decoding: data, as: UTF8.self))], isSingleFile: true)
    }
    var headers: [Header] = []
    var diagnostics: [Diagnostic] = []
    var refused: Set<String> = []
    let root = spec.hasSuffix("/") ? String(spec.dropLast()) : spec
    let files = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".h") }.sorted()
    for rel in files {
      let path = root + "/" + rel
      if let d = limits.oversized(path) {
        diagnostics.append(d)
        refused.insert(rel)
        continue
      }
      guard let data = FileManager.default.contents(atPath: root + "/" + rel) else { continue }
      headers.append(Header(key: rel, displayPath: root + "/" + rel, text: String(decoding: data, as: UTF8.self)))
    }
    return HeaderSet(spec: spec, headers: headers, diagnostics: diagnostics, refused: refused)
  }

  /// `REPO@REV:PATH` where REPO is an existing folder.
  static func gitSpec(_ spec: String) -> (String, String, String)? {
    var search = spec.startIndex
    while let at = spec[search...].firstIndex(of: "@") {
      let repo = String(spec[..<at])
      let rest = spec[spec.index(after: at)...]
      var isDirectory: ObjCBool = false
      if let colon = rest.firstIndex(of: ":"), !repo.isEmpty, FileManager.default.fileExists(atPath: repo, isDirectory: &isDirectory),
        isDirectory.boolValue
      {
        return (repo, String(rest[..<colon]), String(rest[rest.index(after: colon)...]))
      }
      search = spec.index(after: at)
    }
    return nil
  }

  static func readGit(_ spec: String, repo path: String, rev: String, path inside: String, limits: InputLimits) throws -> HeaderSet {
    do {
      let repo = try GitRepository(path: path)
      let prefix = inside.hasSuffix("/") ? inside : inside + "/"
      if let bytes = try repo.blob(at: rev, path: inside) {
        if let d = limits.oversized(spec, bytes: bytes.count) { throw ReviewError(d.message) }
        let name = (inside as NSString).lastPathComponent
        return HeaderSet(
          spec: spec, headers: [Header(key: name, displayPath: spec, text: String(decoding: bytes, as: UTF8.self))], isSingleFile: true)
      }
      let paths = try repo.treePaths(at: rev).filter { (inside.isEmpty || $0.hasPrefix(prefix)) && $0.hasSuffix(".h") }
      guard !paths.isEmpty else { throw ReviewError("\(spec): no such file or headers at \(rev)") }
      var set = HeaderSet(spec: spec, headers: [])
      for p in paths {
        let bytes = try repo.blob(at: rev, path: p) ?? []
        let key = inside.isEmpty ? p : String(p.dropFirst(prefix.count))
        let display = "\(path)@\(rev):\(p)"
        if let d = limits.oversized(display, bytes: bytes.count) {
          set.diagnostics.append(d)
          set.refused.insert(key)
          continue
        }
        set.headers.append(Header(key: key, displayPath: display, text: String(decoding: bytes, as: UTF8.self)))
      }
      return set
    } catch let e as GitSourceError {
      throw ReviewError(e.message)
    }
  }

  /// Headers of both sides paired by key. A move (`from` → `to`, each matched against the
  /// end of a header's path) pairs a header with its new name instead of one removed and one
  /// added header.
  public static func pair(_ old: HeaderSet, _ new: HeaderSet, moves: [HeaderMove] = []) -> [(old: Header?, new: Header?)] {
    if old.isSingleFile, new.isSingleFile, let o = old.headers.first, let n = new.headers.first { return [(o, n)] }
    var unpaired = new.headers
    var pairs: [(Header?, Header?)] = []
    func take(_ match: (Header) -> Bool) -> Header? {
      guard let k = unpaired.firstIndex(where: match) else { return nil }
      return unpaired.remove(at: k)
    }
    for o in old.headers {
      let move = moves.first { o.key == $0.from || Waiver.path(o.displayPath, endsWith: $0.from) }
      let partner = move.flatMap { m in take { $0.key == m.to || Waiver.path($0.displayPath, endsWith: m.to) } } ?? take { $0.key == o.key }
      pairs.append((o, partner))
    }
    for n in unpaired { pairs.append((nil, n)) }
    return pairs
  }
}
