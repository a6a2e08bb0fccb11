public import Diagnostics
public import UAPIModel

/// How a change to a uAPI header affects existing userspace.
///
/// From harmless to fatal (kernel policy: `UAPI-RULES.md` I8/I9, and Greg KH's "adding new enums is not [a break].
/// Using a reserved field is not. Reordering existing members IS.").
public enum CompatVerdict: String, Sendable, Codable, Hashable, Comparable, CaseIterable {
  /// Something new: old binaries and old sources are unaffected.
  case addition
  /// An existing thing changed in a way old binaries and sources keep working with.
  case compatible
  /// Old binaries keep working, but sources using the old spelling no longer compile.
  case sourceBreak = "source-break"
  /// Old binaries pass or read bytes that now mean something else, or commands the kernel no
  /// longer recognises.
  case abiBreak = "abi-break"

  private var rank: Int {
    switch self {
    case .addition: 0
    case .compatible: 1
    case .sourceBreak: 2
    case .abiBreak: 3
    }
  }

  public static func < (a: CompatVerdict, b: CompatVerdict) -> Bool { a.rank < b.rank }

  /// Breaks are errors; everything else is a note for the changelog.
  public var severity: Severity {
    switch self {
    case .addition, .compatible: .note
    case .sourceBreak, .abiBreak: .error
    }
  }
}

/// The kinds of change the classifier tells apart.
///
/// The raw value is the stable rule id that
/// findings, waivers and fixtures use.
public enum ABIChangeKind: String, Sendable, Codable, Hashable, CaseIterable {
  case constantAdded = "ABI.constant-added"
  case constantRemoved = "ABI.constant-removed"
  case constantRenamed = "ABI.constant-renamed"
  case constantChanged = "ABI.constant-changed"
  /// A `*_MAX`/`*_COUNT`/`__*_LAST` sentinel that moved because values were added before it.
  case sentinelChanged = "ABI.sentinel-changed"
  /// A macro without an integer value (function-like, or text) whose definition changed.
  case macroChanged = "ABI.macro-changed"
  case ioctlAdded = "ABI.ioctl-added"
  case ioctlRemoved = "ABI.ioctl-removed"
  case ioctlDirectionChanged = "ABI.ioctl-direction-changed"
  case ioctlSizeChanged = "ABI.ioctl-size-changed"
  /// The magic (type) or the command index (nr) changed.
  case ioctlNumberChanged = "ABI.ioctl-number-changed"
  /// The argument is spelled differently but has the same size everywhere.
  case ioctlArgumentChanged = "ABI.ioctl-argument-changed"
  case typeAdded = "ABI.type-added"
  case typeRemoved = "ABI.type-removed"
  case typeRenamed = "ABI.type-renamed"
  case typeSizeChanged = "ABI.type-size-changed"
  case typedefChanged = "ABI.typedef-changed"
  case memberAdded = "ABI.member-added"
  /// A member added before existing ones, which moved.
  case memberInserted = "ABI.member-inserted"
  case memberRemoved = "ABI.member-removed"
  case memberRenamed = "ABI.member-renamed"
  case memberRetyped = "ABI.member-retyped"
  /// Same type spelling, different size (the type it names changed).
  case memberResized = "ABI.member-resized"
  case memberMoved = "ABI.member-moved"
  case membersReordered = "ABI.members-reordered"
  case reservedFieldUsed = "ABI.reserved-field-used"
  case flexibleArrayConverted = "ABI.flexible-array-converted"
  case enumeratorAdded = "ABI.enumerator-added"
  case enumeratorRemoved = "ABI.enumerator-removed"
  case enumeratorRenamed = "ABI.enumerator-renamed"
  case enumeratorValueChanged = "ABI.enumerator-value-changed"
}

/// A fact about one change that holds on a set of ABIs (`i386: offset 4 → 12`).
public struct ABIFact: Sendable, Hashable, Codable {
  public var abis: [ABI]
  public var text: String

  public init(abis: [ABI], text: String) {
    self.abis = abis
    self.text = text
  }

