import CGit2

extension GitRepository {
  /// The commits of `range` as a patch series, the way `git format-patch` picks and numbers them.
  ///
  /// - Parameter range: `A..B` for the commits reachable from `B` but not from `A`; a single
  ///   revision `R` for that one commit alone (like `git format-patch -1 R`). Merge commits are
  ///   skipped and not counted. Parents come before children (oldest first).
  /// - Returns: one ``GitCommitPatch`` per commit, numbered 1…n of n.
  /// - Throws: ``GitSourceError`` when a revision is unknown or the range cannot be walked
  ///   (libgit2 does not walk symmetric `A...B` ranges).
  public func commits(range: String) throws -> [GitCommitPatch] {
    var commits: [OpaquePointer] = []
    defer { commits.forEach { git_commit_free($0) } }
    if range.contains("..") {
      for var id in try walk(range: range) {
        var commit: OpaquePointer?
        try check(git_commit_lookup(&commit, handle, &id), "cannot read commit \(hex(&id)) in \(path)")
        guard let commit else { continue }
        // format-patch leaves merges out; they have no single diff to mail.
        if git_commit_parentcount(commit) > 1 { git_commit_free(commit) } else { commits.append(commit) }
      }
    } else {
      commits.append(try commit(at: range))
    }
    return try commits.enumerated().map { index, commit in
      try patch(for: commit, number: index + 1, total: commits.count)
    }
  }

  /// The ids `range` walks to, parents first.
  private func walk(range: String) throws -> [git_oid] {
    var walker: OpaquePointer?
    try check(git_revwalk_new(&walker, handle), "cannot walk commits in \(path)")
    defer { git_revwalk_free(walker) }
    try check(
      git_revwalk_sorting(walker, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_REVERSE.rawValue),
      "cannot sort commits in \(path)")
    try check(git_revwalk_push_range(walker, range), "cannot walk range '\(range)' in \(path)")
    var ids: [git_oid] = []
    var id = git_oid()
    while true {
      let code = git_revwalk_next(&id, walker)
      if code == GIT_ITEROVER.rawValue { break }
      try check(code, "cannot walk range '\(range)' in \(path)")
      ids.append(id)
    }
    return ids
  }

  /// Copies one commit out, rendering its mail as patch `number` of `total`.
  private func patch(for commit: OpaquePointer, number: Int, total: Int) throws -> GitCommitPatch {
    let id = hex(git_commit_id(commit))
    let summary = string(git_commit_summary(commit))
    let body = string(git_commit_body(commit))
    return GitCommitPatch(
      id: id,
      author: GitSignature(git_commit_author(commit)),
      committer: GitSignature(git_commit_committer(commit)),
      message: string(git_commit_message(commit)),
      summary: summary,
      body: body,
      number: number,
      total: total,
      mail: try mail(for: commit, id: id, number: number, total: total))
  }

  /// The format-patch mail of `commit`: its tree against its first parent's (the empty tree for
  /// a root commit), renames found with libgit2's defaults, binary changes as git binary patches.
  private func mail(for commit: OpaquePointer, id: String, number: Int, total: Int) throws -> String {
    var options = cgit2_email_create_options_init()
    var tree: OpaquePointer?
    try check(git_commit_tree(&tree, commit), "cannot read the tree of \(id)")
    defer { git_tree_free(tree) }
    var parentTree: OpaquePointer?
    defer { git_tree_free(parentTree) }
    if git_commit_parentcount(commit) > 0 {
      var parent: OpaquePointer?
      try check(git_commit_parent(&parent, commit, 0), "cannot read the parent of \(id)")
      defer { git_commit_free(parent) }
      try check(git_commit_tree(&parentTree, parent), "cannot read the parent tree of \(id)")
    }
    var diff: OpaquePointer?
    try check(git_diff_tree_to_tree(&diff, handle, parentTree, tree, &options.diff_opts), "cannot diff \(id)")
    defer { git_diff_free(diff) }
    try check(git_diff_find_similar(diff, &options.diff_find_opts), "cannot find renames in \(id)")
    var buffer = git_buf()
    defer { git_buf_dispose(&buffer) }
    try check(
      git_email_create_from_diff(
        &buffer, diff, number, total, git_commit_id(commit), git_commit_summary(commit), git_commit_body(commit),
        git_commit_author(commit), &options),
      "cannot write the mail of \(id)")
    guard let start = buffer.ptr, buffer.size > 0 else { return "" }
    return String(decoding: UnsafeRawBufferPointer(start: start, count: buffer.size), as: UTF8.self)
  }
}
