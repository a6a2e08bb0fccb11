/// Declaration specifiers as read: storage class, the base type and the attributes met.
struct Specifiers {
  var isTypedef = false
  var isExternOrStatic = false
  var isInline = false
  var type: CType?
  var attributes = LayoutAttributes()
  /// A struct/union/enum defined right here (its braces are in these specifiers).
  var definedInline: Int?
  var definedInlineIsEnum = false
  var first: Token?
}

extension UnitParser {
  /// Reads declaration specifiers; `type` stays nil when there were none (an error for the caller).
  func specifiers() -> Specifiers {
    var s = Specifiers()
    s.first = current
    var signedness: Bool?
    var shorts = 0
    var longs = 0
    var base: Sym?
    var sawType = false
    loop: while let t = current {
      if t.kind == .identifier {
        switch Sym(rawValue: t.id) {
        case .kwTypedef?: s.isTypedef = true
        case .kwExtern?, .kwStatic?, .kwRegister?, .kwAuto?, .kwThreadLocal?, .kwThread?: s.isExternOrStatic = true
        case .kwInline?, .kwInline2?, .kwInline3?, .kwNoreturn?: s.isInline = true
        case .kwConst?, .kwConst2?, .kwConst3?, .kwVolatile?, .kwVolatile2?, .kwVolatile3?, .kwRestrict?,
          .kwRestrict2?, .kwRestrict3?, .kwExtension?, .kwComplex?:
          break
        case .kwAtomic?:
          if peek(1)?.is(.lparen) == true {
            index += 1
            skipBalanced()
            continue loop
          }
        case .kwAttribute?, .kwAttribute2?:
          attributes(into: &s.attributes)
          continue loop
        case .kwAlignas?:
          index += 1
          if at(.lparen) {
            let open = current
            index += 1
            let expr = expressionTokens(until: [Sym.rparen.rawValue])
            accept(.rparen)
            if let first = expr.first, startsTypeName(first), let (type, _) = parseTypeName(expr, at: 0) {
              s.attributes.aligned = max(s.attributes.aligned ?? 0, alignment(of: type) ?? 1)
            } else if let v = evaluate(expr, what: "_Alignas", at: open), let n = validAlignment(v, at: open) {
              s.attributes.aligned = max(s.attributes.aligned ?? 0, n)
            }
          }
          continue loop
        case .kwSigned?, .kwSigned2?, .kwSigned3?: signedness = true; sawType = true
        case .kwUnsigned?: signedness = false; sawType = true
        case .kwShort?: shorts += 1; sawType = true
        case .kwLong?: longs += 1; sawType = true
        case .kwVoid?, .kwChar?, .kwInt?, .kwBool?, .kwFloat?, .kwDouble?, .kwInt128?, .kwFloat128?, .kwBuiltinVaList?:
          if base != nil && base != .kwInt && !t.is(.kwInt) { break loop }
          if base == nil || base == .kwInt { base = Sym(rawValue: t.id) }
          sawType = true
        case .kwInt128b?, .kwUInt128b?:
          if sawType { break loop }
          s.type = .builtin(t.is(.kwInt128b) ? .int128 : .unsignedInt128)
          sawType = true
        case .kwStruct?, .kwUnion?:
          if sawType { break loop }
          s.type = recordSpecifier(into: &s)
          sawType = true
          continue loop
        case .kwEnum?:
          if sawType { break loop }
          s.type = enumSpecifier(into: &s)
          sawType = true
          continue loop
        case .kwTypeof?, .kwTypeof2?, .kwTypeof3?:
          if sawType { break loop }
          index += 1
          if at(.lparen) {
            let save = index
            index += 1
            if let c = current, startsTypeName(c), let (type, next) = parseTypeName(tokens, at: index), next < tokens.count,
              tokens[next].is(.rparen)
            {
              s.type = type
              index = next + 1
            } else {
              index = save
              skipBalanced()
              s.type = .builtin(.int)
            }
          }
          sawType = true
          continue loop
        default:
          if annotationWords.contains(t.id) {
            break
          }
          if annotationCalls.contains(t.id) {
            index += 1
            if at(.lparen) { skipBalanced() }
            continue loop
          }
          if t.id == packedWord {
            s.attributes.packed = true
            break
          }
          if t.id == alignedWord && peek(1)?.is(.lparen) == true {
            index += 1
            alignedArgument(into: &s.attributes)
            continue loop
          }
          if !sawType, let td = typedefNames[t.id] {
            s.type = .typedef(td)
            sawType = true
          } else {
            break loop
          }
        }
        index += 1
      } else {
        break
      }
    }
    if s.type == nil && sawType {
      s.type = .builtin(builtin(base: base, signedness: signedness, shorts: shorts, longs: longs))
      if base == .kwVoid { s.type = .void }
    }
    return s
  }

