/// One member of a record as laid out on one ABI, flattened: members of records defined inline
/// (anonymous or not) follow their parent with `depth + 1`.
public struct MemberLayout: Sendable, Codable, Hashable {
  public var name: String?
  /// A designator usable in `offsetof` (`in.op`; anonymous levels left out), nil for unnamed
  /// bitfields.
  public var path: String?
  public var type: String
  /// Byte offset from the start of the outermost record.
  public var offset: Int
  public var size: Int
  /// Bit offset from the start of the outermost record, for bitfields.
  public var bitOffset: Int?
  public var bitWidth: Int?
  public var depth: Int
  public var isFlexibleArray: Bool
  /// Index of the inline record this member's children come from, if any.
  var inlineRecord: Int?
}

/// Implicit padding between members (a hole) or, with `member == nil`, at the end.
public struct Hole: Sendable, Codable, Hashable {
  /// Byte offset where the hole starts (rounded down for bit holes).
  public var offset: Int
  /// Size in bits; a whole number of bytes unless bitfields are involved.
  public var bits: Int
  /// Index in `RecordLayout.members` of the member the hole follows.
  public var after: Int?

  public var bytes: Int { bits / 8 }
}

/// A struct or union's layout on one ABI (`UAPI-RULES.md` §3.1).
public struct RecordLayout: Sendable, Codable, Hashable {
  public var size: Int
  public var alignment: Int
  public var members: [MemberLayout]
  public var holes: [Hole]
  public var tailPadding: Int
}
