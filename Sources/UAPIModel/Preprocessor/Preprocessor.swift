import Diagnostics
import Foundation

/// One `#include` as written, for the model.
struct IncludeRecord {
  var file: Int32
  var offset: Int32
  var spelling: String
  var isAngled: Bool
  var target: Int32?
}

/// The C preprocessor subset uAPI headers need, for one ABI and one main file.
///
/// Conditionals, object- and function-like macros (stringify, paste, variadic, GNU comma
/// pasting), `#include`/`#include_next` against include roots with include-guard and
/// `#pragma once` skipping. It never throws: everything wrong becomes a diagnostic and the rest is
/// still read. Limits (include depth, macro expansion size and nesting) turn runaway input into a
/// diagnostic instead of a hang or a stack overflow.
///
/// Hot state is marked `@exclusivity(unchecked)`: an instance belongs to one thread and its
/// properties are never accessed overlapping, so the runtime checks (a tenth of the time) buy
/// nothing here. The same holds for `UnitParser`, `Interner`, `SourceCache` and `IncludeRecording`.
final class Preprocessor {
  /// Stands for `#pragma pack` in the token stream the parser reads.
  static let pragmaPackMarker = "#pragma pack"

  let abi: ABI
  let limits: InputLimits
  let interner: Interner
  let roots: [IncludeRoot]
  let cache: SourceCache
  /// Index of the include root each file was found in, for `#include_next`; -1 if given directly.
  @exclusivity(unchecked) private var rootIndexOf: [Int32: Int] = [:]
  /// Files this unit has read, so a cached file's lexical diagnostics are reported once per unit.
  @exclusivity(unchecked) private var seenFiles: Set<Int32> = []
  /// Includes being recorded for the memo, outermost first.
  @exclusivity(unchecked) var recordings: [IncludeRecording] = []
  /// The memo ids of the main file's leading includes while nothing else has reached the output;
  /// the parser snapshots its state after that prefix (see `prefixTokenCount`).
  @exclusivity(unchecked) var prefixChain: [Int] = []
  /// Output tokens that came from `prefixChain`; nil once the prefix can grow no more.
  @exclusivity(unchecked) var prefixOpen = true
  @exclusivity(unchecked) var prefixTokenCount = 0
  @exclusivity(unchecked) private var guardOf: [Int32: Int32] = [:]
  @exclusivity(unchecked) private var onceFiles: Set<Int32> = []
  @exclusivity(unchecked) private var includeStack: [Int32] = []

  @exclusivity(unchecked) var macros: [Int32: Macro] = [:]
  @exclusivity(unchecked) var events: [MacroEvent] = []
  var includes: [IncludeRecord] = []
  @exclusivity(unchecked) var output: [Token] = []
  @exclusivity(unchecked) var diagnostics: [Diagnostic] = []
  @exclusivity(unchecked) var hideSets = HideSets()

  // Conditional state.
  struct Conditional {
    var file: Int32
    var offset: Int32
    var parentActive: Bool
    var taken: Bool
    var active: Bool
    var sawElse: Bool
  }
  @exclusivity(unchecked) var conditionals: [Conditional] = []
  var active: Bool { conditionals.last?.active ?? true }

  // Expansion state (see MacroExpansion.swift).
  @exclusivity(unchecked) var pending: [Token] = []
  @exclusivity(unchecked) var fileTokens: [Token] = []
  @exclusivity(unchecked) var fileCursor = 0
  @exclusivity(unchecked) var fileAccess = false
  @exclusivity(unchecked) var expansionDepth = 0
  @exclusivity(unchecked) var expansionBudget = 0
  /// Expansions left in this unit (`InputLimits.macroExpansions`); reported once when spent.
  @exclusivity(unchecked) var expansionsLeft = 0
  @exclusivity(unchecked) var reportedBudget = false
  /// When set, the outermost `_IO*`/`_IOC` invocation met during expansion is recorded here.
  @exclusivity(unchecked) var ioctlCapture: (name: Int32, arguments: [[Token]])?
  @exclusivity(unchecked) var capturingIoctl = false
  let ioctlBuilders: Set<Int32>

