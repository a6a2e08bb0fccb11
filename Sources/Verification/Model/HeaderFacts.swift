public import UAPIModel

/// What verification needs of a parsed header on x86_64 (the ABI the reference driver is
/// compiled for): records by C name, member offsets by path, and macro values.
public struct HeaderFacts: Sendable {
  let unit: HeaderUnit

  public init(unit: HeaderUnit) { self.unit = unit }

  /// Record index of `struct x` / `union y` / a typedef name.
  func record(_ cName: String) -> Int? {
    let speller = unit.speller
    return unit.records.indices.first { unit.records[$0].isComplete && speller.cName(ofRecord: $0) == cName }
  }

  func layout(_ cName: String) -> RecordLayout? { record(cName).flatMap { unit.layouts[$0] } }

  /// Offset and size of a member path (`in.alloc.mem_size`) inside record `cName`, following
  /// members whose type is another record of the header.
  func field(_ cName: String, _ path: String) -> (offset: Int, size: Int)? {
    guard let layout = layout(cName) else { return nil }
    if let m = layout.members.first(where: { $0.path == path }) { return (m.offset, m.size) }
    // `in.op`: the member `in` has a record type laid out on its own.
    let parts = path.split(separator: ".", maxSplits: 1).map(String.init)
    guard parts.count == 2, let head = layout.members.first(where: { $0.path == parts[0] }),
      let inner = field(head.type, parts[1])
    else { return nil }
    return (head.offset + inner.offset, inner.size)
  }

  func macro(_ name: String) -> MacroDecl? { unit.macros.last { $0.name == name } }

  /// An integer macro's value, nil when it is not an integer constant.
  public func value(_ name: String) -> UInt64? { macro(name)?.value?.bits }

  /// Macros whose names start with `prefix` and that have integer values, in header order.
  func values(prefix: String) -> [(name: String, value: UInt64, line: Int)] {
    unit.macros.compactMap { m in
      guard m.name.hasPrefix(prefix), unit.isMain(m.location), let v = m.value else { return nil }
      return (m.name, v.bits, m.location.line)
    }
  }

  func line(ofMacro name: String) -> Int? { macro(name).map(\.location.line) }
  func line(ofRecord cName: String) -> Int? { record(cName).map { unit.records[$0].location.line } }
}
