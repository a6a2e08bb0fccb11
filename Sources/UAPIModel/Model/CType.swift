/// C's arithmetic and special types, named as a C programmer writes them.
public enum BuiltinType: String, Sendable, Codable, Hashable {
  case char = "char"
  case signedChar = "signed char"
  case unsignedChar = "unsigned char"
  case short = "short"
  case unsignedShort = "unsigned short"
  case int = "int"
  case unsignedInt = "unsigned int"
  case long = "long"
  case unsignedLong = "unsigned long"
  case longLong = "long long"
  case unsignedLongLong = "unsigned long long"
  case int128 = "__int128"
  case unsignedInt128 = "unsigned __int128"
  case bool = "_Bool"
  case float = "float"
  case double = "double"
  case longDouble = "long double"
  case float128 = "_Float128"
  case vaList = "__builtin_va_list"

  public var isInteger: Bool {
    switch self {
    case .float, .double, .longDouble, .float128, .vaList: false
    default: true
    }
  }
}

/// A C type as declared. Records, enums and typedefs are referred to by their index in the
/// translation unit's tables, so recursive and forward-declared types need no cycles of values.
public indirect enum CType: Sendable, Hashable {
  case void
  case builtin(BuiltinType)
  case record(Int)
  case enumeration(Int)
  case typedef(Int)
  case pointer(CType)
  /// `count` is nil for a flexible array member `[]` (or `[0]` is count 0).
  case array(CType, count: Int?)
  case function(returns: CType, parameters: [CType], variadic: Bool)
  /// A type that could not be read (the diagnostic says why); lays out as nothing.
  case unknown(String)
}

public enum RecordKind: String, Sendable, Codable, Hashable {
  case `struct`
  case union
}
