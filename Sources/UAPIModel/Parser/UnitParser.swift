import Diagnostics

/// Parses the preprocessed tokens of one translation unit into declarations, for one ABI.
///
/// Recursive descent over C declarations as uAPI headers write them (and as libc headers they
/// include do): it keeps a typedef-name table to tell types from names (as pycparser does),
/// evaluates array sizes, bitfield widths and enum values as it goes (they may use `sizeof`), and
/// recovers from a bad declaration by skipping to the next `;` or `}` so the rest is still read.
final class UnitParser {
  let pp: Preprocessor
  let abi: ABI
  @exclusivity(unchecked) var tokens: [Token]
  @exclusivity(unchecked) var index = 0
  @exclusivity(unchecked) var nesting = 0
  /// Declarators inside declarators (`(*(*p))`), for the nesting limit.
  @exclusivity(unchecked) var declaratorDepth = 0
  @exclusivity(unchecked) var inRecordBody = 0
  @exclusivity(unchecked) var diagnostics: [Diagnostic] = []
  /// The header being read; declarations elsewhere get no documentation.
  @exclusivity(unchecked) var mainFile: Int32 = -1

  @exclusivity(unchecked) var records: [RecordDecl] = []
  @exclusivity(unchecked) var enums: [EnumDecl] = []
  @exclusivity(unchecked) var typedefs: [TypedefDecl] = []
  @exclusivity(unchecked) var functions: [FunctionDecl] = []
  /// Tag name → record or enum. C has one tag namespace for struct, union and enum.
  @exclusivity(unchecked) var tags: [Int32: Tag] = [:]
  @exclusivity(unchecked) var typedefNames: [Int32: Int] = [:]
  @exclusivity(unchecked) var enumConstants: [Int32: IntegerValue] = [:]
  @exclusivity(unchecked) var computedLayouts: [Int: ComputedLayout] = [:]
  @exclusivity(unchecked) var layoutsInProgress: Set<Int> = []
  @exclusivity(unchecked) var layoutFailures: [Int: String] = [:]

  enum Tag {
    case record(Int)
    case enumeration(Int)
  }

  /// Identifiers that kernel headers use as annotations; they mean nothing to the layout when no
  /// macro defines them (as in headers that were not run through headers_install).
  let annotationWords: Set<Int32>
  /// Annotations that take a parenthesised argument.
  let annotationCalls: Set<Int32>
  let packedWord: Int32
  let pragmaPackWord: Int32
  /// `#pragma pack(N)` in force: members are aligned to at most N bytes.
  @exclusivity(unchecked) var pragmaPack: Int?
  @exclusivity(unchecked) var pragmaPackStack: [Int?] = []
  let alignedWord: Int32

  init(pp: Preprocessor, tokens: [Token]) {
    self.pp = pp
    self.abi = pp.abi
    self.tokens = tokens
    let i = pp.interner
    annotationWords = Set(
      [
        "__user", "__force", "__iomem", "__kernel", "__rcu", "__bitwise", "__bitwise__", "__safe", "__nocast",
        "__must_check", "__percpu", "__attribute_const__", "__deprecated", "__always_inline", "__maybe_unused",
        "__weak", "__pure", "__cold", "__hot", "__nonstring", "__noreturn", "__user_ptr", "__randomize_layout",
        "__no_randomize_layout", "__designated_init", "__private", "__wur", "__THROW", "__nonnull",
      ].map { i.intern($0) })
    annotationCalls = Set(["__counted_by", "__counted_by_le", "__counted_by_be", "__aligned_largest"].map { i.intern($0) })
    packedWord = i.intern("__packed")
    pragmaPackWord = i.intern(Preprocessor.pragmaPackMarker)
    alignedWord = i.intern("__aligned")
  }

  // MARK: Token helpers

  var current: Token? { index < tokens.count ? tokens[index] : nil }

  func at(_ s: Sym) -> Bool { index < tokens.count && tokens[index].is(s) }

  func peek(_ k: Int) -> Token? { index + k < tokens.count ? tokens[index + k] : nil }

  @discardableResult
  func accept(_ s: Sym) -> Bool {
    if at(s) {
      index += 1
      return true
    }
    return false
  }

  func spelling(_ t: Token) -> String { pp.interner[t.id] }

  func diagnose(_ severity: Severity, _ id: String, _ message: String, at token: Token? = nil) {
    let t = token ?? current ?? tokens.last
    guard let t else {
      diagnostics.append(Diagnostic(severity, id: id, message: message))
      return
    }
    diagnostics.append(pp.cache[t.file].source.diagnostic(severity, id, message, at: Int(t.offset)))
  }

  func location(_ t: Token) -> DeclLocation {
    let l = pp.cache[t.file].source.location(of: Int(t.offset))
    return DeclLocation(file: Int(t.file), line: l.line, column: l.column)
  }