  init(abi: ABI, roots: [IncludeRoot], cache: SourceCache) {
    self.abi = abi
    self.roots = roots
    self.cache = cache
    self.limits = cache.limits
    self.interner = cache.interner
    expansionBudget = limits.macroTokens
    expansionsLeft = limits.macroExpansions
    ioctlBuilders = Set(["_IO", "_IOR", "_IOW", "_IOWR", "_IOC"].map { cache.interner.intern($0) })
    definePredefined()
  }

  private func definePredefined() {
    if let macros = cache.predefinedMacros[abi] {
      self.macros = macros
      return
    }
    defer { cache.predefinedMacros[abi] = macros }
    var text = ""
    for (name, value) in abi.predefinedMacros { text += "#define \(name) \(value)\n" }
    let fid = cache.add(SourceFile(path: "<built-in:\(abi.rawValue)>", text: text))
    run(fid)
  }

  // MARK: Files

  /// The file entry for a token's file index.
  func file(_ id: Int32) -> SourceCache.Entry { cache[id] }

  private func use(_ id: Int32, rootIndex: Int) -> Int32 {
    markUsed(id, rootIndex: rootIndex)
    return id
  }

  /// First use of a file in this unit: its root (for `#include_next`) and lexical diagnostics.
  func markUsed(_ id: Int32, rootIndex: Int) {
    recordings.last?.used.append((id, rootIndex))
    if seenFiles.insert(id).inserted {
      rootIndexOf[id] = rootIndex
      diagnostics += cache[id].lexed.diagnostics
    }
  }

  func registerGuard(_ file: Int32, _ macro: Int32) {
    guardOf[file] = macro
    recordings.last?.guards.append((file, macro))
  }

  func registerOnce(_ file: Int32) {
    onceFiles.insert(file)
    recordings.last?.onces.append(file)
  }

  /// Reads a file once per cache; nil when it cannot be read.
  func loadFile(path: String, rootIndex: Int) -> Int32? {
    var text: () -> String? = { nil }
    if path.hasPrefix("<bundled>/") {
      guard let t = BundledIncludes.files[String(path.dropFirst("<bundled>/".count))] else { return nil }
      text = { t }
    } else if path.hasPrefix("<compiler>/") {
      guard let t = CompilerIncludes.files[String(path.dropFirst("<compiler>/".count))] else { return nil }
      text = { t }
    }
    guard let id = cache.file(at: path, text: text, diagnostics: &diagnostics) else { return nil }
    return use(id, rootIndex: rootIndex)
  }

  func diagnose(_ severity: Severity, _ id: String, _ message: String, at token: Token) {
    diagnostics.append(cache[token.file].source.diagnostic(severity, id, message, at: Int(token.offset)))
  }

  func spelling(_ token: Token) -> String { interner[token.id] }

  // MARK: Driving

  /// Preprocesses `path` as a main file; tokens go to `output`.
  func preprocessMain(path: String) -> Int32? {
    let before = diagnostics.count
    guard let fid = loadFile(path: path, rootIndex: -1) else {
      // A file refused for its size has said so already.
      if diagnostics.count > before { return nil }
      var isFolder: ObjCBool = false
      let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
      let why =
        !exists ? ": no such file or directory" : isFolder.boolValue ? ": it is a folder; give its header files (diff compares folders)" : ""
      diagnostics.append(
        Diagnostic(
          .error, id: "input.unreadable", message: "cannot read \(path)\(why)",
          location: SourceLocation(file: path, line: 1, column: 1)))
      return nil
    }
    run(fid)
    return fid
  }

  /// Preprocesses an in-memory main file (the bundled header, or test input).
  func preprocessMain(source: SourceFile) -> Int32 {
    let fid = use(cache.add(source), rootIndex: -1)
    run(fid)
    return fid
  }

