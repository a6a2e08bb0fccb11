/// Puts a parsed patch back into text: byte for byte what was read.
public enum PatchPrinter {
  public static func print(_ patch: ParsedPatch) -> String {
    var out = ""
    for part in patch.parts {
      switch part {
      case .text(let lines): out += lines.joined()
      case .file(let f):
        out += f.rawHeader.joined()
        for h in f.hunks {
          out += h.rawHeader
          for l in h.lines { out += l.raw }
        }
      }
    }
    return out
  }
}