  /// Skips to just after the next `;` at this brace depth, or to an unmatched `}` (left in place).
  func recover() {
    var depth = 0
    let start = index
    while let t = current {
      // A new declaration starting a line ends the skipping early.
      if depth == 0, index > start, t.isAtLineStart, t.is(.kwStruct) || t.is(.kwUnion) || t.is(.kwEnum) || t.is(.kwTypedef) {
        return
      }
      if t.is(.lbrace) || t.is(.lparen) || t.is(.lbracket) {
        depth += 1
      } else if t.is(.rbrace) || t.is(.rparen) || t.is(.rbracket) {
        if depth == 0 { return }
        depth -= 1
      } else if t.is(.semicolon) && depth == 0 {
        index += 1
        return
      }
      index += 1
    }
  }

  /// Skips a balanced group starting at the opening token at `index`.
  func skipBalanced() {
    guard let open = current else { return }
    let close: Sym
    if open.is(.lparen) { close = .rparen } else if open.is(.lbracket) { close = .rbracket } else { close = .rbrace }
    let openSym = Sym(rawValue: open.id)!
    var depth = 0
    while let t = current {
      if t.is(openSym) { depth += 1 }
      if t.is(close) {
        depth -= 1
        if depth == 0 {
          index += 1
          return
        }
      }
      index += 1
    }
    diagnose(.error, "parse.unbalanced", "missing '\(close.spelling)' to match this '\(openSym.spelling)'", at: open)
  }

  /// The tokens of an expression that ends at `terminators` at depth 0 (not consumed).
  func expressionTokens(until terminators: Set<Int32>) -> [Token] {
    var depth = 0
    var out: [Token] = []
    while let t = current {
      if depth == 0 && t.kind == .punctuator && terminators.contains(t.id) { break }
      if t.is(.lparen) || t.is(.lbracket) || t.is(.lbrace) { depth += 1 }
      if t.is(.rparen) || t.is(.rbracket) || t.is(.rbrace) {
        if depth == 0 { break }
        depth -= 1
      }
      if depth == 0 && t.is(.semicolon) { break }
      out.append(t)
      index += 1
    }
    return out
  }

  /// `#pragma pack()`, `(N)`, `(push[, N])`, `(pop)`: the marker token and its group.
  func pragmaPackDirective() {
    let marker = tokens[index]
    index += 1
    guard accept(.lparen) else { return }
    var words: [Token] = []
    while let t = current, !t.is(.rparen), t.file == marker.file, t.offset >= marker.offset {
      words.append(t)
      index += 1
    }
    accept(.rparen)
    let parts = words.split { $0.is(.comma) }.map { Array($0) }
    for part in parts.isEmpty ? [[]] : parts {
      guard let word = part.first else {
        pragmaPack = nil
        continue
      }
      switch spelling(word) {
      case "push": pragmaPackStack.append(pragmaPack)
      case "pop": pragmaPack = pragmaPackStack.popLast() ?? nil
      default:
        if let v = evaluate(part, what: "#pragma pack", at: word) {
          pragmaPack = v.bits == 0 ? nil : validAlignment(v, at: word)
        }
      }
    }
    if parts.isEmpty { pragmaPack = nil }
  }

  func evaluate(_ expression: [Token], what: String, at site: Token?) -> IntegerValue? {
    guard !expression.isEmpty else {
      diagnose(.error, "parse.expected-expression", "expected an expression for \(what)", at: site)
      return nil
    }
    var evaluator = ConstantEvaluator(tokens: expression, spelling: { self.pp.interner[$0] }, mode: .c(abi, self), limits: pp.limits)
    switch evaluator.evaluateAll() {
    case .success(let v): return v
    case .failure(let f):
      let t = f.index < expression.count ? expression[f.index] : expression.last
      diagnose(.error, "parse.not-constant", "\(what) is not an integer constant: \(f.message)", at: t)
      return nil
    }
  }

  // MARK: Translation unit

  /// Parses from `index` to the end.
  func parseUnit() {
    while index < tokens.count {
      let before = index
      parseExternalDeclaration()
      if index == before { index += 1 }
    }
  }

  func parseExternalDeclaration() {
    let before = index
    externalDeclaration()
    if index == before, index < tokens.count {
      diagnose(.error, "parse.unexpected-token", "unexpected '\(spelling(tokens[index]))'")
      index += 1
    }
  }

  private func externalDeclaration() {
    guard let t = current else { return }
    if t.is(.semicolon) {
      index += 1
      return
    }
    if t.is(.kwStaticAssert) || t.is(.kwStaticAssert2) {
      recover()
      return
    }
    if t.is(.kwAsm) || t.is(.kwAsm2) || t.is(.kwAsm3) {
      recover()
      return
    }
    // extern "C" { … } (C++ guards left in by a header).
    if t.is(.kwExtern), let s = peek(1), s.kind == .string {
      index += 2
      if accept(.lbrace) {
        while let c = current, !c.is(.rbrace) {
          let before = index
          externalDeclaration()
          if index == before { index += 1 }
        }
        accept(.rbrace)
      }
      return
    }
    if t.id == pragmaPackWord && t.kind == .identifier {
      pragmaPackDirective()
      return
    }
    if t.is(.rbrace) {
      diagnose(.error, "parse.unbalanced", "unmatched '}'")
      index += 1
      return
    }
    declaration(inRecord: nil)
  }
}
