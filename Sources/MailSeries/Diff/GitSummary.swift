/// The per-file figures and summary lines git prints for a patch (`git apply --numstat
/// --summary`), so the parse can be compared with git's own reading.
public enum GitSummary {
  /// `added<TAB>removed<TAB>path` (the new path, C-quoted as git quotes it), `-` for binary.
  public static func numstat(_ files: [FileDiff]) -> [String] {
    files.map { f in
      let counts = f.isBinary ? "-\t-" : "\(f.added)\t\(f.removed)"
      return counts + "\t" + quoted(f.path)
    }
  }

  /// git's `quote_c_style` with `core.quotePath` on: control characters, `"`, `\\` and non-ASCII
  /// bytes escaped, and the whole name in quotes when anything was.
  public static func quoted(_ name: String) -> String {
    var out = ""
    var changed = false
    for b in name.utf8 {
      switch b {
      case 0x07: out += "\\a"
      case 0x08: out += "\\b"
      case 0x09: out += "\\t"
      case 0x0A: out += "\\n"
      case 0x0B: out += "\\v"
      case 0x0C: out += "\\f"
      case 0x0D: out += "\\r"
      case UInt8(ascii: "\""): out += "\\\""
      case UInt8(ascii: "\\"): out += "\\\\"
      case 0..<0x20, 0x7F...:
        let octal = String(b, radix: 8)
        out += "\\" + String(repeating: "0", count: 3 - octal.count) + octal
      default:
        out.append(Character(Unicode.Scalar(b)))
        continue
      }
      changed = true
    }
    return changed ? "\"" + out + "\"" : name
  }

  /// ` create mode 100644 path`, ` rename a/{x => y} (90%)` and the like.
  public static func summary(_ files: [FileDiff]) -> [String] {
    var out: [String] = []
    for f in files {
      switch f.change {
      case .added: out.append(" create mode \(f.newMode ?? "100644") \(f.path)")
      case .deleted: out.append(" delete mode \(f.oldMode ?? "100644") \(f.path)")
      case .renamed, .copied:
        let verb = f.change == .renamed ? "rename" : "copy"
        out.append(" \(verb) \(prettyRename(f.oldPath ?? "", f.newPath ?? "")) (\(f.similarity ?? 0)%)")
        if let o = f.oldMode, let n = f.newMode, o != n { out.append(" mode change \(o) => \(n) \(f.path)") }
      case .modified:
        if let o = f.oldMode, let n = f.newMode, o != n { out.append(" mode change \(o) => \(n) \(f.path)") }
      }
    }
    return out
  }

  /// git's `a/{old => new}/c` form: the common leading and trailing path components outside.
  static func prettyRename(_ a: String, _ b: String) -> String {
    let x = Array(a.utf8)
    let y = Array(b.utf8)
    var prefix = 0
    var i = 0
    while i < x.count, i < y.count, x[i] == y[i] {
      if x[i] == UInt8(ascii: "/") { prefix = i + 1 }
      i += 1
    }
    var suffix = 0
    var j = 0
    while j < x.count - prefix, j < y.count - prefix, x[x.count - 1 - j] == y[y.count - 1 - j] {
      if x[x.count - 1 - j] == UInt8(ascii: "/") { suffix = j + 1 }
      j += 1
    }
    if prefix == 0 && suffix == 0 { return a + " => " + b }
    let p = String(decoding: x[..<prefix], as: UTF8.self)
    let s = String(decoding: x[(x.count - suffix)...], as: UTF8.self)
    let mx = String(decoding: x[prefix..<(x.count - suffix)], as: UTF8.self)
    let my = String(decoding: y[prefix..<(y.count - suffix)], as: UTF8.self)
    return p + "{" + mx + " => " + my + "}" + s
  }
}
