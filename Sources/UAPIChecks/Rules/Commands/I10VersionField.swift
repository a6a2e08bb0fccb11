import Diagnostics

/// I10: no `version`/`*_version` input member in an ioctl argument (or a record it contains).
enum VersionFieldRule: HeaderCheck {
  static let rule = RuleCatalogue.i10

  static func check(_ c: HeaderContext) -> [RuleFinding] {
    let used = c.ioctlRecords()
    return c.fields.compactMap { f in
      guard used.contains(f.top), let name = f.member.name?.lowercased(),
        name == "version" || name.hasSuffix("_version") || name == "ver", !c.isOutput(f)
      else { return nil }
      return c.finding(
        rule, "'\(c.fieldName(f))' looks like a version field; add a new command instead of reinterpreting one",
        field: f)
    }
  }
}