  /// `x86_64, i386: offset 4 → 12`, or `all ABIs: …` when it holds on every ABI compared.
  public func rendered(allABIs: [ABI]) -> String {
    let who = abis == allABIs && allABIs.count > 1 ? "all ABIs" : abis.map(\.rawValue).joined(separator: ", ")
    return "\(who): \(text)"
  }

  /// Groups per-ABI texts into facts, ABIs with the same text together, in ABI order.
  public static func grouped(_ perABI: [(ABI, String)]) -> [ABIFact] {
    var facts: [ABIFact] = []
    for (abi, text) in perABI {
      if let i = facts.firstIndex(where: { $0.text == text }) {
        facts[i].abis.append(abi)
      } else {
        facts.append(ABIFact(abis: [abi], text: text))
      }
    }
    return facts
  }
}

/// One classified change between an old and a new header.
public struct ABIChange: Sendable, Hashable, Codable {
  public var kind: ABIChangeKind
  public var verdict: CompatVerdict
  /// What changed, as C names it: `struct hl_mem_out.fd`, `HL_IOCTL_MEMORY`, `enum hl_op.HL_OP_X`.
  public var symbol: String
  /// The old state (`__u64`), nil for an addition.
  public var old: String?
  /// The new state (`__s32`), nil for a removal.
  public var new: String?
  /// Why the verdict is what it is (`little-endian only: …`), when that needs saying.
  public var note: String?
  /// The ABIs on which the change has an effect.
  public var abis: [ABI]
  /// Per-ABI facts (offsets, sizes, numbers), ABIs with equal facts grouped.
  public var facts: [ABIFact]
  /// In the new header, or in the old one for a removal.
  public var location: SourceLocation?

  public init(
    kind: ABIChangeKind, verdict: CompatVerdict, symbol: String, old: String? = nil, new: String? = nil,
    note: String? = nil, abis: [ABI], facts: [ABIFact] = [], location: SourceLocation? = nil
  ) {
    self.kind = kind
    self.verdict = verdict
    self.symbol = symbol
    self.old = old
    self.new = new
    self.note = note
    self.abis = abis
    self.facts = facts
    self.location = location
  }

  /// `old → new`, `removed (old)`, `added (new)`.
  public var transition: String {
    switch (old, new) {
    case (let o?, let n?): "\(o) → \(n)"
    case (let o?, nil): "removed (\(o))"
    case (nil, let n?): "added (\(n))"
    case (nil, nil): "changed"
    }
  }

  /// The semantic changelog line: "`hl_mem_out.fd`: `__u64` → `__s32`".
  public var changelogLine: String {
    let name = "`\(Self.shortSymbol(symbol))`"
    switch (old, new) {
    case (let o?, let n?): return "\(name): `\(o)` → `\(n)`"
    case (let o?, nil): return "\(name): removed (was `\(o)`)"
    case (nil, let n?): return "\(name): added (`\(n)`)"
    case (nil, nil): return "\(name): changed"
    }
  }

  /// The verdict line the fixtures record: `verdict kind symbol: transition — note`.
  public var verdictLine: String {
    var line = "\(verdict.rawValue) \(kind.rawValue) \(symbol): \(transition)"
    if let note { line += " — \(note)" }
    return line
  }

  /// The change as a finding every output format can render.
  ///
  /// Breaks are errors, the rest notes.
  public func finding(allABIs: [ABI] = ABI.allCases) -> RuleFinding {
    var message = "\(verdictName): \(symbol): \(transition)"
    if let note { message += " (\(note))" }
    return RuleFinding(
      rule: kind.rawValue, severity: verdict.severity, message: message, location: location,
      help: ABIChange.help[kind], evidence: facts.map { $0.rendered(allABIs: allABIs) })
  }

  private var verdictName: String {
    switch verdict {
    case .addition: "uAPI addition"
    case .compatible: "compatible uAPI change"
    case .sourceBreak: "uAPI source break"
    case .abiBreak: "uAPI ABI break"
    }
  }

