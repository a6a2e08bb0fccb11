import Diagnostics
import ReferenceDriver
import UAPIModel

/// The parsed header against what the C compiler built the reference driver from: every
/// type, member, command and opcode the driver uses must have the same size, offset and value
/// in the model, and the driver must handle every operation the header declares.
enum VerificationChecks {
  static func layouts(_ facts: HeaderFacts, path: String) -> [Diagnostic] {
    var out: [Diagnostic] = []
    for c in CompiledTables.layouts {
      let line = facts.line(ofRecord: c.type) ?? 1
      func report(_ message: String) {
        out.append(Diagnostic(.error, id: "verify.layout", message: message, location: SourceLocation(file: path, line: line, column: 1)))
      }
      guard let layout = facts.layout(c.type) else {
        if c.member.isEmpty { report("\(c.type) is used by the reference driver but the header does not define it") }
        continue
      }
      if c.member.isEmpty {
        if layout.size != c.size || layout.alignment != c.alignment {
          report("\(c.type): the parsed header gives size \(layout.size), alignment \(layout.alignment); the compiler gives \(c.size), \(c.alignment)")
        }
        continue
      }
      guard let f = facts.field(c.type, c.member) else {
        report("\(c.type) has no member \(c.member), which the reference driver uses")
        continue
      }
      if f.offset != c.offset || f.size != c.size {
        report("\(c.type).\(c.member): the parsed header puts it at offset \(f.offset) size \(f.size); the compiler at offset \(c.offset) size \(c.size)")
      }
    }
    return out
  }

  static func dispatch(_ facts: HeaderFacts, path: String) -> [Diagnostic] {
    var out: [Diagnostic] = []
    func report(_ id: String, _ message: String, _ line: Int?) {
      out.append(Diagnostic(.error, id: id, message: message, location: SourceLocation(file: path, line: line ?? 1, column: 1)))
    }
    for c in CompiledTables.commands {
      guard let v = facts.value(c.name) else {
        report("verify.command", "\(c.name) is dispatched by the reference driver but not defined in the header", nil)
        continue
      }
      if v != c.value {
        report(
          "verify.command",
          "\(c.name) is \(hex(v)) in the model but the driver dispatches \(hex(c.value)): a different direction, size, type or number",
          facts.line(ofMacro: c.name))
      }
    }
    // Every ioctl the header declares must reach the driver.
    for m in facts.unit.macros where m.ioctl != nil && facts.unit.isMain(m.location) {
      if !CompiledTables.commands.contains(where: { $0.name == m.name }) {
        report("verify.command", "\(m.name) is declared but the reference driver does not dispatch it", m.location.line)
      }
    }
    let declared = facts.values(prefix: "HL_MEM_OP_")
    for op in CompiledTables.opcodes {
      guard let d = declared.first(where: { $0.name == op.name }) else {
        report("verify.opcode", "\(op.name) is handled by the reference driver but not declared in the header", nil)
        continue
      }
      if d.value != op.value {
        report("verify.opcode", "\(op.name) is \(d.value) in the model but \(op.value) in the driver", d.line)
      }
    }
    for d in declared where !CompiledTables.opcodes.contains(where: { $0.name == d.name }) {
      report("verify.opcode", "\(d.name) is declared but the reference driver does not handle it", d.line)
    }
    return out
  }

  private static func hex(_ v: UInt64) -> String { "0x" + String(v, radix: 16) }
}
