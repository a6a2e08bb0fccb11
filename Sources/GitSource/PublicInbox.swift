import CGit2
import Foundation

/// One commit of a public-inbox v2 epoch: a message stored, or a message removed.
public struct InboxMessage: Hashable, Sendable {
  /// What the commit did.
  public enum Kind: String, Hashable, Sendable, Codable {
    /// The commit's tree holds the message as the blob `m`.
    case message
    /// The commit's tree holds `d` instead of `m`: the message in ``InboxMessage/bytes`` was
    /// removed from the archive. public-inbox stores the removed message itself as `d`, so its
    /// ``InboxMessage/blob`` id matches the earlier `m` the caller should drop.
    case deletion
  }

  /// A stored message or a deletion.
  public var kind: Kind
  /// The epoch number (`N` of `git/N.git`).
  public var epoch: Int
  /// The full hex id of the commit.
  public var commit: String
  /// The full hex id of the `m` (or `d`) blob.
  public var blob: String
  /// The raw message bytes, exactly as archived (no mbox `From ` line).
  public var bytes: [UInt8]

  /// Creates an inbox entry.
  public init(kind: Kind, epoch: Int, commit: String, blob: String, bytes: [UInt8]) {
    self.kind = kind
    self.epoch = epoch
    self.commit = commit
    self.blob = blob
    self.bytes = bytes
  }
}

/// A public-inbox v2 archive read through libgit2: epochs `git/0.git`, `git/1.git`, … (bare
/// repositories) whose linear history holds one message per commit.
///
/// Only paths are kept; each read opens the epochs afresh, so the value is `Sendable`.
public struct PublicInbox: Hashable, Sendable {
  /// One epoch repository.
  public struct Epoch: Hashable, Sendable {
    /// `N` of `git/N.git`.
    public var number: Int
    /// The repository's path.
    public var path: String
  }

  /// The path given.
  public let path: String
  /// The epochs, by number.
  public let epochs: [Epoch]

  /// Finds the epochs of the archive at `path`.
  ///
  /// - Parameter path: the inbox directory (the one holding `git/N.git`), or one epoch
  ///   repository by itself (its number read from a `N.git` name, else 0).
  /// - Throws: ``GitSourceError`` when `path` is neither.
  public init(path: String) throws {
    self.path = path
    let files = FileManager.default
    var isDirectory: ObjCBool = false
    guard files.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw GitSourceError.notAnInbox(path, reason: "no such directory")
    }
    let gitDirectory = (path as NSString).appendingPathComponent("git")
    if files.fileExists(atPath: gitDirectory, isDirectory: &isDirectory), isDirectory.boolValue {
      let names = (try? files.contentsOfDirectory(atPath: gitDirectory)) ?? []
      epochs = names.compactMap { name in
        Self.epochNumber(name).map { Epoch(number: $0, path: (gitDirectory as NSString).appendingPathComponent(name)) }
      }.sorted { $0.number < $1.number }
      if epochs.isEmpty { throw GitSourceError.notAnInbox(path, reason: "git/ holds no N.git epoch repositories") }
    } else if (try? GitRepository(path: path)) != nil {
      let name = ((path as NSString).standardizingPath as NSString).lastPathComponent
      epochs = [Epoch(number: Self.epochNumber(name) ?? 0, path: path)]
    } else {
      throw GitSourceError.notAnInbox(path, reason: "no git/N.git epochs and not a git repository")
    }
  }

  /// Every message and deletion, epoch by epoch, each epoch's commits oldest first.
  ///
  /// - Throws: ``GitSourceError`` when an epoch cannot be read.
  public func messages() throws -> [InboxMessage] {
    var all: [InboxMessage] = []
    try forEachMessage { all.append($0) }
    return all
  }

  /// Calls `body` for every message and deletion in the order of ``messages()``, without
  /// holding the whole archive in memory.
  ///
  /// An epoch with no commits yet is empty. Commits whose tree holds neither `m` nor `d`
  /// (public-inbox writes none) are skipped.
  ///
  /// - Throws: ``GitSourceError`` when an epoch cannot be read, or what `body` throws.
  public func forEachMessage(_ body: (InboxMessage) throws -> Void) throws {
    for epoch in epochs {
      let repository = try GitRepository(path: epoch.path)
      try repository.forEachInboxCommit(epoch: epoch.number, body)
    }
  }

  /// `N` for a name `N.git`.
  private static func epochNumber(_ name: String) -> Int? {
    guard name.hasSuffix(".git") else { return nil }
    let digits = name.dropLast(4)
    guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
    return Int(digits)
  }
}

extension GitRepository {
  /// Walks HEAD's history oldest first, reporting each commit's `m` or `d` blob.
  fileprivate func forEachInboxCommit(epoch: Int, _ body: (InboxMessage) throws -> Void) throws {
    var walker: OpaquePointer?
    try check(git_revwalk_new(&walker, handle), "cannot walk epoch \(path)")
    defer { git_revwalk_free(walker) }
    try check(
      git_revwalk_sorting(walker, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_REVERSE.rawValue),
      "cannot sort commits in \(path)")
    // A freshly created epoch has an unborn HEAD: nothing archived yet.
    if git_repository_head_unborn(handle) == 1 { return }
    try check(git_revwalk_push_head(walker), "cannot read HEAD of epoch \(path)")
    var id = git_oid()
    while true {
      let code = git_revwalk_next(&id, walker)
      if code == GIT_ITEROVER.rawValue { break }
      try check(code, "cannot walk epoch \(path)")
      if let message = try inboxEntry(commit: &id, epoch: epoch) { try body(message) }
    }
  }

  /// The `m` or `d` blob of one commit, or `nil` when its tree has neither.
  private func inboxEntry(commit id: inout git_oid, epoch: Int) throws -> InboxMessage? {
    let commitID = hex(&id)
    var commit: OpaquePointer?
    try check(git_commit_lookup(&commit, handle, &id), "cannot read commit \(commitID) in \(path)")
    defer { git_commit_free(commit) }
    var tree: OpaquePointer?
    try check(git_commit_tree(&tree, commit), "cannot read the tree of \(commitID) in \(path)")
    defer { git_tree_free(tree) }
    for (name, kind) in [("m", InboxMessage.Kind.message), ("d", .deletion)] {
      // Entries found by name belong to the tree: not freed here.
      guard let entry = git_tree_entry_byname(tree, name), git_tree_entry_type(entry) == GIT_OBJECT_BLOB else {
        continue
      }
      let blobID = git_tree_entry_id(entry)
      return InboxMessage(
        kind: kind, epoch: epoch, commit: commitID, blob: blobID.map { hex($0) } ?? "",
        bytes: try blobBytes(blobID, what: "\(commitID):\(name)"))
    }
    return nil
  }
}