  /// `struct hl_mem_out.fd` → `hl_mem_out.fd`: the changelog leaves out the keyword.
  static func shortSymbol(_ s: String) -> String {
    for keyword in ["struct ", "union ", "enum "] where s.hasPrefix(keyword) {
      return String(s.dropFirst(keyword.count))
    }
    return s
  }

  static let help: [ABIChangeKind: String] = [
    .constantRemoved: "Userspace that names the constant no longer compiles (UAPI-RULES.md I9).",
    .constantRenamed: "A rename keeps the value but breaks every source that uses the old name (I9).",
    .constantChanged: "Binaries carry the old value; never renumber existing commands, opcodes or flag bits (I9).",
    .sentinelChanged: "A *_MAX/*_COUNT/__*_LAST sentinel moves when values are appended; that is expected.",
    .macroChanged: "The expansion compiled into existing binaries differs from the new one.",
    .ioctlRemoved: "Existing binaries still issue the command (I9).",
    .ioctlDirectionChanged: "The direction bits are part of the command number; old binaries send the old number (I8).",
    .ioctlSizeChanged:
      "The argument size is encoded in the command number; a driver matching full numbers no longer recognises old binaries (I8).",
    .ioctlNumberChanged: "Existing binaries send the old command number (I8, I9).",
    .typeRemoved: "Userspace that names the type no longer compiles (I9).",
    .typeRenamed: "The layout is kept, but sources using the old name break (I9).",
    .memberInserted: "Only add fields at the end; inserting moves every member after it (I9).",
    .memberRemoved: "Existing binaries still read or write the member (I9).",
    .memberRenamed: "The ABI is kept but sources using the old name break (I9, e.g. export_dmabuf_fd.handle → addr).",
    .memberRetyped: "Never retype existing members (I9); some retypes keep the bytes, the facts say which.",
    .memberResized: "The member's type changed size underneath it (I9).",
    .memberMoved: "Existing binaries read and write the member at its old offset (I9).",
    .membersReordered: "Never reorder existing members (I9).",
    .reservedFieldUsed:
      "Compatible only if the kernel rejected non-zero values in the reserved bytes before (F1); otherwise old binaries may pass garbage there.",
    .flexibleArrayConverted: "A [0]/[1] trailing array turned into a C99 flexible array member: the same ABI.",
    .enumeratorRemoved: "Userspace that names the value no longer compiles (I9).",
    .enumeratorRenamed: "The value is kept but sources using the old name break (I9).",
    .enumeratorValueChanged: "Binaries carry the old value; never renumber existing values (I9).",
  ]
}

/// Every change between two versions of one header (or of a header and the one it moved to).
public struct ABIDiff: Sendable, Hashable, Codable {
  public var oldPath: String
  public var newPath: String
  /// The ABIs both versions were read on.
  public var abis: [ABI]
  public var changes: [ABIChange]

  public init(oldPath: String, newPath: String, abis: [ABI], changes: [ABIChange]) {
    self.oldPath = oldPath
    self.newPath = newPath
    self.abis = abis
    self.changes = changes
  }

  /// The header moved (or was compared against another header on purpose).
  public var isMove: Bool { oldPath != newPath }

  /// The worst verdict, nil when nothing changed.
  public var verdict: CompatVerdict? { changes.map(\.verdict).max() }

  public var hasBreak: Bool { changes.contains { $0.verdict >= .sourceBreak } }

  public var findings: [RuleFinding] { changes.map { $0.finding(allABIs: abis) } }

  /// One changelog line per change, in report order.
  public var changelog: [String] { changes.map(\.changelogLine) }

  /// The verdict lines with their per-ABI facts indented below, as the fixtures record them.
  public var report: String {
    var out = ""
    for change in changes {
      out += change.verdictLine + "\n"
      for fact in change.facts { out += "  " + fact.rendered(allABIs: abis) + "\n" }
      if let location = change.location { out += "  at \(location)\n" }
    }
    return out
  }
}
