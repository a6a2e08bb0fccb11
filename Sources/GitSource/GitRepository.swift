import CGit2

/// A git repository opened through libgit2, bare or with a work tree.
///
/// The class exists only to own the libgit2 handle, freed in `deinit`. It is deliberately not
/// `Sendable`: libgit2 lets one thread at a time use a repository, so keep each one in one place
/// and call it synchronously.
public final class GitRepository {
  /// The `git_repository *` this object owns.
  let handle: OpaquePointer
  /// The path the repository was opened or created at.
  public let path: String

  /// Opens the repository at `path`: a `.git` directory, a bare repository, or a work tree.
  ///
  /// Parent directories are not searched, so a directory inside some other repository is not
  /// mistaken for that repository.
  ///
  /// - Throws: ``GitSourceError`` when `path` is not a repository.
  public init(path: String) throws {
    ensureLibgit2()
    var repository: OpaquePointer?
    try check(
      git_repository_open_ext(&repository, path, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil),
      "cannot open repository at \(path)")
    guard let repository else { throw GitSourceError("cannot open repository at \(path): libgit2 returned nothing") }
    self.handle = repository
    self.path = path
  }

  /// Takes ownership of a handle libgit2 just returned.
  init(handle: OpaquePointer, path: String) {
    self.handle = handle
    self.path = path
  }

  deinit {
    git_repository_free(handle)
  }

  /// Whether the repository has no work tree.
  public var isBare: Bool { git_repository_is_bare(handle) == 1 }

  /// The full hex id of the object `rev` names.
  ///
  /// - Parameter rev: any revision libgit2 parses: `HEAD`, `main~2`, `v6.1^{commit}`, an
  ///   abbreviated id, `HEAD:include/uapi/misc/habanalabs.h`, …. The id is of the object named,
  ///   not peeled: `v1.0` gives an annotated tag's own id, `v1.0^{commit}` its commit's.
  /// - Throws: ``GitSourceError`` when `rev` names nothing.
  public func resolve(_ rev: String) throws -> String {
    let object = try revparse(rev)
    defer { git_object_free(object) }
    return hex(git_object_id(object))
  }

  /// The bytes of the file at `path` in the tree of `rev`.
  ///
  /// - Parameters:
  ///   - rev: a revision naming a commit, tag or tree.
  ///   - path: a slash-separated path from the top of the tree, e.g. `include/uapi/misc/hl.h`.
  /// - Returns: the blob's bytes, or `nil` when no file is at that path (absent, or a directory
  ///   or submodule there).
  /// - Throws: ``GitSourceError`` when `rev` names nothing or no tree.
  public func blob(at rev: String, path: String) throws -> [UInt8]? {
    let tree = try tree(at: rev)
    defer { git_tree_free(tree) }
    var entry: OpaquePointer?
    let code = git_tree_entry_bypath(&entry, tree, path)
    if code == GIT_ENOTFOUND.rawValue { return nil }
    try check(code, "cannot look up '\(path)' at \(rev) in \(self.path)")
    defer { git_tree_entry_free(entry) }
    guard git_tree_entry_type(entry) == GIT_OBJECT_BLOB else { return nil }
    return try blobBytes(git_tree_entry_id(entry), what: "\(rev):\(path)")
  }

  /// Every file path (blobs, symlinks included) in the tree of `rev`, in git's tree order.
  ///
  /// - Throws: ``GitSourceError`` when `rev` names nothing or no tree.
  public func treePaths(at rev: String) throws -> [String] {
    let tree = try tree(at: rev)
    defer { git_tree_free(tree) }
    var paths: [String] = []
    let code = withUnsafeMutablePointer(to: &paths) { paths in
      git_tree_walk(
        tree, GIT_TREEWALK_PRE,
        { root, entry, payload in
          // A C callback cannot capture; the list travels through the payload pointer.
          guard let payload, git_tree_entry_type(entry) == GIT_OBJECT_BLOB else { return 0 }
          let paths = payload.assumingMemoryBound(to: [String].self)
          paths.pointee.append(string(root) + string(git_tree_entry_name(entry)))
          return 0
        }, paths)
    }
    try check(code, "cannot walk the tree of \(rev) in \(path)")
    return paths
  }

  // MARK: - Internal seams shared by the other files

  /// The object `rev` names; the caller frees it with `git_object_free`.
  func revparse(_ rev: String) throws -> OpaquePointer {
    var object: OpaquePointer?
    try check(git_revparse_single(&object, handle, rev), "cannot resolve revision '\(rev)' in \(path)")
    guard let object else { throw GitSourceError("cannot resolve revision '\(rev)' in \(path)") }
    return object
  }

  /// The tree `rev` leads to (peeling tags and commits); the caller frees it with `git_tree_free`.
  func tree(at rev: String) throws -> OpaquePointer {
    let object = try revparse(rev)
    defer { git_object_free(object) }
    var tree: OpaquePointer?
    try check(git_object_peel(&tree, object, GIT_OBJECT_TREE), "revision '\(rev)' in \(path) has no tree")
    guard let tree else { throw GitSourceError("revision '\(rev)' in \(path) has no tree") }
    return tree
  }

  /// The commit `rev` leads to (peeling tags); the caller frees it with `git_commit_free`.
  func commit(at rev: String) throws -> OpaquePointer {
    let object = try revparse(rev)
    defer { git_object_free(object) }
    var commit: OpaquePointer?
    try check(git_object_peel(&commit, object, GIT_OBJECT_COMMIT), "revision '\(rev)' in \(path) is not a commit")
    guard let commit else { throw GitSourceError("revision '\(rev)' in \(path) is not a commit") }
    return commit
  }

  /// A copy of the blob `id`'s bytes.
  func blobBytes(_ id: UnsafePointer<git_oid>?, what: @autoclosure () -> String) throws -> [UInt8] {
    var blob: OpaquePointer?
    try check(git_blob_lookup(&blob, handle, id), "cannot read blob \(what()) in \(path)")
    defer { git_blob_free(blob) }
    let size = Int(git_blob_rawsize(blob))
    guard size > 0, let start = git_blob_rawcontent(blob) else { return [] }
    return Array(UnsafeRawBufferPointer(start: start, count: size))
  }
}
