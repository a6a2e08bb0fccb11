import UAPIModel

/// Constants, text macros and ioctl commands: the part of the ABI DWARF never sees.
extension Comparison {
  /// A macro on every ABI, by name, in the first ABI's definition order.
  struct MacroTable {
    var order: [String] = []
    var byABI: [String: [ABI: MacroDecl]] = [:]

    init(_ units: [HeaderUnit]) {
      for u in units {
        for m in u.macros where !Comparison.isGuard(m) {
          if byABI[m.name] == nil { order.append(m.name) }
          byABI[m.name, default: [:]][u.abi] = m
        }
      }
    }
  }

  /// Include guards (`#define FOO_H`) are not interface.
  static func isGuard(_ m: MacroDecl) -> Bool {
    m.parameters == nil && m.body.allSatisfy(\.isWhitespace)
      && (m.name.hasSuffix("_H") || m.name.hasSuffix("_H_") || m.name.hasSuffix("_H__"))
  }

  enum MacroClass { case ioctl, constant, text }

  static func classify(_ m: MacroDecl) -> MacroClass {
    if m.ioctl != nil { return .ioctl }
    if m.parameters == nil && m.value != nil { return .constant }
    return .text
  }

  static func hex(_ v: UInt64) -> String {
    let digits = String(v, radix: 16)
    return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
  }

  /// A value as the header writes it: hex when the definition is hex or a shift.
  static func show(_ m: MacroDecl) -> String {
    guard let v = m.value else { return normalized(m.body) }
    let negative = v.isSigned && v.signed < 0
    if !negative && (m.body.contains("0x") || m.body.contains("0X") || m.body.contains("<<")) {
      return "0x" + String(v.bits, radix: 16)
    }
    return v.description
  }

  static func normalized(_ body: String) -> String {
    body.split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }

  static func definition(_ m: MacroDecl) -> String {
    (m.parameters.map { "(" + $0.joined(separator: ", ") + ")" } ?? "") + " " + normalized(m.body)
  }

  /// `_IOWR('H', 0x05, union hl_mem_args)`, or the body for a macro that is not an ioctl.
  static func ioctlSpelling(_ m: MacroDecl) -> String {
    guard let c = m.ioctl else { return normalized(m.body) }
    return ioctlSpelling(c)
  }

  static func ioctlSpelling(_ c: IoctlCommand) -> String {
    let magic = (0x20..<0x7f).contains(c.type) ? "'\(Character(UnicodeScalar(UInt8(c.type))))'" : hex(c.type)
    let nr = String(c.nr, radix: 16)
    var args = [magic, "0x" + (nr.count < 2 ? "0" : "") + nr]
    if let a = c.argument { args.append(a) }
    return "\(c.builder)(\(args.joined(separator: ", ")))"
  }

