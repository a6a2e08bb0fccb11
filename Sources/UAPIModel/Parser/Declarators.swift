/// A declarator read off the tokens: the name and how it derives the declared type from the base.
struct Declarator {
  var name: Token?
  var attributes: LayoutAttributes
  var derivations: [Derivation]
  var isFunction: Bool {
    if case .function? = derivations.last { return true }
    return false
  }

  /// From the base type outwards: the order in which C builds the type.
  enum Derivation {
    case pointer
    case array(Int?)
    case function([CType], variadic: Bool)
  }

  func apply(_ base: CType) -> CType {
    var t = base
    for d in derivations {
      switch d {
      case .pointer: t = .pointer(t)
      case .array(let n): t = .array(t, count: n)
      case .function(let params, let variadic): t = .function(returns: t, parameters: params, variadic: variadic)
      }
    }
    return t
  }
}

extension UnitParser {
  /// Reads a declarator (`abstract` allows it to have no name, as in type names and parameters).
  /// nil after a diagnostic when it is malformed.
  func declarator(abstract: Bool) -> Declarator? {
    nesting += 1
    declaratorDepth += 1
    defer {
      nesting -= 1
      declaratorDepth -= 1
    }
    // Counted apart from struct nesting: a plain member of the deepest struct is not deep.
    if declaratorDepth > pp.limits.nesting {
      diagnose(.error, "parse.too-deep", "declarator nested more than \(pp.limits.nesting) deep \(pp.limits.hint(\.nesting))")
      // The rest of the declarator goes with it, up to the ')' of every enclosing level, so
      // those are not each an error of their own: skip to the ',' or ';' (or '}') that ends it.
      var depth = 0
      while let t = current {
        if depth <= 0 && (t.is(.comma) || t.is(.semicolon) || t.is(.rbrace)) { break }
        if t.is(.lparen) { depth += 1 } else if t.is(.rparen) { depth -= 1 }
        index += 1
      }
      return nil
    }
    var attrs = LayoutAttributes()
    var pointers = 0
    skipQualifiers(into: &attrs)
    while accept(.star) {
      pointers += 1
      skipQualifiers(into: &attrs)
    }
    var name: Token?
    var inner: Declarator?
    if let t = current, t.kind == .identifier, Sym(rawValue: t.id) == nil || !startsTypeName(t) {
      if !(abstract && typedefNames[t.id] != nil) {
        name = t
        index += 1
      }
    } else if at(.lparen), let next = peek(1),
      next.is(.star) || next.is(.lparen) || next.is(.kwAttribute) || next.is(.kwAttribute2)
        || (next.kind == .identifier && !startsTypeName(next) && !abstract)
    {
      index += 1
      guard let d = declarator(abstract: abstract) else {
        _ = accept(.rparen)
        return nil
      }
      inner = d
      guard accept(.rparen) else {
        diagnose(.error, "parse.expected-rparen", "expected ')' in declarator")
        return nil
      }
    }
    var suffixes: [Declarator.Derivation] = []
    while true {
      if at(.lbracket) {
        let open = current
        index += 1
        skipQualifiers(into: &attrs)
        accept(.kwStatic)
        if accept(.rbracket) {
          suffixes.append(.array(nil))
          continue
        }
        let expr = expressionTokens(until: [Sym.rbracket.rawValue])
        guard accept(.rbracket) else {
          diagnose(.error, "parse.expected-rbracket", "expected ']'", at: open)
          return nil
        }
        if let v = evaluate(expr, what: "array size", at: open) {
          if v.isSigned && v.signed < 0 {
            diagnose(.error, "parse.negative-array", "array size is negative", at: open)
            return nil
          }
          guard v.bits <= UInt64(UnitParser.maxObjectBytes) else {
            diagnose(.error, "parse.array-too-large", "array size \(v.description) is too large", at: open)
            return nil
          }
          suffixes.append(.array(Int(v.bits)))
        } else {
          return nil
        }
      } else if at(.lparen) {
        guard let (params, variadic) = parameterList() else { return nil }
        suffixes.append(.function(params, variadic: variadic))
      } else {
        break
      }
    }
    skipQualifiers(into: &attrs)
    // Suffixes bind tighter than the pointers before the name: apply them first, last suffix
    // innermost; then the pointers; then an inner declarator's derivations.
    var derivations: [Declarator.Derivation] = Array(repeating: .pointer, count: pointers)
    derivations += suffixes.reversed()
    if let inner {
      derivations += inner.derivations
      name = inner.name
      if inner.attributes.packed { attrs.packed = true }
      if let a = inner.attributes.aligned { attrs.aligned = max(attrs.aligned ?? 0, a) }
    }
    return Declarator(name: name, attributes: attrs, derivations: derivations)
  }

  /// `( parameter, … )`: types only; names are not kept.
  private func parameterList() -> ([CType], Bool)? {
    let open = current
    index += 1
    var params: [CType] = []
    var variadic = false
    if accept(.rparen) { return ([], false) }
    while true {
      if accept(.ellipsis) {
        variadic = true
      } else {
        let s = specifiers()
        guard let base = s.type else {
          // K&R identifier lists and other oddities: skip the rest of the list.
          while let t = current, !t.is(.rparen) {
            if t.is(.lparen) { skipBalanced() } else { index += 1 }
          }
          accept(.rparen)
          return (params, variadic)
        }
        guard let d = declarator(abstract: true) else { return nil }
        let t = d.apply(base)
        if case .void = t, params.isEmpty, at(.rparen) {
          index += 1
          return ([], false)
        }
        params.append(t)
      }
      if accept(.comma) { continue }
      if accept(.rparen) { return (params, variadic) }
      diagnose(.error, "parse.expected-rparen", "expected ')' after parameters", at: open)
      return nil
    }
  }
}
