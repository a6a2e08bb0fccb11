/// How strictly hunks must match, named after `git apply`'s options.
public struct ApplyOptions: Sendable, Hashable {
  /// `git apply -C<n>`: when a hunk's full context matches nowhere, leading and trailing context
  /// lines are dropped (the larger side first) until it matches or both sides are down to this
  /// many lines. `nil` is git's default: every context line must match, no fuzz.
  public var minimumContext: Int?
  /// `git apply --unidiff-zero`: hunks without context (`diff -U0`) are not anchored to the
  /// beginning or the end of the file.
  public var unidiffZero: Bool

  public init(minimumContext: Int? = nil, unidiffZero: Bool = false) {
    self.minimumContext = minimumContext.map { max(0, $0) }
    self.unidiffZero = unidiffZero
  }
}