  /// Reports macros in the new header's order, then the ones removed in the old header's order.
  mutating func compareMacros() {
    let before = MacroTable(old)
    let after = MacroTable(new)
    func isConstant(_ t: MacroTable, _ name: String, _ abi: ABI) -> Bool {
      t.byABI[name]?[abi].map { Self.classify($0) == .constant } ?? false
    }
    let addedConstants = after.order.filter { before.byABI[$0] == nil && isConstant(after, $0, newRef.abi) }
    let removedConstants = before.order.filter { after.byABI[$0] == nil && isConstant(before, $0, oldRef.abi) }
    // A removed and an added constant with the same values everywhere, unique among those, and
    // sharing a name prefix: a rename, keyed by the new name.
    func values(_ t: MacroTable, _ name: String) -> [UInt64?] { abis.map { t.byABI[name]?[$0]?.value?.bits } }
    var renamedFrom: [String: String] = [:]
    for r in removedConstants {
      let v = values(before, r)
      let twins = addedConstants.filter { values(after, $0) == v && renamedFrom[$0] == nil }
      guard twins.count == 1, removedConstants.filter({ values(before, $0) == v }).count == 1, let a = twins.first,
        Self.sharePrefix(r, a)
      else { continue }
      renamedFrom[a] = r
    }
    let renamedOld = Set(renamedFrom.values)

    for name in after.order {
      guard let n = after.byABI[name]?[newRef.abi] else { continue }
      let at = location(newRef, n.location)
      guard let o = before.byABI[name]?[oldRef.abi] else {
        switch Self.classify(n) {
        case .ioctl:
          add(.ioctlAdded, .addition, name, new: Self.ioctlSpelling(n), facts: ioctlNumbers(name, after), at: at)
        case .constant:
          if let r = renamedFrom[name] {
            add(
              .constantRenamed, .sourceBreak, r, old: r, new: name,
              note: "same value \(Self.show(n)); sources using the old name break", at: at)
          } else {
            add(.constantAdded, .addition, name, new: Self.show(n), at: at)
          }
        case .text: add(.constantAdded, .addition, name, new: Self.definition(n).trimmed, at: at)
        }
        continue
      }
      switch (Self.classify(o), Self.classify(n)) {
      case (.ioctl, .ioctl): compareIoctl(name, before, after)
      case (.constant, .constant), (.constant, .ioctl), (.ioctl, .constant): compareConstant(name, before, after)
      default:
        if Self.definition(o) != Self.definition(n) {
          add(
            .macroChanged, .abiBreak, name, old: Self.definition(o).trimmed, new: Self.definition(n).trimmed,
            note: "the expansion compiled into existing binaries differs", at: at)
        }
      }
    }
    for name in before.order where after.byABI[name] == nil && !renamedOld.contains(name) {
      guard let o = before.byABI[name]?[oldRef.abi] else { continue }
      let at = location(oldRef, o.location)
      switch Self.classify(o) {
      case .ioctl:
        add(
          .ioctlRemoved, .abiBreak, name, old: Self.ioctlSpelling(o),
          note: "existing binaries still issue the command", facts: ioctlNumbers(name, before), at: at)
      case .constant:
        add(
          .constantRemoved, .sourceBreak, name, old: Self.show(o), note: "sources naming it no longer compile", at: at)
      case .text:
        add(
          .constantRemoved, .sourceBreak, name, old: Self.definition(o).trimmed,
          note: "sources naming it no longer compile", at: at)
      }
    }
  }

  static func sharePrefix(_ a: String, _ b: String) -> Bool {
    let pa = a.split(separator: "_").first
    let pb = b.split(separator: "_").first
    return pa != nil && pa == pb
  }

  private mutating func compareConstant(_ name: String, _ before: MacroTable, _ after: MacroTable) {
    guard let oRef = before.byABI[name]?[oldRef.abi], let nRef = after.byABI[name]?[newRef.abi] else { return }
    var perABI: [(ABI, String)] = []
    var grew = true
    for abi in abis {
      guard let o = before.byABI[name]?[abi], let n = after.byABI[name]?[abi] else { continue }
      let ov = o.value?.bits ?? o.ioctl?.numbers[.generic]
      let nv = n.value?.bits ?? n.ioctl?.numbers[.generic]
      if ov != nv {
        perABI.append((abi, "\(Self.show(o)) → \(Self.show(n))"))
        if let a = o.value, let b = n.value, !(a.isSigned ? b.signed > a.signed : b.bits > a.bits) { grew = false }
      }
    }
    guard !perABI.isEmpty else { return }
    let at = location(newRef, nRef.location)
    let facts = perABI.count == abis.count && Set(perABI.map(\.1)).count == 1 ? [] : ABIFact.grouped(perABI)
    if Self.isSentinelName(name) && grew {
      add(
        .sentinelChanged, .compatible, name, old: Self.show(oRef), new: Self.show(nRef),
        note: "a count or limit that grew",
        abis: perABI.map(\.0), facts: facts, at: at)
    } else {
      add(
        .constantChanged, .abiBreak, name, old: Self.show(oRef), new: Self.show(nRef),
        note: "binaries carry the old value",
        abis: perABI.map(\.0), facts: facts, at: at)
    }
  }

