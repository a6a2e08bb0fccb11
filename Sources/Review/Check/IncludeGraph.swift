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
      for line in h.text.split(separator: "\n") {
        let t = line.drop { $0 == " " || $0 == "\t" }
        guard t.hasPrefix("#") else { continue }
        let directive = t.dropFirst().drop { $0 == " " || $0 == "\t" }
        guard directive.hasPrefix("include") else { continue }
        let rest = directive.dropFirst(directive.hasPrefix("include_next") ? 12 : 7).drop { $0 == " " || $0 == "\t" }
        guard let open = rest.first, open == "<" || open == "\"" else { continue }
        let close: Character = open == "<" ? ">" : "\""
        let name = String(rest.dropFirst().prefix { $0 != close })
        // A quoted include is looked for beside the header first; both spellings map onto
        // paths relative to the set's root.
        for candidate in [name, dir.isEmpty ? name : dir + "/" + name] where keys.contains(candidate) {
          found.insert(candidate)
        }
      }
      includes[h.key] = found
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
