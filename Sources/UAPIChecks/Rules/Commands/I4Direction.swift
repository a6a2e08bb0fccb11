import Diagnostics
import UAPIModel

/// I4: the direction matches the data flow. The flow is read from the argument record: members
/// named `in`/`out`, record names ending in `_in`/`_out`, and member docs starting with in/out.
/// `_IOR` with input members and `_IOW` with output members are errors.
enum DirectionRule: HeaderCheck {
  static let rule = RuleCatalogue.i4

  static func check(_ c: HeaderContext) -> [RuleFinding] {
    c.primary.macros.compactMap { m in
      guard let io = m.ioctl, io.direction == .read || io.direction == .write, let arg = io.argument,
        let r = c.argumentRecord(arg)
      else { return nil }
      var inputs: [String] = []
      var outputs: [String] = []
      for top in c.contained(in: [r]).sorted() where c.topRecords.contains(top) {
        for f in c.fields(of: top) {
          let name = f.member.name ?? ""
          if name == "in" || c.isInput(f) { inputs.append(c.fieldName(f)) }
          if name == "out" || c.isOutput(f) { outputs.append(c.fieldName(f)) }
        }
      }
      if io.direction == .read, !inputs.isEmpty {
        return c.finding(
          rule, "'\(m.name)' is _IOR (kernel to user) but '\(inputs[0])' is an input; use _IOW or _IOWR",
          at: m.location, evidence: ["inputs: " + inputs.joined(separator: ", ")])
      }
      if io.direction == .write, !outputs.isEmpty {
        return c.finding(
          rule, "'\(m.name)' is _IOW (user to kernel) but '\(outputs[0])' is an output; use _IOR or _IOWR",
          at: m.location, evidence: ["outputs: " + outputs.joined(separator: ", ")])
      }
      return nil
    }
  }
}
