import Diagnostics

/// H3: a name defined only inside an `__KERNEL__` block (`#define X`, `struct x {`, `typedef … x;`)
/// is not used outside such blocks. The first outside use of each name is reported.
enum KernelBlockRule: HeaderCheck {
  static let rule = RuleCatalogue.h3

  static func check(_ c: HeaderContext) -> [RuleFinding] {
    var kernelOnly = Set<String>()
    var outside = Set<String>()
    for (k, code) in c.source.code.enumerated() {
      var defined: [String] = []
      if let d = HeaderSource.directive(code), d.name == "define",
        let name = HeaderSource.identifiers(d.rest).first?.name
      {
        defined.append(name)
      }
      let ids = HeaderSource.identifiers(code).map(\.name)
      for (i, id) in ids.enumerated() where (id == "struct" || id == "union" || id == "enum") && i + 1 < ids.count {
        if code.contains("{") { defined.append(ids[i + 1]) }
      }
      if ids.first == "typedef", let last = ids.last, code.contains(";") { defined.append(last) }
      for name in defined {
        if c.source.inKernelBlock[k] { kernelOnly.insert(name) } else { outside.insert(name) }
      }
    }
    let missing = kernelOnly.subtracting(outside)
    guard !missing.isEmpty else { return [] }
    var out: [RuleFinding] = []
    var reported = Set<String>()
    for (k, code) in c.source.code.enumerated() where !c.source.inKernelBlock[k] {
      if let d = HeaderSource.directive(code), d.name != "define" { continue }
      for id in HeaderSource.identifiers(code) where missing.contains(id.name) && !reported.contains(id.name) {
        reported.insert(id.name)
        out.append(
          c.finding(
            rule, "'\(id.name)' is defined only inside #ifdef __KERNEL__ but used by code userspace sees",
            line: k + 1, column: id.column))
      }
    }
    return out
  }
}
