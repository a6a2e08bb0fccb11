/// Prints structs and unions the way pahole does: members with `/* offset size */`, holes as
/// `XXX n bytes hole`, and the size/members summary, one ABI at a time.
public enum PaholePrinter {
  static let commentColumn = 48

  public static func print(_ unit: HeaderUnit) -> String {
    var out = ""
    for r in unit.ownRecords {
      out += print(record: r, in: unit) + "\n"
    }
    return out
  }

  public static func print(record r: Int, in unit: HeaderUnit) -> String {
    let rec = unit.records[r]
    let name = unit.speller.displayName(ofRecord: r)
    guard let layout = unit.layouts[r] else {
      return "\(name) {\n\t/* cannot be laid out on \(unit.abi.rawValue): \(unit.layoutFailures[r] ?? "incomplete") */\n};\n"
    }
    var out = "\(name) {\n"
    var index = 0
    let children = layout.members
    printMembers(children, &index, depth: 1, indent: 1, layout: layout, into: &out)
    out += "\n"
    let direct = children.filter { $0.depth == 1 }.count
    out += "\t/* size: \(layout.size), cachelines: \((layout.size + 63) / 64), members: \(direct) */\n"
    let topHoles = layout.holes
    if !topHoles.isEmpty {
      let sumMembers = children.filter { $0.depth == 1 }.reduce(0) { $0 + $1.size }
      let byteHoles = topHoles.filter { $0.bits % 8 == 0 }
      let bitHoles = topHoles.filter { $0.bits % 8 != 0 }
      var line = "\t/* sum members: \(sumMembers)"
      if !byteHoles.isEmpty { line += ", holes: \(byteHoles.count), sum holes: \(byteHoles.reduce(0) { $0 + $1.bytes })" }
      if !bitHoles.isEmpty { line += ", bit holes: \(bitHoles.count), sum bit holes: \(bitHoles.reduce(0) { $0 + $1.bits }) bits" }
      out += line + " */\n"
    }
    if layout.tailPadding > 0 { out += "\t/* padding: \(layout.tailPadding) */\n" }
    if rec.attributes.packed || rec.attributes.aligned != nil {
      var attrs: [String] = []
      if rec.attributes.packed { attrs.append("packed") }
      if let a = rec.attributes.aligned { attrs.append("aligned(\(a))") }
      out += "\t/* attributes: \(attrs.joined(separator: ", ")) */\n"
    }
    let last = layout.size % 64
    if layout.size > 0 { out += "\t/* last cacheline: \(last == 0 ? 64 : last) bytes */\n" }
    out += "};\n"
    return out
  }

  private static func printMembers(
    _ members: [MemberLayout], _ index: inout Int, depth: Int, indent: Int, layout: RecordLayout, into out: inout String
  ) {
    let tabs = String(repeating: "\t", count: indent)
    while index < members.count, members[index].depth == depth {
      let m = members[index]
      let memberIndex = index
      index += 1
      let name = m.name ?? ""
      if m.inlineRecord != nil {
        let kind = m.type.hasPrefix("union") ? "union" : "struct"
        out += tabs + kind + " {\n"
        printMembers(members, &index, depth: depth + 1, indent: indent + 1, layout: layout, into: &out)
        let arraySuffix = m.type.firstIndex(of: "[").map { String(m.type[$0...]) } ?? ""
        let decl = tabs + "}" + (name.isEmpty ? "" : " " + name + arraySuffix) + ";"
        out += pad(decl, indent: indent) + comment(m) + "\n"
      } else {
        out += pad(tabs + declaration(m), indent: indent) + comment(m) + "\n"
      }
      for hole in layout.holes where hole.after == memberIndex {
        if hole.bits % 8 == 0 {
          out += tabs + "/* XXX \(hole.bytes) byte\(hole.bytes == 1 ? "" : "s") hole, try to pack */\n"
        } else {
          out += tabs + "/* XXX \(hole.bits) bit\(hole.bits == 1 ? "" : "s") hole, try to pack */\n"
        }
      }
    }
  }

  private static func declaration(_ m: MemberLayout) -> String {
    var type = m.type
    var suffix = ""
    if let bracket = type.firstIndex(of: "["), !type.contains("(") {
      suffix = String(type[bracket...])
      type = String(type[..<bracket]).trimmingCharacters(in: [" "])
    }
    var name = m.name ?? ""
    if type.hasSuffix("*") {
      let stars = type.reversed().prefix { $0 == "*" || $0 == " " }.filter { $0 == "*" }.count
      type = String(type.dropLast(type.reversed().prefix { $0 == "*" || $0 == " " }.count))
      name = String(repeating: "*", count: stars) + name
    }
    let padded = type.count < 26 ? type + String(repeating: " ", count: 26 - type.count) : type + " "
    var text = padded + name + suffix
    if let w = m.bitWidth { text += ":\(w)" }
    return text + ";"
  }

  private static func comment(_ m: MemberLayout) -> String {
    if let bit = m.bitOffset, let w = m.bitWidth {
      return "/* \(pad5(bit / 8)):\(pad2(bit % 8)) \(pad5(w)) */"
    }
    return "/* \(pad5(m.offset)) \(pad5(m.size)) */"
  }

  private static func pad(_ text: String, indent: Int) -> String {
    // Tabs count as 8 columns, as in a terminal.
    let width = text.reduce(0) { $0 + ($1 == "\t" ? 8 : 1) }
    return width >= commentColumn ? text + " " : text + String(repeating: " ", count: commentColumn - width)
  }

  private static func pad5(_ n: Int) -> String {
    let s = String(n)
    return s.count >= 5 ? s : String(repeating: " ", count: 5 - s.count) + s
  }

  private static func pad2(_ n: Int) -> String { n < 10 ? " \(n)" : "\(n)" }
}
