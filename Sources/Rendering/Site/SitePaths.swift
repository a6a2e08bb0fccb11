import Foundation

/// Page names and anchors of the site, shared by the report builder (evidence links) and the
/// writers. Every name is built from a fixed alphabet, so nothing a patch says can steer where
/// a page is written.
public enum SitePaths {
  public static let index = "index.html"
  public static let changelog = "changelog.html"
  public static let verification = "verification.html"
  public static let checklist = "checklist.html"
  public static let findings = "findings.html"

  /// `v6.html`.
  public static func version(_ revision: String) -> String { "\(slug(revision)).html" }
  /// `v6-2.html`; patch 0 is the cover letter.
  public static func mail(_ revision: String, _ index: Int) -> String { "\(slug(revision))-\(index).html" }
  public static func thread(_ revision: String) -> String { "\(slug(revision))-thread.html" }
  /// `uapi-include-uapi-misc-habanalabs-h.html`.
  public static func header(_ path: String) -> String { "uapi-\(slug(path)).html" }

  public static func lineAnchor(_ line: Int) -> String { "L\(line)" }
  public static func findingAnchor(_ index: Int) -> String { "F\(index + 1)" }
  public static func replyAnchor(_ index: Int) -> String { "R\(index + 1)" }
  public static func declAnchor(_ name: String) -> String { "d-" + slug(name) }

  /// Letters, digits, `.`, `_` and `-` kept; anything else becomes `-`; never empty, never a
  /// leading dot (so `../x` cannot become a path).
  public static func slug(_ text: String) -> String {
    var out = ""
    for s in text.unicodeScalars {
      switch s {
      case "a"..."z", "A"..."Z", "0"..."9", "_", "-": out.unicodeScalars.append(s)
      case ".": out += out.isEmpty ? "-" : "."
      default: out += "-"
      }
    }
    out = String(out.replacingDotDots().prefix(120))
    // Nor a trailing dot, which would meet `.html` as `..`.
    while out.hasSuffix(".") { out = String(out.dropLast()) + "-" }
    return out.isEmpty ? "-" : out
  }
}

extension String {
  /// `..` never survives in a page name.
  fileprivate func replacingDotDots() -> String {
    var s = self
    while s.contains("..") { s = s.split(separator: "..", omittingEmptySubsequences: false).joined(separator: "-") }
    return s
  }
}

extension SitePaths {
  /// The lore.kernel.org address of a message: the one link that leaves the site. Everything
  /// but unreserved characters and `@` is percent-encoded, so a Message-ID cannot end the
  /// attribute or change the host.
  public static func lore(_ messageID: String) -> String? {
    let id = messageID.trimmingCharacters(in: CharacterSet(charactersIn: "<> \t"))
    guard !id.isEmpty else { return nil }
    var out = "https://lore.kernel.org/r/"
    for b in id.utf8 {
      switch b {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
        UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "@"):
        out.unicodeScalars.append(Unicode.Scalar(b))
      default:
        out += String(format: "%%%02X", b)
      }
    }
    return out
  }
}

/// The anchors of one header page's declarations, in page order: `d-` and the name, and `-2`,
/// `-3` for a name the page already has (anonymous enums, a macro defined in two branches), so
/// no two elements of the page share an id.
struct DeclAnchors {
  var ioctls: [String] = []
  var types: [String] = []
  var constants: [String] = []
  var enums: [String] = []

  init(_ h: HeaderReport) {
    var used: Set<String> = []
    func next(_ name: String) -> String {
      let first = SitePaths.declAnchor(name)
      var anchor = first
      var n = 1
      while used.contains(anchor) {
        n += 1
        anchor = "\(first)-\(n)"
      }
      used.insert(anchor)
      return anchor
    }
    ioctls = h.ioctls.map { next($0.name) }
    types = h.types.map { next($0.name) }
    constants = h.constants.map { next($0.name) }
    enums = h.enums.map { next($0.name) }
  }
}