  /// The command number and argument size on each ABI.
  private func ioctlNumbers(_ name: String, _ table: MacroTable) -> [ABIFact] {
    var perABI: [(ABI, String)] = []
    for abi in abis {
      guard let c = table.byABI[name]?[abi]?.ioctl, let v = c.numbers[.generic] else { continue }
      perABI.append((abi, "\(Self.hex(v)), size \(c.size)"))
    }
    return ABIFact.grouped(perABI)
  }

  private mutating func compareIoctl(_ name: String, _ before: MacroTable, _ after: MacroTable) {
    guard let oRef = before.byABI[name]?[oldRef.abi]?.ioctl, let nRef = after.byABI[name]?[newRef.abi]?.ioctl,
      let decl = after.byABI[name]?[newRef.abi]
    else { return }
    let at = location(newRef, decl.location)
    var numberFacts: [(ABI, String)] = []
    var sizeFacts: [(ABI, String)] = []
    var sizeABIs: [ABI] = []
    var grew = true
    for abi in abis {
      guard let o = before.byABI[name]?[abi]?.ioctl, let n = after.byABI[name]?[abi]?.ioctl else { continue }
      let on = o.numbers[.generic] ?? 0
      let nn = n.numbers[.generic] ?? 0
      if on != nn { numberFacts.append((abi, "\(Self.hex(on)) → \(Self.hex(nn))")) }
      if o.size != n.size {
        sizeABIs.append(abi)
        sizeFacts.append((abi, "size \(o.size) → \(n.size), \(Self.hex(on)) → \(Self.hex(nn))"))
        if n.size < o.size { grew = false }
      }
    }
    if oRef.direction != nRef.direction {
      add(
        .ioctlDirectionChanged, .abiBreak, name, old: Self.ioctlSpelling(oRef), new: Self.ioctlSpelling(nRef),
        note: "direction \(oRef.direction.rawValue) → \(nRef.direction.rawValue) changes the command number",
        facts: ABIFact.grouped(numberFacts), at: at)
    }
    if oRef.type != nRef.type || oRef.nr != nRef.nr {
      add(
        .ioctlNumberChanged, .abiBreak, name, old: Self.ioctlSpelling(oRef), new: Self.ioctlSpelling(nRef),
        note: "magic or command index changed", facts: ABIFact.grouped(numberFacts), at: at)
    }
    if !sizeABIs.isEmpty {
      let argument = nRef.argument ?? "argument"
      let what = grew ? "grew" : "changed size"
      let oldText = "\(oRef.argument ?? "argument"), \(oRef.size) bytes"
      let newText = "\(argument), \(nRef.size) bytes"
      if options.sizeTolerantDispatch {
        add(
          .ioctlSizeChanged, .compatible, name, old: oldText, new: newText,
          note:
            "\(argument) \(what); the driver dispatches on _IOC_NR and zero-fills, but new userspace must be able to tell an old kernel ignores the new fields (I8)",
          abis: sizeABIs, facts: ABIFact.grouped(sizeFacts), at: at)
      } else {
        add(
          .ioctlSizeChanged, .abiBreak, name, old: oldText, new: newText,
          note: "\(argument) \(what), so the command number changed (I8)", abis: sizeABIs,
          facts: ABIFact.grouped(sizeFacts), at: at)
      }
    }
    if oRef.argument != nRef.argument && sizeABIs.isEmpty && oRef.direction == nRef.direction && oRef.type == nRef.type
      && oRef.nr == nRef.nr
    {
      add(
        .ioctlArgumentChanged, .compatible, name, old: oRef.argument ?? "none", new: nRef.argument ?? "none",
        note: "same size on every ABI, same command number", at: at)
    }
  }
}

extension String {
  var trimmed: String {
    var s = Substring(self)
    while s.first?.isWhitespace == true { s = s.dropFirst() }
    while s.last?.isWhitespace == true { s = s.dropLast() }
    return String(s)
  }
}