  func run(_ fid: Int32) {
    includeStack.append(fid)
    defer { includeStack.removeLast() }
    let tokens = cache[fid].lexed.tokens
    let conditionalBase = conditionals.count
    // An include guard: the file is `#ifndef X` … `#endif` with nothing outside.
    var guardCandidate: Int32?
    if tokens.count >= 3, tokens[0].is(.hash), tokens[1].is(.kwIfndef), tokens[2].kind == .identifier {
      guardCandidate = tokens[2].id
    }
    var i = 0
    let n = tokens.count
    while i < n {
      let t = tokens[i]
      if t.isAtLineStart && t.kind == .punctuator && t.id == Sym.hash.rawValue {
        let name = i + 1 < n ? tokens[i + 1] : t
        i = directive(tokens, i, fid: fid, conditionalBase: conditionalBase)
        // An #else or #elif on the guard's own level: the file is not simply guarded.
        if guardCandidate != nil, conditionals.count == conditionalBase + 1,
          name.is(.kwElse) || name.is(.kwElif) || name.is(.kwElifdef) || name.is(.kwElifndef)
        {
          guardCandidate = nil
        }
        if guardCandidate != nil, conditionals.count == conditionalBase, i < n {
          // The guard's #endif closed before the end of file: not a guard.
          guardCandidate = nil
        }
        continue
      }
      if !active {
        i += 1
        continue
      }
      if t.kind == .identifier, isMacro(t.id) || t.flags & Token.noExpand != 0 || t.id == lineMacro {
        i = expandFromFile(tokens, at: i)
        continue
      }
      output.append(t)
      i += 1
    }
    if conditionals.count > conditionalBase {
      for c in conditionals[conditionalBase...] {
        let t = Token(kind: .other, flags: 0, id: 0, file: c.file, offset: c.offset)
        diagnose(.error, "pp.unterminated-conditional", "unterminated conditional directive", at: t)
      }
      conditionals.removeSubrange(conditionalBase...)
    } else if let g = guardCandidate {
      registerGuard(fid, g)
    }
  }

  // MARK: Directives

