import Diagnostics

/// Macro expansion with hide sets (Prosser's algorithm): a token produced by expanding macro M
/// carries M in its hide set and never expands M again, which ends self-reference such as
/// `#define A A` or `#define A B` / `#define B A`.
extension Preprocessor {
  /// Expands the macro invocation starting at `tokens[index]` of the current file and everything
  /// its rescan pulls in; returns the index of the first file token not consumed.
  func expandFromFile(_ tokens: [Token], at index: Int) -> Int {
    fileTokens = tokens
    fileCursor = index
    fileAccess = true
    expansionBudget = limits.macroTokens
    reportedBudget = false
    repeat {
      guard var t = pull() else { break }
      if !tryExpand(&t) { output.append(t) }
    } while !pending.isEmpty
    fileAccess = false
    fileTokens = []
    return fileCursor
  }

  /// Fully expands a token list on its own (macro arguments, `#if` lines, constant evaluation).
  /// `topLevel`: an expansion of its own (an `#if` line, a constant), not of a macro argument,
  /// so it is not a level of `macro-depth`.
  func expandIsolated(_ tokens: [Token], keepDefinedOperands: Bool = false, topLevel: Bool = false) -> [Token] {
    let level = topLevel ? 0 : 1
    if !topLevel && expansionDepth >= limits.macroDepth {
      if let t = tokens.first {
        diagnose(
          .error, "pp.expansion-depth",
          "macro arguments nested more than \(limits.macroDepth) deep \(limits.hint(\.macroDepth))", at: t)
      }
      return tokens
    }
    expansionDepth += level
    let savedPending = pending
    let savedAccess = fileAccess
    pending = tokens.reversed()
    fileAccess = false
    var out: [Token] = []
    out.reserveCapacity(tokens.count)
    while var t = pull() {
      // In #if, `defined X` that a macro produced names X; X itself is not expanded.
      if keepDefinedOperands, t.is(.kwDefined) {
        out.append(t)
        if var next = pull() {
          let paren = next.is(.lparen)
          if paren, let name = pull() {
            out.append(next)
            next = name
          }
          out.append(next)
          if paren, let close = pull() { out.append(close) }
        }
        continue
      }
      if !tryExpand(&t) { out.append(t) }
    }
    pending = savedPending
    fileAccess = savedAccess
    expansionDepth -= level
    return out
  }

  /// Macro expansion of a constant's name at the end of the translation unit.
  func expandForEvaluation(_ tokens: [Token]) -> [Token] {
    expansionBudget = limits.macroTokens
    reportedBudget = false
    return expandIsolated(tokens, topLevel: true)
  }

  func pull() -> Token? {
    if let t = pending.popLast() { return t }
    guard fileAccess, fileCursor < fileTokens.count else { return nil }
    let t = fileTokens[fileCursor]
    if t.isAtLineStart && t.is(.hash) { return nil }
    fileCursor += 1
    return t
  }

  private func peek() -> Token? {
    if let t = pending.last { return t }
    guard fileAccess, fileCursor < fileTokens.count else { return nil }
    let t = fileTokens[fileCursor]
    return t.isAtLineStart && t.is(.hash) ? nil : t
  }

