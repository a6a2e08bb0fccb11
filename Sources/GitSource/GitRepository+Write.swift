import CGit2

/// Writing, kept small: enough to build test repositories and archives through libgit2.
extension GitRepository {
  /// Creates an empty repository at `path` and opens it.
  ///
  /// - Parameters:
  ///   - path: the directory; created if missing.
  ///   - bare: `true` for a bare repository (no work tree, `path` is the git directory).
  /// - Throws: ``GitSourceError`` when the repository cannot be created.
  public static func create(at path: String, bare: Bool = false) throws -> GitRepository {
    ensureLibgit2()
    var repository: OpaquePointer?
    try check(git_repository_init(&repository, path, bare ? 1 : 0), "cannot create repository at \(path)")
    guard let repository else { throw GitSourceError("cannot create repository at \(path): libgit2 returned nothing") }
    return GitRepository(handle: repository, path: path)
  }

  /// Commits changes to HEAD's tree and moves HEAD's branch to the new commit.
  ///
  /// The tree is built in an in-memory index, so the work tree and `.git/index` are untouched.
  ///
  /// - Parameters:
  ///   - files: slash-separated paths (nested directories allowed) to their new bytes, or to `nil`
  ///     to delete them; files not named keep their content. Files get mode 100644.
  ///   - message: the commit message, stored as given.
  ///   - author: who wrote the change.
  ///   - committer: who committed it; the author when `nil`.
  /// - Returns: the new commit's full hex id.
  /// - Throws: ``GitSourceError`` when a path is invalid or an object cannot be written.
  @discardableResult
  public func commit(
    files: [String: [UInt8]?], message: String, author: GitSignature, committer: GitSignature? = nil
  ) throws -> String {
    var index: OpaquePointer?
    try check(git_index_new(&index), "cannot create an index in memory")
    defer { git_index_free(index) }
    let parent = try headCommit()
    defer { git_commit_free(parent) }
    if let parent {
      var tree: OpaquePointer?
      try check(git_commit_tree(&tree, parent), "cannot read HEAD's tree in \(path)")
      defer { git_tree_free(tree) }
      try check(git_index_read_tree(index, tree), "cannot read HEAD's tree in \(path)")
    }
    for (file, bytes) in files.sorted(by: { $0.key < $1.key }) {
      if let bytes {
        var entry = git_index_entry()
        entry.mode = 0o100644
        entry.id = try writeBlob(bytes, for: file)
        try file.withCString { name in
          entry.path = name
          try check(git_index_add(index, &entry), "cannot add '\(file)' to the tree")
        }
      } else {
        try check(git_index_remove_bypath(index, file), "cannot delete '\(file)' from the tree")
      }
    }
    var treeID = git_oid()
    try check(git_index_write_tree_to(&treeID, index, handle), "cannot write the tree in \(path)")
    var tree: OpaquePointer?
    try check(git_tree_lookup(&tree, handle, &treeID), "cannot read the new tree in \(path)")
    defer { git_tree_free(tree) }
    var parents: [OpaquePointer?] = parent.map { [$0] } ?? []
    var commitID = git_oid()
    try author.withLibgit2 { authorSignature in
      try (committer ?? author).withLibgit2 { committerSignature in
        try check(
          git_commit_create(
            &commitID, handle, "HEAD", authorSignature, committerSignature, nil, message, tree, parents.count, &parents),
          "cannot commit in \(path)")
      }
    }
    return hex(&commitID)
  }

  /// HEAD's commit, or `nil` while HEAD's branch is unborn.
  private func headCommit() throws -> OpaquePointer? {
    var id = git_oid()
    let code = git_reference_name_to_id(&id, handle, "HEAD")
    if code == GIT_ENOTFOUND.rawValue || code == GIT_EUNBORNBRANCH.rawValue { return nil }
    try check(code, "cannot read HEAD in \(path)")
    var commit: OpaquePointer?
    try check(git_commit_lookup(&commit, handle, &id), "cannot read HEAD's commit in \(path)")
    return commit
  }

  /// Stores `bytes` as a blob.
  private func writeBlob(_ bytes: [UInt8], for file: String) throws -> git_oid {
    var id = git_oid()
    // An empty array may have no storage, and libgit2 wants a pointer even for zero bytes.
    let storage = bytes.isEmpty ? [0] : bytes
    try storage.withUnsafeBytes { buffer in
      try check(
        git_blob_create_from_buffer(&id, handle, buffer.baseAddress, bytes.count), "cannot store '\(file)' in \(path)")
    }
    return id
  }
}
