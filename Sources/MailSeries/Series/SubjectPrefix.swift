/// What a patch mail's subject says before its title: `Re: [Linaro-mm-sig] [PATCH v6 1/2]`,
/// `[RFC PATCH net-next v3 2/5]`, `[PATCH RESEND v2 03/10]`, `[PATCH v5.1 3/7]`, `[PATCHv2]`.
public struct SubjectPrefix: Sendable, Hashable, Codable {
  /// `Re:` (or `Aw:`, `Sv:`, `Fwd:`) in front: an answer, not a submission.
  public var isReply: Bool
  /// A `PATCH` or `RFC` word was present.
  public var isPatch: Bool
  public var isRFC: Bool
  public var isResend: Bool
  public var revision: Revision
  /// `n` of `n/m`; 0 is a cover letter.
  public var index: Int?
  public var total: Int?
  /// Other words in the brackets: the tree (`net-next`), list tags (`Linaro-mm-sig`).
  public var tags: [String]
  /// The subject after every prefix, white space collapsed.
  public var title: String

  /// A series revision: `v6` is 6.0, `v5.1` (a partial reroll) is 5.1; no `vN` is 1.
  public struct Revision: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int

    public init(_ major: Int, _ minor: Int = 0) {
      self.major = major
      self.minor = minor
    }

    public static func < (a: Revision, b: Revision) -> Bool { (a.major, a.minor) < (b.major, b.minor) }
    public var description: String { minor == 0 ? "v\(major)" : "v\(major).\(minor)" }
  }

  public init(_ subject: String) {
    var rest = Substring(subject)
    isReply = false
    isPatch = false
    isRFC = false
    isResend = false
    revision = Revision(1)
    tags = []
    title = ""
    while true {
      rest = rest.drop { $0 == " " || $0 == "\t" }
      if let after = Self.afterReplyMarker(rest) {
        isReply = true
        rest = rest[after...]
        continue
      }
      guard rest.first == "[", let close = rest.firstIndex(of: "]") else { break }
      readWords(rest[rest.index(after: rest.startIndex)..<close])
      rest = rest[rest.index(after: close)...]
    }
    // `PATCH v2 1/3: title` without brackets is rare; a bare title is the common case.
    title = rest.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
  }

  /// Where the text after a leading `Re:` (or `Aw:`, `Sv:`, `Fwd:`, `Fw:`) starts, if `s`
  /// begins with one.
  static func afterReplyMarker(_ s: Substring) -> Substring.Index? {
    guard let colon = s.prefix(5).firstIndex(of: ":"), ["re", "aw", "sv", "fwd", "fw"].contains(s[..<colon].lowercased()) else {
      return nil
    }
    return s.index(after: colon)
  }

  private mutating func readWords(_ group: Substring) {
    for raw in group.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }) {
      var word = raw.uppercased()[...]
      // `PATCHv2` and `RFCv3` glue the revision on.
      for kind in ["PATCH", "RFC"] where word.hasPrefix(kind) && word.count > kind.count {
        if kind == "PATCH" { isPatch = true } else { isRFC = true; isPatch = true }
        word = word.dropFirst(kind.count)
      }
      switch word {
      case "PATCH": isPatch = true
      case "RFC": isRFC = true; isPatch = true
      case "RESEND": isResend = true
      default:
        if let r = Self.revision(word) {
          revision = r
        } else if let (n, m) = Self.fraction(word) {
          index = n
          total = m
        } else {
          tags.append(String(raw))
        }
      }
    }
  }

  static func revision(_ word: Substring) -> Revision? {
    guard word.first == "V" else { return nil }
    let parts = word.dropFirst().split(separator: ".", omittingEmptySubsequences: false)
    guard (1...2).contains(parts.count), let major = Int(parts[0]), major >= 0, major < 10_000 else { return nil }
    if parts.count == 2 {
      guard let minor = Int(parts[1]), minor >= 0, minor < 10_000 else { return nil }
      return Revision(major, minor)
    }
    return Revision(major)
  }

  static func fraction(_ word: Substring) -> (Int, Int)? {
    let parts = word.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let n = Int(parts[0]), let m = Int(parts[1]), n >= 0, m >= 1, m < 100_000 else { return nil }
    return (n, m)
  }
}