  /// Expands `token` if it names a macro that may expand here, pushing the result for rescanning.
  /// A name blocked by its hide set is painted so that it never expands later either.
  func tryExpand(_ token: inout Token) -> Bool {
    guard token.kind == .identifier, token.flags & Token.noExpand == 0 else { return false }
    guard let macro = macro(token.id) else {
      if token.id == lineMacro {
        let line = cache[token.file].source.line(of: Int(token.offset))
        pending.append(synthesized(.number, String(line), like: token))
        return true
      }
      return false
    }
    if hideSets.contains(token.hideSet, token.id) {
      token.flags |= Token.noExpand
      return false
    }
    var arguments: [[Token]] = []
    if let parameters = macro.parameters {
      guard let open = peek(), open.is(.lparen) else { return false }
      guard spendExpansion(&token) else { return false }
      _ = pull()
      guard let args = collectArguments(macro, parameters, at: token) else { return true }
      arguments = args
      if capturingIoctl, ioctlCapture == nil, ioctlBuilders.contains(token.id) {
        ioctlCapture = (token.id, args)
      }
    } else {
      guard spendExpansion(&token) else { return false }
    }
    let hideSet = hideSets.adding(token.id, to: token.hideSet)
    var body = substitute(macro, arguments, hideSet: hideSet, at: token)
    expansionBudget -= body.count
    if expansionBudget < 0 {
      if !reportedBudget {
        diagnose(
          .error, "pp.expansion-too-large",
          "macro expansion exceeds \(limits.macroTokens) tokens; truncated \(limits.hint(\.macroTokens))", at: token)
        reportedBudget = true
      }
      pending.removeAll()
      return true
    }
    if let first = body.first {
      // The expansion takes the spacing of the name it replaces.
      body[0].flags = (first.flags & ~(Token.atLineStart | Token.spaceBefore)) | (token.flags & Token.spaceBefore)
    }
    pending.append(contentsOf: body.reversed())
    return true
  }

  /// Counts one expansion against the unit's budget (`InputLimits.macroExpansions`). Once it is
  /// spent the name is left as it is, painted so it never expands, and the error is said once.
  private func spendExpansion(_ token: inout Token) -> Bool {
    if expansionsLeft > 0 {
      expansionsLeft -= 1
      return true
    }
    if expansionsLeft == 0 {
      expansionsLeft = -1
      diagnose(
        .error, "pp.too-many-expansions",
        "more than \(limits.macroExpansions) macro expansions in this unit; the rest are left unexpanded \(limits.hint(\.macroExpansions))",
        at: token)
    }
    token.flags |= Token.noExpand
    return false
  }

  private func collectArguments(_ macro: Macro, _ parameters: [Int32], at name: Token) -> [[Token]]? {
    var args: [[Token]] = [[]]
    var depth = 0
    while true {
      guard let t = pull() else {
        diagnose(.error, "pp.unterminated-invocation", "unterminated argument list invoking macro '\(spelling(name))'", at: name)
        return nil
      }
      if t.is(.lparen) {
        depth += 1
      } else if t.is(.rparen) {
        if depth == 0 { break }
        depth -= 1
      } else if t.is(.comma) && depth == 0 && !(macro.isVariadic && args.count == parameters.count) {
        args.append([])
        continue
      }
      args[args.count - 1].append(t)
    }
    if parameters.isEmpty && args.count == 1 && args[0].isEmpty { return [] }
    if args.count == parameters.count - 1 && macro.isVariadic { args.append([]) }
    if args.count != parameters.count {
      diagnose(
        .error, "pp.macro-arity",
        "macro '\(spelling(name))' takes \(parameters.count) arguments, but \(args.count) given", at: name)
      return nil
    }
    return args
  }

