import Foundation
/// `--format text`: a header's constants, ioctls with their numbers, and its types with layouts
/// side by side on every ABI (a `!` marks a value that differs between ABIs).
public enum TextPrinter {
  public static func print(_ header: HeaderModel) -> String {
    guard let first = header.units.first else { return "\(header.path): nothing read\n" }
    var out = "\(header.path)  [\(header.units.map(\.abi.rawValue).joined(separator: ", "))]\n"

    let constants = first.macros.filter { $0.value != nil && $0.ioctl == nil }
    if !constants.isEmpty {
      out += "\nconstants:\n"
      let width = min(40, constants.map(\.name.count).max() ?? 0)
      for m in constants {
        let values = header.units.compactMap { u in u.macros.first { $0.name == m.name }?.value?.description }
        let differs = Set(values).count > 1
        let shown = differs ? zip(header.units, values).map { "\($0.abi.rawValue)=\($1)" }.joined(separator: " ") + " !" : m.value!.description
        out += "  " + m.name.padding(toLength: max(width, m.name.count), withPad: " ", startingAt: 0) + "  " + shown + "\n"
      }
    }

    let ioctls = first.macros.filter { $0.ioctl != nil }
    if !ioctls.isEmpty {
      out += "\nioctls:\n"
      for m in ioctls {
        let io = m.ioctl!
        let typeChar = io.type >= 0x20 && io.type < 0x7f ? "'\(Character(Unicode.Scalar(UInt8(io.type))))'" : String(format: "0x%02llx", io.type)
        out += "  \(m.name)  \(io.builder)(\(typeChar), 0x\(String(io.nr, radix: 16)), \(io.argument ?? "-"))  \(io.direction.rawValue), size \(io.size)\n"
        var numbers: [String] = []
        for abi in header.units {
          guard let n = abi.macros.first(where: { $0.name == m.name })?.ioctl?.numbers[.generic] else { continue }
          numbers.append("\(abi.abi.rawValue) 0x\(String(n, radix: 16))")
        }
        out += "    generic: " + numbers.joined(separator: ", ") + "\n"
        out += "    powerpc/mips/alpha 0x\(hex(io.numbers[.powerpc])), sparc 0x\(hex(io.numbers[.sparc])), parisc 0x\(hex(io.numbers[.parisc]))\n"
      }
    }

    let records = first.ownRecords
    if !records.isEmpty {
      out += "\ntypes:\n"
      for r in records {
        let name = first.speller.displayName(ofRecord: r)
        out += "\n  \(name)  (line \(first.records[r].location.line))\n"
        out += "    " + "size/align".padding(toLength: 34, withPad: " ", startingAt: 0)
        let layouts = header.units.map { u in u.layouts[sameRecord(r, first, u) ?? -1] }
        let cells = layouts.map { $0.map { "\($0.size)/\($0.alignment)" } ?? "?" }
        let sizeRow = zip(header.units, cells).map { ($0.abi.rawValue + " " + $1).padding(toLength: 14, withPad: " ", startingAt: 0) }
        // `!` marks a size that differs between ABIs (i386's 4-byte alignment alone is expected).
        let sizesDiffer = Set(layouts.map { $0?.size ?? -1 }).count > 1
        out += String(sizeRow.joined().reversed().drop { $0 == " " }.reversed()) + (sizesDiffer ? " !" : "") + "\n"
        guard let layout = first.layouts[r] else {
          out += "    cannot be laid out: \(first.layoutFailures[r] ?? "incomplete")\n"
          continue
        }
        for (k, m) in layout.members.enumerated() {
          let label = String(repeating: "  ", count: m.depth - 1) + (m.name ?? "<anonymous>") + " : " + m.type
          var row = "    " + label.padding(toLength: max(34, label.count + 1), withPad: " ", startingAt: 0)
          var offsets: [String] = []
          for u in header.units {
            guard let other = sameRecord(r, first, u), let ol = u.layouts[other], k < ol.members.count else {
              offsets.append("?")
              continue
            }
            let om = ol.members[k]
            offsets.append(om.bitOffset.map { "\($0 / 8):\($0 % 8)" } ?? "\(om.offset)+\(om.size)")
          }
          let mark = Set(offsets).count > 1 ? " !" : ""
          row += offsets.map { $0.padding(toLength: 14, withPad: " ", startingAt: 0) }.joined()
          out += String(row.reversed().drop { $0 == " " }.reversed()) + mark + "\n"
        }
        for h in layout.holes { out += "    hole: \(h.bits % 8 == 0 ? "\(h.bytes) bytes" : "\(h.bits) bits") at offset \(h.offset) on \(first.abi.rawValue)\n" }
        if layout.tailPadding > 0 { out += "    tail padding: \(layout.tailPadding) bytes on \(first.abi.rawValue)\n" }
      }
    }
    return out
  }

  /// The same record in another ABI's unit, matched by name (records of a header are declared in
  /// the same order unless an `#ifdef` on the ABI changes them).
  static func sameRecord(_ r: Int, _ unit: HeaderUnit, _ other: HeaderUnit) -> Int? {
    let rec = unit.records[r]
    if r < other.records.count, other.records[r].tag == rec.tag, other.records[r].typedefName == rec.typedefName,
      other.records[r].location == rec.location
    {
      return r
    }
    return other.records.indices.first {
      other.records[$0].location.line == rec.location.line && other.records[$0].kind == rec.kind
        && other.isMain(other.records[$0].location)
    }
  }

  private static func hex(_ v: UInt64?) -> String { String(v ?? 0, radix: 16) }
}
