import Diagnostics

/// U8: members named `fd`, `*_fd`, `fds` or `*_fds` are `__s32`. Records named like an fd (an
/// `export_dmabuf_fd` struct) are not integers and are skipped.
enum FileDescriptorRule: HeaderCheck {
  static let rule = RuleCatalogue.u8

  static func isFDName(_ name: String) -> Bool {
    let n = name.lowercased()
    return n == "fd" || n == "fds" || n.hasSuffix("_fd") || n.hasSuffix("_fds")
  }

  static func check(_ c: HeaderContext) -> [RuleFinding] {
    c.fields.compactMap { f in
      guard let name = f.member.name, isFDName(name) else { return nil }
      let facts = c.facts(f.member.type)
      switch c.integerKind(facts, spelling: f.member.typeSpelling) {
      case .fixed("__s32"), .notInteger: return nil
      default:
        return c.finding(
          rule, "file descriptor '\(c.fieldName(f))' is declared '\(c.typeName(f.member))'; declare it __s32",
          field: f)
      }
    }
  }
}
