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