  private func builtin(base: Sym?, signedness: Bool?, shorts: Int, longs: Int) -> BuiltinType {
    switch base {
    case .kwChar?:
      if let signedness { return signedness ? .signedChar : .unsignedChar }
      return .char
    case .kwBool?: return .bool
    case .kwFloat?: return .float
    case .kwDouble?: return longs > 0 ? .longDouble : .double
    case .kwInt128?: return signedness == false ? .unsignedInt128 : .int128
    case .kwFloat128?: return .float128
    case .kwBuiltinVaList?: return .vaList
    default:
      let u = signedness == false
      if shorts > 0 { return u ? .unsignedShort : .short }
      if longs == 1 { return u ? .unsignedLong : .long }
      if longs >= 2 { return u ? .unsignedLongLong : .longLong }
      return u ? .unsignedInt : .int
    }
  }

  /// True if `t` can start a type name (for casts and `sizeof`).
  func startsTypeName(_ t: Token) -> Bool {
    guard t.kind == .identifier else { return false }
    if let s = Sym(rawValue: t.id) {
      switch s {
      case .kwStruct, .kwUnion, .kwEnum, .kwVoid, .kwChar, .kwShort, .kwInt, .kwLong, .kwSigned, .kwSigned2, .kwSigned3,
        .kwUnsigned, .kwBool, .kwFloat, .kwDouble, .kwInt128, .kwInt128b, .kwUInt128b, .kwConst, .kwConst2, .kwConst3, .kwVolatile,
        .kwVolatile2, .kwVolatile3, .kwTypeof, .kwTypeof2, .kwTypeof3, .kwBuiltinVaList, .kwAttribute, .kwAttribute2,
        .kwExtension, .kwFloat128:
        return true
      default:
        break
      }
    }
    if typedefNames[t.id] != nil { return true }
    return annotationWords.contains(t.id) || t.id == packedWord
  }

  /// A type name (specifiers and an abstract declarator) at `start` of `list`.
  func parseTypeName(_ list: [Token], at start: Int) -> (CType, Int)? {
    let savedTokens = tokens
    let savedIndex = index
    let savedDiagnostics = diagnostics.count
    tokens = list
    index = start
    defer {
      tokens = savedTokens
      index = savedIndex
    }
    // A try: whatever does not parse as a type name leaves no diagnostics behind.
    guard let base = specifiers().type, let d = declarator(abstract: true), d.name == nil,
      diagnostics.count == savedDiagnostics
    else {
      if diagnostics.count > savedDiagnostics { diagnostics.removeSubrange(savedDiagnostics...) }
      return nil
    }
    return (d.apply(base), index)
  }

  // MARK: Attributes

  /// `__attribute__((a, b(x), …))`: records packed and aligned, skips the rest.
  func attributes(into attrs: inout LayoutAttributes) {
    index += 1
    guard at(.lparen), peek(1)?.is(.lparen) == true else { return }
    index += 2
    while let t = current, !t.is(.rparen) {
      if t.is(.comma) {
        index += 1
        continue
      }
      let name = spelling(t).trimmingCharacters(in: ["_"])
      index += 1
      switch name {
      case "packed":
        attrs.packed = true
        if at(.lparen) { skipBalanced() }
      case "aligned":
        if at(.lparen) {
          alignedArgument(into: &attrs)
        } else {
          attrs.aligned = max(attrs.aligned ?? 0, abi.biggestAlignment)
        }
      default:
        if at(.lparen) { skipBalanced() }
      }
    }
    accept(.rparen)
    accept(.rparen)
  }

  /// `(N)` after `aligned`.
  func alignedArgument(into attrs: inout LayoutAttributes) {
    let open = current
    index += 1
    let expr = expressionTokens(until: [Sym.rparen.rawValue])
    accept(.rparen)
    if let v = evaluate(expr, what: "alignment", at: open), let n = validAlignment(v, at: open) {
      attrs.aligned = n
    }
  }

  /// An alignment as gcc accepts it: a positive power of two up to 2^28; else a diagnostic.
  func validAlignment(_ v: IntegerValue, at site: Token?) -> Int? {
    if !(v.isSigned && v.signed < 0), let n = Int(exactly: v.bits), n > 0, n & (n - 1) == 0, n <= 1 << 28 { return n }
    diagnose(.error, "parse.bad-alignment", "requested alignment \(v.description) is not a positive power of 2 up to 2^28", at: site)
    return nil
  }

  /// Attributes and qualifiers between declarator parts.
  func skipQualifiers(into attrs: inout LayoutAttributes) {
    while let t = current, t.kind == .identifier {
      switch Sym(rawValue: t.id) {
      case .kwConst?, .kwConst2?, .kwConst3?, .kwVolatile?, .kwVolatile2?, .kwVolatile3?, .kwRestrict?, .kwRestrict2?,
        .kwRestrict3?, .kwAtomic?, .kwExtension?:
        index += 1
      case .kwAttribute?, .kwAttribute2?:
        attributes(into: &attrs)
      case .kwAsm?, .kwAsm2?, .kwAsm3?:
        index += 1
        if at(.lparen) { skipBalanced() }
      default:
        if (annotationWords.contains(t.id)) {
          index += 1
        } else if annotationCalls.contains(t.id) {
          index += 1
          if at(.lparen) { skipBalanced() }
        } else if t.id == packedWord {
          attrs.packed = true
          index += 1
        } else if t.id == alignedWord && peek(1)?.is(.lparen) == true {
          index += 1
          alignedArgument(into: &attrs)
        } else {
          return
        }
      }
    }
  }
}
