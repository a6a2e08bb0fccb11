/// The uAPI reference of one header as the series leaves it: constants, ioctls, types and
/// their layouts on every ABI.
public struct HeaderReport: Sendable, Codable {
  public var path: String
  /// The version and patch whose state this is (`v6 2/2`), or `base`.
  public var state: String
  /// Only hunks were known (no base): the reference lists what the hunks add.
  public var fragmentsOnly: Bool
  public var overview: String?
  public var ioctls: [IoctlReport]
  public var constants: [ConstantReport]
  public var types: [TypeReport]
  public var enums: [EnumReport]
  /// What the newest version's patches add to this header, line by line with the patch that
  /// adds each (`v6 1/2`): without a base tree, the reviewer's view of the change.
  public var additions: [Addition] = []

  public struct Addition: Sendable, Codable, Hashable {
    public var patch: String
    /// The mail page the line is on.
    public var page: String
    public var line: PatchLine

    public init(patch: String, page: String, line: PatchLine) {
      self.patch = patch
      self.page = page
      self.line = line
    }
  }

  public init(
    path: String, state: String, fragmentsOnly: Bool, overview: String?, ioctls: [IoctlReport],
    constants: [ConstantReport], types: [TypeReport], enums: [EnumReport]
  ) {
    self.path = path
    self.state = state
    self.fragmentsOnly = fragmentsOnly
    self.overview = overview
    self.ioctls = ioctls
    self.constants = constants
    self.types = types
    self.enums = enums
  }
}

public struct IoctlReport: Sendable, Codable {
  public var name: String
  public var line: Int
  /// `_IOWR`.
  public var builder: String
  public var direction: String
  /// `'H'` and `0x07`.
  public var type: String
  public var nr: String
  public var argument: String?
  /// The number per `_IOC` encoding family (generic, powerpc/mips/alpha, sparc, parisc).
  public var numbers: [NamedValue]
  /// The argument size per ABI, `x86_64 40`.
  public var sizes: [NamedValue]
  public var doc: String?
  /// The opcodes the argument's op field takes, with the union member each uses.
  public var opcodes: [OpcodeReport]
  /// What the reference driver does with which input (conformance scenarios).
  public var behaviour: [String]

  public init(
    name: String, line: Int, builder: String, direction: String, type: String, nr: String, argument: String?,
    numbers: [NamedValue], sizes: [NamedValue], doc: String?, opcodes: [OpcodeReport], behaviour: [String]
  ) {
    self.name = name
    self.line = line
    self.builder = builder
    self.direction = direction
    self.type = type
    self.nr = nr
    self.argument = argument
    self.numbers = numbers
    self.sizes = sizes
    self.doc = doc
    self.opcodes = opcodes
    self.behaviour = behaviour
  }
}

public struct NamedValue: Sendable, Codable, Hashable {
  public var name: String
  public var value: String

  public init(name: String, value: String) {
    self.name = name
    self.value = value
  }
}

public struct OpcodeReport: Sendable, Codable, Hashable {
  public var name: String
  public var value: String
  /// The union members an opcode's arguments live in (`in.export_dmabuf_fd`, `out.fd`), guessed
  /// from names and docs.
  public var members: [String]
  public var doc: String?

  public init(name: String, value: String, members: [String], doc: String?) {
    self.name = name
    self.value = value
    self.members = members
    self.doc = doc
  }
}

public struct ConstantReport: Sendable, Codable, Hashable {
  public var name: String
  public var line: Int
  /// The body as written.
  public var body: String
  /// Decimal and hex, or nil when not an integer constant.
  public var value: String?
  public var doc: String?
  /// A flags group (`HL_MEM_*` bits) or opcode group, when the name's prefix says so.
  public var group: String?

  public init(name: String, line: Int, body: String, value: String?, doc: String?, group: String?) {
    self.name = name
    self.line = line
    self.body = body
    self.value = value
    self.doc = doc
    self.group = group
  }
}

public struct EnumReport: Sendable, Codable, Hashable {
  public var name: String
  public var line: Int
  public var doc: String?
  public var values: [NamedValue]

  public init(name: String, line: Int, doc: String?, values: [NamedValue]) {
    self.name = name
    self.line = line
    self.doc = doc
    self.values = values
  }
}

/// A struct or union with its layout on each ABI.
public struct TypeReport: Sendable, Codable {
  public var name: String
  public var line: Int
  public var doc: String?
  public var layouts: [LayoutReport]
  /// True when every ABI lays it out the same (one table and picture is then enough).
  public var sameOnAllABIs: Bool

  public init(name: String, line: Int, doc: String?, layouts: [LayoutReport], sameOnAllABIs: Bool) {
    self.name = name
    self.line = line
    self.doc = doc
    self.layouts = layouts
    self.sameOnAllABIs = sameOnAllABIs
  }
}

public struct LayoutReport: Sendable, Codable, Hashable {
  /// `x86_64`, or all ABIs' names joined when they agree.
  public var abi: String
  public var size: Int
  public var alignment: Int
  public var rows: [LayoutRow]
  /// Bytes of holes and tail padding.
  public var padding: Int
  /// ABIs of the group that align the type differently (`4 on i386`).
  public var alignmentNote: String?

  public init(abi: String, size: Int, alignment: Int, rows: [LayoutRow], padding: Int, alignmentNote: String? = nil) {
    self.abi = abi
    self.size = size
    self.alignment = alignment
    self.rows = rows
    self.padding = padding
    self.alignmentNote = alignmentNote
  }
}

public struct LayoutRow: Sendable, Codable, Hashable {
  public var offset: Int
  public var size: Int
  /// `in.op`; empty for a hole.
  public var name: String
  public var type: String
  /// Nesting below the record (members of inline structs and unions).
  public var depth: Int
  public var isHole: Bool
  /// A member of a union: it overlaps its siblings.
  public var inUnion: Bool
  public var bitWidth: Int?

  public init(offset: Int, size: Int, name: String, type: String, depth: Int, isHole: Bool, inUnion: Bool, bitWidth: Int? = nil) {
    self.offset = offset
    self.size = size
    self.name = name
    self.type = type
    self.depth = depth
    self.isHole = isHole
    self.inUnion = inUnion
    self.bitWidth = bitWidth
  }
}
