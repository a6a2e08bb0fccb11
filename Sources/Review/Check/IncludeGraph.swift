/// Which headers of a set include which, read from their `#include` lines: enough to know
/// which unchanged headers can still lay out differently because something they include did.
struct IncludeGraph {
  /// Header key → keys of the set it includes.
  private var includes: [String: Set<String>] = [:]

  init(_ headers: [HeaderSet.Header]) {
    let keys = Set(headers.map(\.key))
    for h in headers {
      let dir = h.key.split(separator: "/").dropLast().joined(separator: "/")
      var found: Set<String> = []
      for name in Self.includedNames(h.text) {
        // A quoted include is looked for beside the header first; an angled one may name the
        // set's folder itself (`<linux/b.h>` when the set is `.../linux`): try its tails too.
        let parts = name.split(separator: "/")
        let tails = parts.indices.map { parts[$0...].joined(separator: "/") }
        for candidate in [dir.isEmpty ? name : dir + "/" + name] + tails where keys.contains(candidate) {
          found.insert(candidate)
        }
      }
      includes[h.key] = found
    }
  }

  /// The names of `#include` and `#include_next` lines, scanned as bytes: a uAPI set is a
  /// thousand headers and splitting them into Characters cost a tenth of a second.
  static func includedNames(_ text: String) -> [String] {
    var text = text
    return text.withUTF8 { b in
      var names: [String] = []
      var i = 0
      func skipBlanks() { while i < b.count, b[i] == 0x20 || b[i] == 0x09 { i += 1 } }
      func matches(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard i + n <= b.count else { return false }
        for k in 0..<n where b[i + k] != word.utf8Start[k] { return false }
        return true
      }
      while i < b.count {
        skipBlanks()
        if i < b.count, b[i] == UInt8(ascii: "#") {
          i += 1
          skipBlanks()
          if matches("include") {
            i += matches("include_next") ? 12 : 7
            skipBlanks()
            if i < b.count, b[i] == UInt8(ascii: "<") || b[i] == UInt8(ascii: "\"") {
              let close = b[i] == UInt8(ascii: "<") ? UInt8(ascii: ">") : UInt8(ascii: "\"")
              i += 1
              let start = i
              while i < b.count, b[i] != close, b[i] != 0x0A { i += 1 }
              names.append(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self))
            }
          }
        }
        while i < b.count, b[i] != 0x0A { i += 1 }
        i += 1
      }
      return names
    }
  }

  /// `changed` and every header that includes one of them, directly or not.
  func dependents(of changed: Set<String>) -> Set<String> {
    var result = changed
    var grew = true
    while grew {
      grew = false
      for (key, deps) in includes where !result.contains(key) && !deps.isDisjoint(with: result) {
        result.insert(key)
        grew = true
      }
    }
    return result
  }
}
