import Diagnostics

/// Which definition of a macro a name had: the place it was defined, or none.
struct MacroKey: Hashable {
  var file: Int32
  var offset: Int32

  init?(_ macro: Macro?) {
    guard let macro else { return nil }
    file = macro.file
    offset = macro.offset
  }
}

/// What reading one included file did, and what it depended on, so the next translation unit
/// that includes it in the same circumstances replays the result instead of preprocessing again
/// ("each header parsed once"). The dependency is exact: every macro name the file's
/// preprocessing looked up that it had not defined itself, with the definition it found.
struct IncludeMemo {
  /// Unique within a `SourceCache`: names this result for the parser's prefix snapshots.
  var id: Int
  var reads: [(name: Int32, key: MacroKey?)]
  var writes: [(name: Int32, macro: Macro?)]
  var tokens: [Token]
  var diagnostics: [Diagnostic]
  var guards: [(file: Int32, macro: Int32)]
  var onces: [Int32]
  var used: [(file: Int32, root: Int)]
}

struct IncludeMemoKey: Hashable {
  var abi: ABI
  var file: Int32
}

/// An include being recorded. Only the innermost recording logs; a nested one hands its log to
/// the enclosing one when it ends.
final class IncludeRecording {
  let file: Int32
  let outputStart: Int
  let diagnosticsStart: Int
  @exclusivity(unchecked) var reads: [Int32: MacroKey?] = [:]
  @exclusivity(unchecked) var readOrder: [Int32] = []
  @exclusivity(unchecked) var written: Set<Int32> = []
  @exclusivity(unchecked) var writes: [(name: Int32, macro: Macro?)] = []
  @exclusivity(unchecked) var guards: [(file: Int32, macro: Int32)] = []
  @exclusivity(unchecked) var onces: [Int32] = []
  @exclusivity(unchecked) var used: [(file: Int32, root: Int)] = []
  /// False once the result depended on something outside macros (the include stack).
  @exclusivity(unchecked) var valid = true

  init(file: Int32, outputStart: Int, diagnosticsStart: Int) {
    self.file = file
    self.outputStart = outputStart
    self.diagnosticsStart = diagnosticsStart
  }

  func read(_ name: Int32, _ key: MacroKey?) {
    if written.contains(name) || reads[name] != nil { return }
    reads[name] = .some(key)
    readOrder.append(name)
  }

  /// A nested include's log becomes part of this one's: its reads count unless this recording
  /// had written the name before.
  func absorb(_ child: IncludeRecording) {
    for name in child.readOrder { read(name, child.reads[name]!) }
    written.formUnion(child.written)
    writes += child.writes
    guards += child.guards
    onces += child.onces
    used += child.used
    if !child.valid { valid = false }
  }

  func memo(id: Int, output: [Token], diagnostics: [Diagnostic]) -> IncludeMemo {
    var tokens = Array(output[outputStart...])
    for k in tokens.indices { tokens[k].hideSet = 0 }
    return IncludeMemo(
      id: id, reads: readOrder.map { ($0, reads[$0]!) }, writes: writes, tokens: tokens,
      diagnostics: diagnostics[diagnosticsStart...].filter { !$0.id.hasPrefix("lex.") }, guards: guards, onces: onces,
      used: used)
  }
}

extension Preprocessor {
  /// Every lookup of the macro table goes through here so recordings see what they depend on.
  @inline(__always)
  func macro(_ name: Int32) -> Macro? {
    let m = macros[name]
    if let r = recordings.last { r.read(name, MacroKey(m)) }
    return m
  }

  /// `macro(name) != nil` without copying the macro out of the table (the common answer is no).
  @inline(__always)
  func isMacro(_ name: Int32) -> Bool {
    guard let i = macros.index(forKey: name) else {
      recordings.last?.read(name, nil)
      return false
    }
    if let r = recordings.last { r.read(name, MacroKey(macros.values[i])) }
    return true
  }

  func setMacro(_ name: Int32, _ macro: Macro?) {
    macros[name] = macro
    if let r = recordings.last {
      r.written.insert(name)
      r.writes.append((name, macro))
    }
  }

  /// Replays a memo of `target` whose reads match the current macros; its id, or nil.
  func replayMemo(of target: Int32) -> Int? {
    guard let memos = cache.includeMemos[IncludeMemoKey(abi: abi, file: target)] else { return nil }
    search: for memo in memos {
      for read in memo.reads where MacroKey(macro(read.name)) != read.key { continue search }
      for (file, root) in memo.used { markUsed(file, rootIndex: root) }
      for (name, m) in memo.writes { setMacro(name, m) }
      output += memo.tokens
      diagnostics += memo.diagnostics
      for g in memo.guards { registerGuard(g.file, g.macro) }
      for o in memo.onces { registerOnce(o) }
      return memo.id
    }
    return nil
  }

  /// Runs `target` while recording it; returns the new memo's id when it depended on macros only.
  func runRecorded(_ target: Int32) -> Int? {
    let recording = IncludeRecording(file: target, outputStart: output.count, diagnosticsStart: diagnostics.count)
    recordings.append(recording)
    run(target)
    recordings.removeLast()
    if let parent = recordings.last { parent.absorb(recording) }
    guard recording.valid else { return nil }
    let key = IncludeMemoKey(abi: abi, file: target)
    var list = cache.includeMemos[key] ?? []
    guard list.count < 8 else { return nil }
    cache.nextMemoID += 1
    let memo = recording.memo(id: cache.nextMemoID, output: output, diagnostics: diagnostics)
    list.append(memo)
    cache.includeMemos[key] = list
    return memo.id
  }

  func invalidateRecordings() {
    for r in recordings { r.valid = false }
  }
}
