import Foundation
import Rendering
import UAPIModel

/// The uAPI reference of one header model: ioctls with their numbers and opcodes, constants,
/// enums, and every struct and union laid out on each ABI.
enum HeaderReports {
  static func report(_ model: HeaderModel, state: String, fragmentsOnly: Bool) -> HeaderReport {
    guard let unit = model.unit(.x86_64) ?? model.units.first else {
      return HeaderReport(path: model.path, state: state, fragmentsOnly: fragmentsOnly, overview: nil, ioctls: [], constants: [], types: [], enums: [])
    }
    // Empty bodies are include guards and feature switches, not constants.
    let main = unit.macros.filter { unit.isMain($0.location) && !$0.isFunctionLike && !$0.body.isEmpty }
    let constants = main.filter { $0.ioctl == nil }
    let groups = prefixGroups(constants.map(\.name))
    let ioctls = main.filter { $0.ioctl != nil }.map { ioctl($0, model: model, unit: unit, constants: constants) }
    let enums = unit.ownEnums.compactMap { e -> EnumReport? in
      let d = unit.enums[e]
      guard let values = d.enumerators else { return nil }
      return EnumReport(
        name: d.tag.map { "enum \($0)" } ?? d.typedefName ?? "enum (anonymous)", line: d.location.line, doc: d.doc.map(docText),
        values: values.map { NamedValue(name: $0.name, value: $0.value.map { String($0) } ?? "?") })
    }
    let types = unit.ownRecords.compactMap { r -> TypeReport? in
      guard unit.records[r].isComplete, !unit.records[r].isNested, unit.layouts[r] != nil else { return nil }
      return typeReport(r, model: model, unit: unit)
    }
    var overview = "\(ioctls.count) ioctl\(ioctls.count == 1 ? "" : "s"), \(constants.count) constant\(constants.count == 1 ? "" : "s"), "
    overview += "\(types.count) struct or union type\(types.count == 1 ? "" : "s"), \(enums.count) enum\(enums.count == 1 ? "" : "s")"
    if fragmentsOnly { overview += "; only what the patches add is known (no base tree), so sizes and numbers may be missing" }
    return HeaderReport(
      path: model.path, state: state, fragmentsOnly: fragmentsOnly, overview: overview, ioctls: ioctls,
      constants: constants.map { m in
        ConstantReport(
          name: m.name, line: m.location.line, body: m.body, value: m.value.map(valueText), doc: m.doc.map(docText),
          group: groups[m.name])
      },
      types: types, enums: enums)
  }

  static func ioctl(_ m: MacroDecl, model: HeaderModel, unit: HeaderUnit, constants: [MacroDecl]) -> IoctlReport {
    let c = m.ioctl!
    let numbers = IoctlEncoding.allCases.compactMap { e in c.numbers[e].map { NamedValue(name: e.rawValue, value: hex($0)) } }
    let sizes = model.units.compactMap { u -> NamedValue? in
      guard let other = u.macros.first(where: { $0.name == m.name })?.ioctl else { return nil }
      return NamedValue(name: u.abi.rawValue, value: "\(other.size)")
    }
    let type = (32...126).contains(c.type) ? "'\(Character(Unicode.Scalar(UInt8(c.type))))' (\(hex(c.type)))" : hex(c.type)
    return IoctlReport(
      name: m.name, line: m.location.line, builder: c.builder, direction: c.direction.rawValue, type: type, nr: hex(c.nr),
      argument: c.argument, numbers: numbers, sizes: sizes, doc: m.doc.map(docText),
      opcodes: opcodes(argument: c.argument, unit: unit, constants: constants), behaviour: [])
  }

  /// When the argument has an `op` member, the `*_OP_*` constants are its opcodes; each is
  /// matched to the union members named after it (`HL_MEM_OP_EXPORT_DMABUF_FD` →
  /// `in.export_dmabuf_fd`).
  static func opcodes(argument: String?, unit: HeaderUnit, constants: [MacroDecl]) -> [OpcodeReport] {
    guard let argument, let r = record(named: argument, in: unit) else { return [] }
    let paths = memberPaths(r, unit: unit, depth: 0)
    guard paths.contains(where: { $0 == "op" || $0.hasSuffix(".op") }) else { return [] }
    let ops = constants.filter { $0.name.contains("_OP_") }
    let suffixes = ops.map { String($0.name[$0.name.range(of: "_OP_")!.upperBound...]).lowercased() }
    func names(_ part: Substring, _ suffix: String) -> Bool { part == suffix || part.hasPrefix(suffix + "_") }
    return zip(ops, suffixes).map { c, suffix in
      // A member named after a longer opcode is that one's: `map_block` is MAP_BLOCK's, not MAP's.
      let longer = suffixes.filter { $0.count > suffix.count && $0.hasPrefix(suffix + "_") }
      var members: [String] = []
      for p in paths {
        let parts = p.split(separator: ".")
        guard let k = parts.firstIndex(where: { part in names(part, suffix) && !longer.contains { names(part, $0) } }) else { continue }
        let container = parts[...k].joined(separator: ".")
        if !members.contains(container) { members.append(container) }
      }
      return OpcodeReport(name: c.name, value: c.value.map(valueText) ?? c.body, members: members, doc: c.doc.map(docText))
    }
  }