  /// The macro body with parameters replaced: `#p` stringified, operands of `##` raw and pasted,
  /// other parameters fully expanded first.
  private func substitute(_ macro: Macro, _ args: [[Token]], hideSet: Int32, at site: Token) -> [Token] {
    let body = macro.body
    var out: [Token] = []
    out.reserveCapacity(body.count)
    var expanded: [Int: [Token]] = [:]
    var i = 0
    // Tokens from the body take the site's location; argument tokens keep theirs.
    func fromBody(_ t: Token) -> Token {
      var t = t
      t.file = site.file
      t.offset = site.offset
      t.hideSet = hideSets.union(t.hideSet, hideSet)
      return t
    }
    func fromArgument(_ tokens: [Token]) -> [Token] {
      tokens.map {
        var t = $0
        t.flags &= ~Token.atLineStart
        t.hideSet = hideSets.union(t.hideSet, hideSet)
        return t
      }
    }
    while i < body.count {
      let b = body[i]
      if b.is(.hash), macro.isFunctionLike, i + 1 < body.count, let p = macro.parameterIndex(body[i + 1]) {
        var s = stringify(args[p], like: b)
        s.flags = b.flags
        out.append(fromBody(s))
        i += 2
        continue
      }
      if b.is(.hashHash), i + 1 < body.count {
        let rhsToken = body[i + 1]
        var rhs: [Token]
        if let p = macro.parameterIndex(rhsToken) {
          rhs = fromArgument(args[p])
          // GNU: `, ## __VA_ARGS__` drops the comma when the variable arguments are empty.
          if macro.isVariadic, p == args.count - 1, let last = out.last, last.is(.comma) {
            if rhs.isEmpty { out.removeLast() } else { out += rhs }
            i += 2
            continue
          }
        } else {
          rhs = [fromBody(rhsToken)]
        }
        if !rhs.isEmpty {
          if let lhs = out.popLast() {
            out.append(paste(lhs, rhs[0]))
            out += rhs.dropFirst()
          } else {
            out += rhs
          }
        }
        i += 2
        continue
      }
      if let p = macro.parameterIndex(b) {
        var arg: [Token]
        if i + 1 < body.count && body[i + 1].is(.hashHash) {
          arg = fromArgument(args[p])
          if arg.isEmpty {
            // An empty left operand of ## is a placemarker: the right operand is not pasted
            // onto whatever came before it.
            i += 2
            if i < body.count, let q = macro.parameterIndex(body[i]) {
              out += fromArgument(args[q])
            } else if i < body.count {
              out.append(fromBody(body[i]))
            }
            i += 1
            continue
          }
        } else {
          if expanded[p] == nil { expanded[p] = expandIsolated(args[p]) }
          arg = fromArgument(expanded[p]!)
        }
        if !arg.isEmpty {
          arg[0].flags = (arg[0].flags & ~Token.spaceBefore) | (b.flags & Token.spaceBefore)
        }
        out += arg
        i += 1
        continue
      }
      out.append(fromBody(b))
      i += 1
    }
    return out
  }

  private func stringify(_ tokens: [Token], like site: Token) -> Token {
    var text = "\""
    for (k, t) in tokens.enumerated() {
      if k > 0 && t.hasSpaceBefore { text += " " }
      let s = spelling(t)
      if t.kind == .string || t.kind == .character {
        for ch in s {
          if ch == "\"" || ch == "\\" { text.append("\\") }
          text.append(ch)
        }
      } else {
        text += s
      }
    }
    text += "\""
    return synthesized(.string, text, like: site)
  }

  /// `lhs ## rhs`: one token if the joined spelling is one token, else both with a diagnostic.
  private func paste(_ lhs: Token, _ rhs: Token) -> Token {
    let text = spelling(lhs) + spelling(rhs)
    let bytes = Array(text.utf8)
    var kind: TokenKind?
    if let f = bytes.first {
      if Lexer.isIdentStart(f) && bytes.allSatisfy(Lexer.isIdentContinue) {
        kind = .identifier
      } else if Lexer.isDigit(f) || f == UInt8(ascii: ".") {
        kind = .number
      } else if let id = interner.lookup(text), id <= Sym.hashHash.rawValue {
        kind = .punctuator
      }
    }
    guard let kind else {
      diagnose(.error, "pp.bad-paste", "pasting \"\(spelling(lhs))\" and \"\(spelling(rhs))\" does not give a valid token", at: lhs)
      return lhs
    }
    var t = lhs
    t.kind = kind
    t.id = interner.intern(text)
    t.flags &= ~Token.noExpand
    return t
  }

  func synthesized(_ kind: TokenKind, _ text: String, like site: Token) -> Token {
    Token(kind: kind, flags: site.flags & Token.spaceBefore, id: interner.intern(text), file: site.file, offset: site.offset, hideSet: site.hideSet)
  }

  // MARK: #if

  /// What `__has_attribute` and `__has_builtin` answer yes to: what this tool understands or
  /// safely ignores.
  static let knownAttributes: Set<String> = [
    "packed", "aligned", "deprecated", "unused", "used", "noreturn", "section", "visibility", "always_inline",
    "fallthrough", "designated_init", "counted_by", "nonstring", "may_alias", "mode", "const", "pure",
  ]
  static let knownBuiltins: Set<String> = ["__builtin_offsetof", "__builtin_constant_p", "__builtin_va_list"]