  /// Handles the directive whose `#` is at `tokens[i]`; returns the index after its line.
  private func directive(_ tokens: [Token], _ i: Int, fid: Int32, conditionalBase: Int) -> Int {
    var end = i + 1
    while end < tokens.count && !tokens[end].isAtLineStart { end += 1 }
    guard i + 1 < end else { return end }  // the null directive
    let name = tokens[i + 1]
    let args = Array(tokens[(i + 2)..<end])
    let hashToken = tokens[i]

    switch Sym(rawValue: name.id) {
    case .kwIf?, .kwIfdef?, .kwIfndef?:
      guard active else {
        conditionals.append(
          Conditional(file: fid, offset: hashToken.offset, parentActive: false, taken: true, active: false, sawElse: false))
        return end
      }
      let value: Bool
      if name.is(.kwIf) {
        value = evaluateCondition(args, at: name)
      } else {
        guard let macroName = args.first, macroName.kind == .identifier else {
          diagnose(.error, "pp.missing-macro-name", "macro name missing after #\(spelling(name))", at: name)
          conditionals.append(
            Conditional(file: fid, offset: hashToken.offset, parentActive: true, taken: true, active: false, sawElse: false))
          return end
        }
        let defined = isDefined(macroName.id)
        value = name.is(.kwIfdef) ? defined : !defined
      }
      conditionals.append(
        Conditional(file: fid, offset: hashToken.offset, parentActive: true, taken: value, active: value, sawElse: false))
    case .kwElif?, .kwElifdef?, .kwElifndef?:
      guard conditionals.count > conditionalBase, var c = conditionals.popLast() else {
        diagnose(.error, "pp.unbalanced-conditional", "#\(spelling(name)) without #if", at: name)
        return end
      }
      if c.sawElse { diagnose(.error, "pp.elif-after-else", "#\(spelling(name)) after #else", at: name) }
      if c.parentActive && !c.taken {
        let value: Bool
        if name.is(.kwElif) {
          value = evaluateCondition(args, at: name)
        } else {
          let defined = args.first.map { isDefined($0.id) } ?? false
          value = name.is(.kwElifdef) ? defined : !defined
        }
        c.active = value
        c.taken = value
      } else {
        c.active = false
      }
      conditionals.append(c)
    case .kwElse?:
      guard conditionals.count > conditionalBase, var c = conditionals.popLast() else {
        diagnose(.error, "pp.unbalanced-conditional", "#else without #if", at: name)
        return end
      }
      if c.sawElse { diagnose(.error, "pp.else-after-else", "#else after #else", at: name) }
      c.sawElse = true
      c.active = c.parentActive && !c.taken
      c.taken = true
      conditionals.append(c)
    case .kwEndif?:
      guard conditionals.count > conditionalBase else {
        diagnose(.error, "pp.unbalanced-conditional", "#endif without #if", at: name)
        return end
      }
      conditionals.removeLast()
    default:
      guard active else { return end }
      switch Sym(rawValue: name.id) {
      case .kwDefine?: define(args, at: name)
      case .kwUndef?:
        if let m = args.first, m.kind == .identifier {
          if let old = macro(m.id) {
            setMacro(m.id, nil)
            events.append(MacroEvent(macro: old, isUndef: true))
          }
        } else {
          diagnose(.error, "pp.missing-macro-name", "macro name missing after #undef", at: name)
        }
      case .kwInclude?, .kwIncludeNext?: include(args, at: name, next: name.is(.kwIncludeNext), fid: fid)
      case .kwError?:
        diagnose(.error, "pp.error-directive", "#error \(args.map(spelling).joined(separator: " "))", at: name)
      case .kwWarning?:
        diagnose(.warning, "pp.warning-directive", "#warning \(args.map(spelling).joined(separator: " "))", at: name)
      case .kwPragma?:
        if args.first?.is(.kwOnce) == true { registerOnce(fid) }
        // `#pragma pack(…)` changes layouts: hand it to the parser as a token group.
        if let first = args.first, first.is(.kwPack) {
          output.append(synthesized(.identifier, Preprocessor.pragmaPackMarker, like: first))
          output += args.dropFirst()
        }
      case .kwLine?:
        break
      default:
        if name.kind == .number { break }  // `# 12 "file"` line markers
        diagnose(.error, "pp.unknown-directive", "invalid preprocessing directive #\(spelling(name))", at: name)
      }
    }
    return end
  }

  func isDefined(_ name: Int32) -> Bool {
    isMacro(name) || name == lineMacro || name == fileMacro || name == counterMacro
      || name == Sym.kwHasInclude.rawValue || name == Sym.kwHasIncludeNext.rawValue || name == Sym.kwHasAttribute.rawValue
      || name == Sym.kwHasBuiltin.rawValue || name == Sym.kwHasFeature.rawValue || name == Sym.kwHasExtension.rawValue
  }

  lazy var lineMacro = interner.intern("__LINE__")
  lazy var fileMacro = interner.intern("__FILE__")
  lazy var counterMacro = interner.intern("__COUNTER__")