  /// Every member path of a record, through members whose type is another record
  /// (`struct hl_mem_in in` gives `in.op`, `in.alloc.mem_size`, ...).
  static func memberPaths(_ r: Int, unit: HeaderUnit, depth: Int) -> [String] {
    guard depth < 4, let layout = unit.layouts[r] else { return [] }
    var out: [String] = []
    for m in layout.members {
      guard let p = m.path else { continue }
      out.append(p)
      if let inner = record(named: m.type, in: unit), inner != r {
        out += memberPaths(inner, unit: unit, depth: depth + 1).map { p + "." + $0 }
      }
    }
    return out
  }

  static func record(named name: String, in unit: HeaderUnit) -> Int? {
    let speller = unit.speller
    let wanted = name.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    return unit.records.indices.first { unit.records[$0].isComplete && speller.cName(ofRecord: $0) == wanted }
  }

  static func typeReport(_ r: Int, model: HeaderModel, unit: HeaderUnit) -> TypeReport {
    let name = unit.speller.displayName(ofRecord: r)
    var layouts: [LayoutReport] = []
    for u in model.units {
      // The same record in another ABI's unit: found by name (indexes agree in practice, names always).
      let index = u.records.indices.first { u.records[$0].isComplete && u.speller.displayName(ofRecord: $0) == name && u.isMain(u.records[$0].location) }
      guard let i = index, let layout = u.layouts[i] else { continue }
      layouts.append(layoutReport(layout, abi: u.abi.rawValue, isUnion: u.records[i].kind == .union))
    }
    let same = layouts.dropFirst().allSatisfy { sameLayout($0, layouts[0]) }
    // ABIs that place every byte alike share one table and picture; an alignment that differs
    // (a union of __u64 on i386) is said in the heading rather than drawn twice.
    var groups: [LayoutReport] = []
    for l in layouts {
      if let k = groups.firstIndex(where: { $0.rows == l.rows && $0.size == l.size }) {
        groups[k].abi += ", " + l.abi
        if l.alignment != groups[k].alignment { groups[k].alignmentNote = (groups[k].alignmentNote.map { $0 + ", " } ?? "") + "\(l.alignment) on \(l.abi)" }
      } else {
        groups.append(l)
      }
    }
    layouts = groups
    return TypeReport(name: name, line: unit.records[r].location.line, doc: unit.records[r].doc.map(docText), layouts: layouts, sameOnAllABIs: same)
  }

  static func sameLayout(_ a: LayoutReport, _ b: LayoutReport) -> Bool {
    a.rows == b.rows && a.size == b.size && a.alignment == b.alignment
  }

  /// Members in order with holes and tail padding as rows of their own.
  static func layoutReport(_ l: RecordLayout, abi: String, isUnion: Bool) -> LayoutReport {
    var rows: [LayoutRow] = []
    let holesAfter = Dictionary(grouping: l.holes.filter { $0.after != nil }, by: { $0.after! })
    for (k, m) in l.members.enumerated() {
      rows.append(
        LayoutRow(
          offset: m.offset, size: m.size, name: m.path ?? m.name ?? (m.bitWidth != nil ? "(unnamed bitfield)" : "(anonymous \(m.type))"),
          type: m.type, depth: m.depth, isHole: false,
          inUnion: isUnion && m.depth == 0, bitWidth: m.bitWidth))
      for h in holesAfter[k] ?? [] {
        rows.append(LayoutRow(offset: h.offset, size: max(h.bytes, 1), name: "", type: h.bits % 8 == 0 ? "hole" : "\(h.bits)-bit hole", depth: m.depth, isHole: true, inUnion: false))
      }
    }
    if l.tailPadding > 0 {
      rows.append(LayoutRow(offset: l.size - l.tailPadding, size: l.tailPadding, name: "", type: "tail padding", depth: 0, isHole: true, inUnion: false))
    }
    let padding = l.holes.reduce(0) { $0 + $1.bytes } + l.tailPadding
    return LayoutReport(abi: abi, size: l.size, alignment: l.alignment, rows: rows, padding: padding)
  }

  /// Constants sharing a name prefix (up to the last `_`, or `*_OP_`) with at least one other.
  static func prefixGroups(_ names: [String]) -> [String: String] {
    // Every `_`-ended prefix of each name (`HL_MEM_FORCE_`, `HL_MEM_`; `HL_MEM_OP_` for opcodes);
    // a name joins the longest that another name shares, with at least two parts.
    func prefixes(_ n: String) -> [String] {
      if let op = n.range(of: "_OP_") { return [String(n[..<op.upperBound])] }
      var out: [String] = []
      var end = n.endIndex
      while let last = n[..<end].lastIndex(of: "_"), last != n.startIndex {
        let p = String(n[...last])
        if p.split(separator: "_").count >= 2 { out.append(p) }
        end = last
      }
      return out
    }
    var counts: [String: Int] = [:]
    for n in names { for p in Set(prefixes(n)) { counts[p, default: 0] += 1 } }
    var out: [String: String] = [:]
    for n in names { if let p = prefixes(n).first(where: { counts[$0, default: 0] > 1 }) { out[n] = p + "*" } }
    return out
  }

  static func docText(_ d: DocComment) -> String { d.text.trimmingCharacters(in: .whitespacesAndNewlines) }

  static func valueText(_ v: IntegerValue) -> String {
    if v.isSigned, Int64(bitPattern: v.bits) < 0 { return v.description }
    return v.bits < 10 ? "\(v.bits)" : "\(v.bits) (\(hex(v.bits)))"
  }

  static func hex(_ v: UInt64) -> String { "0x" + String(v, radix: 16) }
}