  /// Evaluates an `#if`/`#elif` line: `defined`, `__has_include` and the like are answered
  /// first, macros expanded, remaining identifiers become 0, then the integer expression.
  func evaluateCondition(_ line: [Token], at directive: Token) -> Bool {
    expansionBudget = limits.macroTokens
    reportedBudget = false
    let prepared = replaceDefined(line)
    var expanded = replaceDefined(expandIsolated(prepared, keepDefinedOperands: true, topLevel: true))
    for k in expanded.indices where expanded[k].kind == .identifier {
      expanded[k] = synthesized(.number, "0", like: expanded[k])
    }
    if expanded.isEmpty {
      diagnose(.error, "pp.empty-condition", "#\(spelling(directive)) with no expression", at: directive)
      return false
    }
    var evaluator = ConstantEvaluator(tokens: expanded, spelling: { self.interner[$0] }, mode: .preprocessor(abi), limits: limits)
    switch evaluator.evaluateAll() {
    case .success(let value):
      return value.bits != 0
    case .failure(let failure):
      let at = failure.index < expanded.count ? expanded[failure.index] : directive
      diagnose(.error, "pp.bad-condition", "invalid #\(spelling(directive)) expression: \(failure.message)", at: at)
      return false
    }
  }

  private func replaceDefined(_ line: [Token]) -> [Token] {
    var out: [Token] = []
    var i = 0
    while i < line.count {
      let t = line[i]
      if t.is(.kwDefined) {
        var j = i + 1
        let paren = j < line.count && line[j].is(.lparen)
        if paren { j += 1 }
        if j < line.count, line[j].kind == .identifier {
          let value = isDefined(line[j].id)
          j += 1
          if paren {
            if j < line.count, line[j].is(.rparen) { j += 1 } else {
              diagnose(.error, "pp.bad-defined", "missing ')' after 'defined'", at: t)
            }
          }
          out.append(synthesized(.number, value ? "1" : "0", like: t))
          i = j
          continue
        }
        diagnose(.error, "pp.bad-defined", "macro name missing after 'defined'", at: t)
        out.append(synthesized(.number, "0", like: t))
        i = j
        continue
      }
      if t.is(.kwHasInclude) || t.is(.kwHasIncludeNext) || t.is(.kwHasAttribute) || t.is(.kwHasBuiltin)
        || t.is(.kwHasFeature) || t.is(.kwHasExtension)
      {
        // name ( … ) — find the matching parenthesis.
        var j = i + 1
        var depth = 0
        var inner: [Token] = []
        while j < line.count {
          if line[j].is(.lparen) {
            depth += 1
            if depth == 1 {
              j += 1
              continue
            }
          }
          if line[j].is(.rparen) {
            depth -= 1
            if depth == 0 { break }
          }
          if depth >= 1 { inner.append(line[j]) }
          j += 1
        }
        var value = false
        if t.is(.kwHasAttribute), let first = inner.first {
          value = Preprocessor.knownAttributes.contains(spelling(first).trimmingCharacters(in: ["_"]))
        } else if t.is(.kwHasBuiltin), let first = inner.first {
          value = Preprocessor.knownBuiltins.contains(spelling(first))
        } else if t.is(.kwHasInclude) || t.is(.kwHasIncludeNext), let first = inner.first {
          var name: String?
          var angled = false
          if first.kind == .string {
            name = String(spelling(first).dropFirst().dropLast())
          } else if first.is(.less) {
            name = inner.dropFirst().prefix { !$0.is(.greater) }.map(spelling).joined()
            angled = true
          }
          if let name { value = resolve(name, angled: angled, from: t.file, next: t.is(.kwHasIncludeNext)) != nil }
        }
        out.append(synthesized(.number, value ? "1" : "0", like: t))
        i = j + 1
        continue
      }
      out.append(t)
      i += 1
    }
    return out
  }
}
