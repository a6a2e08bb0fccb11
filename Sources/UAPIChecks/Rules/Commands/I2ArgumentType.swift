import Diagnostics

/// I2: the third argument of `_IOR`/`_IOW`/`_IOWR` is a type name, not `sizeof(...)` or a number,
/// and not a pointer type. The finding points at the argument when it is on the macro's line.
enum ArgumentTypeRule: HeaderCheck {
  static let rule = RuleCatalogue.i2

  static func check(_ c: HeaderContext) -> [RuleFinding] {
    c.primary.macros.compactMap { m in
      guard let io = m.ioctl, io.builder != "_IOC", io.builder != "_IO", let arg = io.argument else { return nil }
      let problem: String
      if !io.argumentIsType {
        problem = "'\(arg)' is not a type name: the number encodes the size of whatever it evaluates to"
      } else if io.argumentIsPointer {
        problem = "'\(arg)' is a pointer type: the encoded size is 4 on 32-bit and 8 on 64-bit ABIs"
      } else {
        return nil
      }
      var p = c.position(m.location)
      let line = c.source.line(p.line)
      if let r = line.range(of: arg) { p.column = line.utf8.distance(from: line.utf8.startIndex, to: r.lowerBound) + 1 }
      return c.finding(rule, "'\(m.name)': \(problem)", line: p.line, column: p.column)
    }
  }
}
