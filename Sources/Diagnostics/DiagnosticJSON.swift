public import Foundation

/// A diagnostic in the JSON reports of every command.
public struct DiagnosticJSON: Codable, Sendable, Hashable {
  public var severity: String
  public var id: String
  public var message: String
  public var file: String?
  public var line: Int?
  public var column: Int?

  public init(_ d: Diagnostic) {
    severity = d.severity.rawValue
    id = d.id
    message = d.message
    file = d.location?.file
    line = d.location?.line
    column = d.location?.column
  }
}

/// JSON with `schemaVersion` as its first key and every other key sorted, so output is a
/// byte-stable contract (`STYLE.md`: the version comes first).
public enum VersionedJSON {
  public static func encode<Body: Encodable>(_ body: Body, schemaVersion: Int) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let encoded = try encoder.encode(body)
    // encoded is "{\n  ...": put the version line right after the opening brace.
    var out = Data("{\n  \"schemaVersion\" : \(schemaVersion),\n".utf8)
    out.append(encoded.dropFirst(2))
    out.append(UInt8(ascii: "\n"))
    return out
  }
}
