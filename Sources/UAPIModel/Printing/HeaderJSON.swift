public import Diagnostics
public import Foundation

/// The `--format json` contract for `uapi-review header`. Bump `currentVersion` when a field
/// changes meaning or goes away; adding a field keeps the version.
public struct HeaderReportJSON: Codable, Sendable {
  public static let currentVersion = 1

  public var schemaVersion: Int
  public var abis: [String]
  public var headers: [Header]
  public var diagnostics: [DiagnosticJSON]

  public struct Header: Codable, Sendable {
    public var path: String
    public var units: [Unit]
  }

  public struct Unit: Codable, Sendable {
    public var abi: String
    public var constants: [Constant]
    public var macros: [Macro]
    public var ioctls: [Ioctl]
    public var types: [TypeEntry]
    public var enums: [Enum]
    public var typedefs: [Typedef]
    public var functions: [Function]
    public var includes: [Include]
  }

  public struct Constant: Codable, Sendable {
    public var name: String
    /// Signed or unsigned as its C type says.
    public var value: JSONInteger
    public var type: String
    public var line: Int
    public var doc: String?
  }

  public struct Macro: Codable, Sendable {
    public var name: String
    public var text: String
    public var functionLike: Bool
    public var parameters: [String]?
    public var line: Int
  }

  public struct Ioctl: Codable, Sendable {
    public var name: String
    public var builder: String
    public var direction: String
    public var type: UInt64
    public var nr: UInt64
    public var argumentType: String?
    public var argumentIsType: Bool
    public var size: UInt64
    public var numbers: [String: UInt64]
    public var line: Int
  }

  public struct TypeEntry: Codable, Sendable {
    public var kind: String
    public var name: String?
    public var spelling: String?
    public var size: Int?
    public var alignment: Int?
    public var line: Int
    public var doc: String?
    public var members: [MemberEntry]
    public var holes: [HoleEntry]
    public var tailPadding: Int?
    public var unsupported: String?
  }

  public struct MemberEntry: Codable, Sendable {
    public var name: String?
    public var path: String?
    public var type: String
    public var offset: Int
    public var size: Int
    public var bitOffset: Int?
    public var bitWidth: Int?
    public var depth: Int
    public var flexible: Bool
    public var doc: String?
  }

  public struct HoleEntry: Codable, Sendable {
    public var offset: Int
    public var size: Int
    public var bits: Int
  }

  public struct Enum: Codable, Sendable {
    public var name: String?
    public var enumerators: [Enumerator]
    public var line: Int
  }

  public struct Enumerator: Codable, Sendable {
    public var name: String
    public var value: Int64?
  }

  public struct Typedef: Codable, Sendable {
    public var name: String
    public var type: String
    public var aligned: Int?
    public var line: Int
  }

  public struct Function: Codable, Sendable {
    public var name: String
    public var isFunction: Bool
    public var text: String
    public var line: Int
  }

  public struct Include: Codable, Sendable {
    public var name: String
    public var angled: Bool
    public var resolved: String?
    public var line: Int
  }
}

/// A 64-bit integer that is signed or unsigned as its C type is, encoded as a plain JSON number.
public enum JSONInteger: Codable, Sendable, Hashable {
  case signed(Int64)
  case unsigned(UInt64)

  public func encode(to encoder: Encoder) throws {
    var c = encoder.singleValueContainer()
    switch self {
    case .signed(let v): try c.encode(v)
    case .unsigned(let v): try c.encode(v)
    }
  }

  public init(from decoder: Decoder) throws {
    let c = try decoder.singleValueContainer()
    if let v = try? c.decode(Int64.self) { self = .signed(v) } else { self = .unsigned(try c.decode(UInt64.self)) }
  }
}

extension HeaderReportJSON {
  /// The report as JSON text: keys sorted so the same input gives the same bytes, except that
  /// `schemaVersion` comes first so a reader can check it before anything else.
  public func encoded() throws -> Data {
    try VersionedJSON.encode(Body(abis: abis, diagnostics: diagnostics, headers: headers), schemaVersion: schemaVersion)
  }

  /// Everything but the version, which `encoded()` writes first by hand.
  private struct Body: Encodable {
    var abis: [String]
    var diagnostics: [DiagnosticJSON]
    var headers: [Header]
  }

  public init(result: LoadResult, abis: [ABI]) {
    schemaVersion = HeaderReportJSON.currentVersion
    self.abis = abis.map(\.rawValue)
    headers = result.headers.map { h in Header(path: h.path, units: h.units.map(Unit.init)) }
    diagnostics = result.diagnostics.map(DiagnosticJSON.init)
  }
}

extension HeaderReportJSON.Unit {
  init(_ unit: HeaderUnit) {
    let speller = unit.speller
    abi = unit.abi.rawValue
    constants = unit.macros.compactMap { m in
      guard let v = m.value else { return nil }
      return .init(
        name: m.name, value: v.isSigned ? .signed(v.signed) : .unsigned(v.bits), type: v.type.rawValue,
        line: m.location.line, doc: m.doc?.text)
    }
    macros = unit.macros.filter { $0.value == nil }.map {
      .init(name: $0.name, text: $0.body, functionLike: $0.isFunctionLike, parameters: $0.parameters, line: $0.location.line)
    }
    ioctls = unit.macros.compactMap { m in
      guard let io = m.ioctl else { return nil }
      return .init(
        name: m.name, builder: io.builder, direction: io.direction.rawValue, type: io.type, nr: io.nr,
        argumentType: io.argument, argumentIsType: io.argumentIsType, size: io.size,
        numbers: Dictionary(uniqueKeysWithValues: io.numbers.map { ($0.key.rawValue, $0.value) }), line: m.location.line)
    }
    types = unit.ownRecords.map { r in
      let rec = unit.records[r]
      let layout = unit.layouts[r]
      let docs = MemberDocs(record: rec)
      return .init(
        kind: rec.kind.rawValue, name: rec.tag ?? rec.typedefName, spelling: speller.cName(ofRecord: r),
        size: layout?.size, alignment: layout?.alignment, line: rec.location.line, doc: rec.doc?.summary ?? rec.doc?.text,
        members: (layout?.members ?? []).map {
          .init(
            name: $0.name, path: $0.path, type: $0.type, offset: $0.offset, size: $0.size, bitOffset: $0.bitOffset,
            bitWidth: $0.bitWidth, depth: $0.depth, flexible: $0.isFlexibleArray, doc: docs.text(for: $0, in: unit))
        },
        holes: (layout?.holes ?? []).map { .init(offset: $0.offset, size: $0.bytes, bits: $0.bits) },
        tailPadding: layout?.tailPadding, unsupported: unit.layoutFailures[r])
    }
    enums = unit.ownEnums.map { e in
      let decl = unit.enums[e]
      return .init(
        name: decl.tag ?? decl.typedefName, enumerators: (decl.enumerators ?? []).map { .init(name: $0.name, value: $0.value) },
        line: decl.location.line)
    }
    typedefs = unit.ownTypedefs.map { t in
      let d = unit.typedefs[t]
      return .init(name: d.name, type: speller.spell(d.type), aligned: d.aligned, line: d.location.line)
    }
    functions = unit.functions.filter { unit.isMain($0.location) }.map {
      .init(name: $0.name, isFunction: $0.isFunction, text: $0.text, line: $0.location.line)
    }
    includes = unit.includes.filter { unit.isMain($0.location) }.map {
      .init(name: $0.spelling, angled: $0.isAngled, resolved: $0.resolved, line: $0.location.line)
    }
  }
}
