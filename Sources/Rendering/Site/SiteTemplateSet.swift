import Foundation
import SiteTemplates

/// The templates and assets the site is written with: the built-in ones (Templates/), each
/// replaced by a file of the same relative path in `--templates DIR` when there is one.
public struct SiteTemplateSet: Sendable {
  /// `pages/mail.mustache`, `assets/style.css` → contents.
  public var files: [String: String]
  /// Where a replaced file was read from, for messages about it.
  public var paths: [String: String] = [:]

  public static var builtIn: SiteTemplateSet {
    var count = 0
    guard let table = site_templates(&count) else { return SiteTemplateSet(files: [:]) }
    var files: [String: String] = [:]
    for k in 0..<count {
      let t = table[k]
      let bytes = UnsafeBufferPointer(start: t.bytes, count: t.length)
      files[String(cString: t.name)] = String(decoding: bytes, as: UTF8.self)
    }
    return SiteTemplateSet(files: files)
  }

  /// The built-in set with every file `directory` has at the same relative path put in its
  /// place; files the built-in set does not have are reported, not used.
  public static func overridden(by directory: String) throws -> (SiteTemplateSet, unknown: [String]) {
    var set = builtIn
    var unknown: [String] = []
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw SiteError("\(directory): not a folder of templates")
    }
    let found = (FileManager.default.enumerator(atPath: directory)?.allObjects as? [String] ?? []).sorted()
    for rel in found {
      guard set.files[rel] != nil else {
        if rel.hasSuffix(".mustache") || rel.hasSuffix(".css") || rel.hasSuffix(".js") { unknown.append(rel) }
        continue
      }
      guard let data = FileManager.default.contents(atPath: directory + "/" + rel) else { throw SiteError("\(directory)/\(rel): cannot read") }
      set.files[rel] = String(decoding: data, as: UTF8.self)
      set.paths[rel] = directory + "/" + rel
    }
    return (set, unknown)
  }

  func page(_ name: String) -> String { files["pages/\(name).mustache"] ?? "" }
  func asset(_ name: String) -> String { files["assets/\(name)"] ?? "" }
}

public struct SiteError: Error, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}
