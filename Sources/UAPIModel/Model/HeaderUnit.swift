import Diagnostics

/// One header read on one ABI: everything the translation unit declared, with the header's own
/// declarations marked by `mainFile`.
public struct HeaderUnit: Sendable {
  public var abi: ABI
  public var path: String
  /// Every file read, by index: `DeclLocation.file` points here.
  public var files: [String]
  public var mainFile: Int
  public var records: [RecordDecl]
  /// Layouts of the header's own complete records that could be laid out, by record index.
  public var layouts: [Int: RecordLayout]
  /// Records that could not be laid out, and why.
  public var layoutFailures: [Int: String]
  public var enums: [EnumDecl]
  public var typedefs: [TypedefDecl]
  public var functions: [FunctionDecl]
  /// The main file's macros still defined at its end, in definition order.
  public var macros: [MacroDecl]
  public var includes: [IncludeDecl]

  public func isMain(_ location: DeclLocation) -> Bool { location.file == mainFile }

  public var speller: TypeSpellerView { TypeSpellerView(records: records, enums: enums, typedefs: typedefs) }

  /// Named records defined in the header itself, in source order (anonymous ones are shown
  /// inside the record that contains them).
  public var ownRecords: [Int] {
    records.indices.filter {
      records[$0].isComplete && isMain(records[$0].location) && (records[$0].tag != nil || records[$0].typedefName != nil)
    }
      .sorted { (records[$0].location.line, records[$0].location.column) < (records[$1].location.line, records[$1].location.column) }
  }

  public var ownEnums: [Int] {
    enums.indices.filter { enums[$0].enumerators != nil && isMain(enums[$0].location) }
  }

  public var ownTypedefs: [Int] { typedefs.indices.filter { isMain(typedefs[$0].location) } }
}

public struct IncludeDecl: Sendable, Codable, Hashable {
  public var spelling: String
  public var isAngled: Bool
  /// The file it resolved to, nil if not found.
  public var resolved: String?
  public var location: DeclLocation
}

/// Public face of the C type printer for renderers.
public struct TypeSpellerView: Sendable {
  let records: [RecordDecl]
  let enums: [EnumDecl]
  let typedefs: [TypedefDecl]

  public func spell(_ type: CType, name: String = "") -> String {
    TypeSpeller(records: records, enums: enums, typedefs: typedefs).spell(type, name: name)
  }

  /// `struct x`, `union y` or the typedef name: how C code names record `r` at file scope.
  public func cName(ofRecord r: Int) -> String? {
    TypeSpeller(records: records, enums: enums, typedefs: typedefs).cSpelling(r)
  }

  public func displayName(ofRecord r: Int) -> String {
    TypeSpeller(records: records, enums: enums, typedefs: typedefs).recordName(r)
  }
}

/// A header on every ABI asked for.
public struct HeaderModel: Sendable {
  public var path: String
  public var units: [HeaderUnit]

  public func unit(_ abi: ABI) -> HeaderUnit? { units.first { $0.abi == abi } }
}