  private func define(_ args: [Token], at directive: Token) {
    guard let nameToken = args.first, nameToken.kind == .identifier else {
      diagnose(.error, "pp.missing-macro-name", "macro name missing after #define", at: directive)
      return
    }
    if nameToken.is(.kwDefined) {
      diagnose(.error, "pp.define-defined", "'defined' cannot be used as a macro name", at: nameToken)
      return
    }
    var index = 1
    var parameters: [Int32]?
    var variadic = false
    if index < args.count, args[index].is(.lparen), !args[index].hasSpaceBefore {
      var params: [Int32] = []
      index += 1
      var ok = false
      while index < args.count {
        let t = args[index]
        if t.is(.rparen) {
          ok = true
          index += 1
          break
        }
        if t.is(.ellipsis) {
          params.append(Sym.kwVaArgs.rawValue)
          variadic = true
        } else if t.kind == .identifier {
          params.append(t.id)
          if index + 1 < args.count, args[index + 1].is(.ellipsis) {
            variadic = true
            index += 1
          }
        } else if !t.is(.comma) {
          break
        }
        index += 1
      }
      guard ok else {
        diagnose(.error, "pp.bad-macro-parameters", "malformed parameter list in #define \(spelling(nameToken))", at: nameToken)
        return
      }
      parameters = params
    }
    var body = Array(args[index...])
    for k in body.indices { body[k].flags &= ~Token.atLineStart }
    if let first = body.first, first.is(.hashHash) {
      diagnose(.error, "pp.paste-at-edge", "'##' cannot appear at either end of a macro expansion", at: first)
      body.removeFirst()
    }
    if let last = body.last, last.is(.hashHash) {
      diagnose(.error, "pp.paste-at-edge", "'##' cannot appear at either end of a macro expansion", at: last)
      body.removeLast()
    }
    let macro = Macro(
      name: nameToken.id, parameters: parameters, isVariadic: variadic, body: body, file: nameToken.file,
      offset: nameToken.offset)
    if let old = self.macro(nameToken.id), !old.isSame(as: macro), old.file != 0 {
      diagnose(.warning, "pp.macro-redefined", "'\(spelling(nameToken))' macro redefined", at: nameToken)
    }
    setMacro(nameToken.id, macro)
    events.append(MacroEvent(macro: macro, isUndef: false))
  }

  // MARK: #include

  private func include(_ args: [Token], at directive: Token, next: Bool, fid: Int32) {
    guard let (name, angled) = headerName(args, fid: fid) else {
      diagnose(.error, "pp.bad-include", "#include expects \"FILENAME\" or <FILENAME>", at: directive)
      return
    }
    var record = IncludeRecord(file: fid, offset: directive.offset, spelling: name, isAngled: angled, target: nil)
    defer { includes.append(record) }
    guard let (path, rootIndex) = resolve(name, angled: angled, from: fid, next: next) else {
      diagnose(.error, "pp.include-not-found", "'\(name)' file not found", at: args.first ?? directive)
      return
    }
    let before = diagnostics.count
    guard let target = loadFile(path: path, rootIndex: rootIndex) else {
      if diagnostics.count > before {
        // Refused for its size: say so at the #include that asked for it.
        let refused = diagnostics.removeLast()
        diagnose(refused.severity, refused.id, refused.message, at: args.first ?? directive)
        return
      }
      diagnose(.error, "pp.include-unreadable", "cannot read '\(path)'", at: args.first ?? directive)
      return
    }
    record.target = target
    if onceFiles.contains(target) {
      // Skipped by state the memo does not track: what encloses this cannot be replayed.
      invalidateRecordings()
      return
    }
    if let g = guardOf[target], macro(g) != nil { return }
    if includeStack.contains(target) {
      invalidateRecordings()
      // Re-entering a file that is being read: harmless when its guard is already defined (the
      // compiler reads it again and finds nothing); an unguarded cycle runs into the depth limit.
      let tokens = cache[target].lexed.tokens
      if tokens.count >= 3, tokens[0].is(.hash), tokens[1].is(.kwIfndef), macro(tokens[2].id) != nil { return }
      diagnose(.error, "pp.include-cycle", "#include cycle: '\(name)' is already being read", at: args.first ?? directive)
      return
    }
    // The main file is not a level: include-depth=N allows N nested #includes.
    if includeStack.count > limits.includeDepth {
      invalidateRecordings()
      diagnose(
        .error, "pp.include-depth", "#include nested more than \(limits.includeDepth) deep \(limits.hint(\.includeDepth))",
        at: args.first ?? directive)
      return
    }
    let topLevel = includeStack.count == 1
    if topLevel && prefixOpen && output.count != prefixTokenCount { prefixOpen = false }
    let memo = replayMemo(of: target) ?? runRecorded(target)
    if topLevel && prefixOpen {
      if let memo {
        prefixChain.append(memo)
        prefixTokenCount = output.count
      } else {
        prefixOpen = false
      }
    }
  }

