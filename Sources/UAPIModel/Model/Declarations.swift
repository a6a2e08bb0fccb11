/// Where a declaration was written: an index into `TranslationUnit.files`, and line:column.
public struct DeclLocation: Sendable, Codable, Hashable {
  public var file: Int
  public var line: Int
  public var column: Int

  public init(file: Int, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }
}

/// A documentation comment and, for kernel-doc, its parts.
public struct DocComment: Sendable, Codable, Hashable {
  /// The comment text with the comment markers and leading ` * ` removed.
  public var text: String
  public var isKernelDoc: Bool
  /// kernel-doc `struct name - summary` line: the summary.
  public var summary: String?
  /// kernel-doc `@name: text` entries, in order.
  public var parameters: [Parameter]

  public struct Parameter: Sendable, Codable, Hashable {
    public var name: String
    public var text: String
  }

  public init(text: String, isKernelDoc: Bool, summary: String? = nil, parameters: [Parameter] = []) {
    self.text = text
    self.isKernelDoc = isKernelDoc
    self.summary = summary
    self.parameters = parameters
  }

  public func parameter(_ name: String) -> String? { parameters.first { $0.name == name }?.text }
}

/// `__attribute__((packed))`, `aligned(N)`: the attributes that change a layout.
public struct LayoutAttributes: Sendable, Codable, Hashable {
  public var packed = false
  public var aligned: Int?

  public init(packed: Bool = false, aligned: Int? = nil) {
    self.packed = packed
    self.aligned = aligned
  }
}

public struct Member: Sendable, Hashable {
  /// nil for an anonymous struct/union member or an unnamed bitfield.
  public var name: String?
  public var type: CType
  /// The type as written, e.g. `__u64` or `struct hl_mem_in`, for display.
  public var typeSpelling: String
  public var bitWidth: Int?
  public var attributes: LayoutAttributes
  public var location: DeclLocation
  public var doc: DocComment?
}

public struct RecordDecl: Sendable, Hashable {
  public var kind: RecordKind
  public var tag: String?
  /// The name of `typedef struct { … } name;` when the record has no tag.
  public var typedefName: String?
  /// nil while the record is only declared (`struct foo;` or used before its definition).
  public var members: [Member]?
  public var attributes: LayoutAttributes
  public var location: DeclLocation
  public var doc: DocComment?
  /// Defined inside another record's braces (as a member's type).
  public var isNested: Bool
  /// `#pragma pack(N)` in force where the record was defined.
  public var packLimit: Int? = nil

  public var isComplete: Bool { members != nil }
}

public struct Enumerator: Sendable, Codable, Hashable {
  public var name: String
  public var value: Int64?
  public var location: DeclLocation
  public var doc: DocComment?
}

public struct EnumDecl: Sendable, Hashable {
  public var tag: String?
  public var typedefName: String?
  public var enumerators: [Enumerator]?
  public var attributes: LayoutAttributes
  public var location: DeclLocation
  public var doc: DocComment?
}

public struct TypedefDecl: Sendable, Hashable {
  public var name: String
  public var type: CType
  public var typeSpelling: String
  /// `aligned(N)` on a typedef replaces the type's alignment (gcc lets it lower it, too).
  public var aligned: Int?
  public var location: DeclLocation
  public var doc: DocComment?
}

/// A function prototype or an object declaration: recorded, never laid out (H6).
public struct FunctionDecl: Sendable, Codable, Hashable {
  public var name: String
  public var isFunction: Bool
  public var hasBody: Bool
  public var text: String
  public var location: DeclLocation
}

/// A `#define` as written, with its value when it is an integer constant expression.
public struct MacroDecl: Sendable, Codable, Hashable {
  public var name: String
  public var parameters: [String]?
  public var body: String
  public var location: DeclLocation
  public var doc: DocComment?
  public var value: IntegerValue?
  /// Set when the macro's expansion goes through `_IO`/`_IOR`/`_IOW`/`_IOWR`/`_IOC`.
  public var ioctl: IoctlCommand?

  public var isFunctionLike: Bool { parameters != nil }
}

/// An integer with the C type it has, so `-1` and `0xffffffff` stay apart.
public struct IntegerValue: Sendable, Codable, Hashable {
  /// The value's bits, sign-extended to 64 bits for signed types.
  public var bits: UInt64
  public var type: BuiltinType

  public init(bits: UInt64, type: BuiltinType) {
    self.bits = bits
    self.type = type
  }

  public var isSigned: Bool { type == .int || type == .long || type == .longLong || type == .int128 }
  public var signed: Int64 { Int64(bitPattern: bits) }
  /// The value as C prints it: negative only for a negative signed value.
  public var description: String { isSigned ? String(signed) : String(bits) }
}

/// The ioctl directions, from userspace's point of view (`_IOC_WRITE`: user writes to kernel).
public enum IoctlDirection: String, Sendable, Codable, Hashable {
  case none
  case write
  case read
  case readWrite = "readwrite"

  var writes: Bool { self == .write || self == .readWrite }
  var reads: Bool { self == .read || self == .readWrite }
}

/// An ioctl command number decoded from its `_IOC` arguments.
public struct IoctlCommand: Sendable, Codable, Hashable {
  /// Which macro built it: `_IO`, `_IOR`, `_IOW`, `_IOWR` or `_IOC`.
  public var builder: String
  public var direction: IoctlDirection
  public var type: UInt64
  public var nr: UInt64
  /// The third argument as written, when there is one (normally a type name).
  public var argument: String?
  /// True when the third argument is a type name (I2 wants that, not `sizeof(...)` or a number).
  public var argumentIsType: Bool
  public var argumentIsPointer: Bool
  public var size: UInt64
  /// The command number in each `_IOC` encoding family (§3.2).
  public var numbers: [IoctlEncoding: UInt64]
}
