/// One commit of a range, with the mail `git format-patch` would write for it.
public struct GitCommitPatch: Hashable, Sendable {
  /// The commit's full hex id.
  public var id: String
  /// Who wrote the change.
  public var author: GitSignature
  /// Who made the commit.
  public var committer: GitSignature
  /// The whole commit message, leading blank lines dropped (as libgit2 gives it).
  public var message: String
  /// The subject: the first paragraph of the message, its lines joined with spaces.
  public var summary: String
  /// The message after the subject paragraph, trimmed; empty when there is none.
  public var body: String
  /// Position in the series, from 1.
  public var number: Int
  /// How many patches the series has.
  public var total: Int
  /// The commit as a format-patch mail: `From <id> Mon Sep 17 00:00:00 2001`, `From:`, `Date:`,
  /// `Subject: [PATCH n/m] …` (`[PATCH]` alone for a one-patch series), the body, `---`, the
  /// diffstat and the diff, ending with libgit2's signature line.
  ///
  /// It is libgit2's rendering, which `git mailinfo` and `git am` read as they read git's own,
  /// but it is not byte-identical to `git format-patch`: the diffstat is laid out differently and
  /// lacks rename lines, binary literals are deflated differently, long subjects are not folded,
  /// non-ASCII names are not RFC 2047 encoded (no MIME headers either), and the signature is
  /// `--` + `libgit2 <version>`.
  public var mail: String

  /// Creates a patch record.
  public init(
    id: String, author: GitSignature, committer: GitSignature, message: String, summary: String, body: String,
    number: Int, total: Int, mail: String
  ) {
    self.id = id
    self.author = author
    self.committer = committer
    self.message = message
    self.summary = summary
    self.body = body
    self.number = number
    self.total = total
    self.mail = mail
  }
}