  /// The file name of an include line, from a string, `<…>` or macro-expanded tokens.
  private func headerName(_ args: [Token], fid: Int32) -> (String, Bool)? {
    guard let first = args.first else { return nil }
    if first.kind == .string {
      let s = spelling(first)
      guard s.count >= 2 else { return nil }
      return (String(s.dropFirst().dropLast()), false)
    }
    if first.is(.less) {
      // The bytes between < and > as written (they are not C tokens).
      guard let close = args.firstIndex(where: { $0.is(.greater) }), close > 0 else { return nil }
      if args[close].file == first.file, first.file == fid {
        let bytes = cache[fid].source.bytes
        let from = Int(first.offset) + 1
        let to = Int(args[close].offset)
        guard from <= to else { return nil }
        return (String(decoding: bytes[from..<to], as: UTF8.self), true)
      }
      return (args[1..<close].map(spelling).joined(), true)
    }
    // `#include MACRO`: the expansion must be a string or <…>.
    let expanded = expandIsolated(args, topLevel: true)
    if let f = expanded.first, f.kind == .string {
      let s = spelling(f)
      return s.count >= 2 ? (String(s.dropFirst().dropLast()), false) : nil
    }
    if expanded.first?.is(.less) == true, let close = expanded.firstIndex(where: { $0.is(.greater) }), close > 0 {
      return (expanded[1..<close].map(spelling).joined(), true)
    }
    return nil
  }

  /// Finds an include: quoted names first beside the including file, then the roots in order.
  func resolve(_ name: String, angled: Bool, from fid: Int32, next: Bool) -> (String, Int)? {
    if name.isEmpty || name.hasPrefix("/") {
      return name.isEmpty ? nil : (FileManager.default.fileExists(atPath: name) ? (name, -1) : nil)
    }
    let includer = cache[fid]
    let includerRoot = rootIndexOf[fid] ?? -1
    if !angled && !next {
      let dir = (includer.source.path as NSString).deletingLastPathComponent
      if includer.source.path.hasPrefix("<bundled>/") {
        let candidate = (dir as NSString).appendingPathComponent(name)
        if BundledIncludes.files[String(candidate.dropFirst("<bundled>/".count))] != nil {
          return (candidate, includerRoot)
        }
      } else {
        let candidate = (dir.isEmpty ? name : dir + "/" + name)
        if cache.isRegularFile(candidate) { return ((candidate as NSString).standardizingPath, includerRoot) }
      }
    }
    if !next, CompilerIncludes.files[name] != nil { return ("<compiler>/" + name, -1) }
    let start = next ? includerRoot + 1 : 0
    if let found = search(name, from: start) { return found }
    // Generic asm headers: the kernel build generates asm/X.h wrappers around asm-generic/X.h.
    if name.hasPrefix("asm/"), let found = search("asm-generic/" + name.dropFirst(4), from: start) {
      return found
    }
    return nil
  }

  private func search(_ name: String, from start: Int) -> (String, Int)? {
    guard start < roots.count else { return nil }
    for index in start..<roots.count {
      let root = roots[index]
      if let prefix = root.onlyPrefix, !name.hasPrefix(prefix) { continue }
      switch root.kind {
      case .bundled:
        if BundledIncludes.files[name] != nil { return ("<bundled>/" + name, index) }
      case .directory(let dir):
        let candidate = dir + "/" + name
        if cache.isRegularFile(candidate) { return (candidate, index) }
      }
    }
    return nil
  }

}
