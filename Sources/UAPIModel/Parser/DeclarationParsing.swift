extension UnitParser {
  /// A declaration at file scope: typedefs, struct/union/enum definitions, prototypes, objects,
  /// function definitions (bodies skipped).
  func declaration(inRecord: Int?) {
    let start = current
    let s = specifiers()
    guard let base = s.type else {
      diagnose(.error, "parse.expected-declaration", "expected a declaration, found '\(start.map(spelling) ?? "end of file")'")
      recover()
      return
    }
    if accept(.semicolon) { return }  // `struct foo { … };` or `struct foo;`
    while true {
      let declStart = index
      guard let d = declarator(abstract: false) else {
        recover()
        return
      }
      var attrs = s.attributes
      merge(d.attributes, into: &attrs)
      let type = d.apply(base)
      if let name = d.name {
        if s.isTypedef {
          addTypedef(name: name, type: type, attributes: attrs, first: s.first ?? name)
        } else {
          let isFunction = d.isFunction
          let hasBody = isFunction && at(.lbrace)
          // Prototypes matter for the header's own hygiene (H6); those of included files do not.
          if name.file == mainFile {
            let text = declarationText(from: s.first ?? name, to: hasBody ? index : nil)
            functions.append(
              FunctionDecl(name: spelling(name), isFunction: isFunction, hasBody: hasBody, text: text, location: location(name)))
          }
          if hasBody {
            skipBalanced()
            return
          }
        }
      } else if index == declStart {
        diagnose(.error, "parse.expected-identifier", "expected an identifier or '(' in declaration")
        recover()
        return
      }
      // Initialisers of object declarations are skipped.
      if accept(.assign) { _ = expressionTokens(until: [Sym.comma.rawValue, Sym.semicolon.rawValue]) }
      if accept(.comma) { continue }
      if accept(.semicolon) { return }
      diagnose(.error, "parse.expected-semicolon", "expected ';' after declaration")
      recover()
      return
    }
  }

  func merge(_ extra: LayoutAttributes, into attrs: inout LayoutAttributes) {
    if extra.packed { attrs.packed = true }
    if let a = extra.aligned { attrs.aligned = max(attrs.aligned ?? 0, a) }
  }

  private func addTypedef(name: Token, type: CType, attributes: LayoutAttributes, first: Token) {
    // typedef struct { … } name;  gives the anonymous record (or enum) its name.
    switch type {
    case .record(let r) where records[r].tag == nil && records[r].typedefName == nil:
      records[r].typedefName = spelling(name)
    case .enumeration(let e) where enums[e].tag == nil && enums[e].typedefName == nil:
      enums[e].typedefName = spelling(name)
    default:
      break
    }
    let decl = TypedefDecl(
      name: spelling(name), type: type, typeSpelling: "", aligned: attributes.aligned, location: location(name),
      doc: docComment(before: first))
    if let old = typedefNames[name.id], typedefs[old].type != type {
      diagnose(.note, "parse.typedef-redefined", "typedef '\(spelling(name))' redefined with a different type", at: name)
    }
    typedefNames[name.id] = typedefs.count
    typedefs.append(decl)
  }

  /// Source text of a declaration for display: from its first token to `end` (or the next `;`).
  private func declarationText(from first: Token, to end: Int?) -> String {
    let file = pp.cache[first.file].source
    var stop = end ?? index
    if end == nil {
      var k = index
      while k < tokens.count, !tokens[k].is(.semicolon) { k += 1 }
      stop = k
    }
    guard stop > 0, stop <= tokens.count else { return "" }
    let last = tokens[stop - 1]
    guard last.file == first.file, last.offset >= first.offset else { return spelling(first) }
    let to = min(file.bytes.count, Int(last.offset) + spelling(last).utf8.count)
    let raw = file.text(Int(first.offset)..<to)
    return raw.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
  }

  // MARK: struct / union

  /// `struct [attrs] [tag] [{ … }] [attrs]` — returns the record type.
  func recordSpecifier(into s: inout Specifiers) -> CType {
    let keyword = current!
    let kind: RecordKind = keyword.is(.kwStruct) ? .struct : .union
    index += 1
    var attrs = LayoutAttributes()
    skipQualifiers(into: &attrs)
    var tagToken: Token?
    if let t = current, t.kind == .identifier, !t.is(.kwAttribute) {
      tagToken = t
      index += 1
    }
    skipQualifiers(into: &attrs)
    guard at(.lbrace) else {
      guard let tagToken else {
        diagnose(.error, "parse.expected-tag", "expected a tag name or '{' after '\(spelling(keyword))'", at: keyword)
        return .unknown(spelling(keyword))
      }
      // `struct tag __attribute__((aligned(8))) *p;`: the attributes belong to the declaration.
      merge(attrs, into: &s.attributes)
      return .record(referenceRecord(kind, tag: tagToken, forwardDeclaration: at(.semicolon)))
    }
    // A definition.
    let r: Int
    if let tagToken, case .record(let existing)? = tags[tagToken.id], !records[existing].isComplete,
      records[existing].kind == kind
    {
      r = existing
      records[r].location = location(tagToken)
    } else {
      if let tagToken, case .record(let existing)? = tags[tagToken.id], records[existing].isComplete {
        let previous = records[existing].location
        let where_ = pp.cache[Int32(previous.file)].source.path + ":\(previous.line)"
        diagnose(.warning, "parse.redefinition", "redefinition of '\(spelling(keyword)) \(spelling(tagToken))' (previous definition at \(where_))", at: tagToken)
      }
      r = records.count
      records.append(
        RecordDecl(
          kind: kind, tag: tagToken.map(spelling), typedefName: nil, members: nil, attributes: attrs,
          location: location(tagToken ?? keyword), doc: nil, isNested: nesting > 0))
      if let tagToken { tags[tagToken.id] = .record(r) }
    }
    records[r].doc = docComment(before: s.first ?? keyword) ?? docComment(before: keyword)
    records[r].isNested = inRecordBody > 0
    records[r].packLimit = pragmaPack
    let members = recordBody(r)
    records[r].members = members
    var after = LayoutAttributes()
    skipQualifiers(into: &after)
    merge(after, into: &attrs)
    records[r].attributes = attrs
    s.definedInline = r
    return .record(r)
  }

  private func referenceRecord(_ kind: RecordKind, tag: Token, forwardDeclaration: Bool) -> Int {
    if case .record(let existing)? = tags[tag.id] {
      if records[existing].kind != kind {
        diagnose(.error, "parse.tag-mismatch", "'\(spelling(tag))' defined as a \(records[existing].kind.rawValue), used as a \(kind.rawValue)", at: tag)
      }
      return existing
    }
    let r = records.count
    records.append(
      RecordDecl(
        kind: kind, tag: spelling(tag), typedefName: nil, members: nil, attributes: LayoutAttributes(),
        location: location(tag), doc: nil, isNested: false))
    tags[tag.id] = .record(r)
    return r
  }

  /// `{ member-declarations }`
  private func recordBody(_ r: Int) -> [Member] {
    let open = current!
    index += 1
    nesting += 1
    inRecordBody += 1
    defer {
      nesting -= 1
      inRecordBody -= 1
    }
    if nesting > pp.limits.nesting {
      diagnose(
        .error, "parse.too-deep",
        "struct or union nested more than \(pp.limits.nesting) deep \(pp.limits.hint(\.nesting))", at: open)
      index -= 1
      skipBalanced()
      return []
    }
    var members: [Member] = []
    while let t = current, !t.is(.rbrace) {
      let before = index
      memberDeclaration(into: &members)
      if index == before { index += 1 }
    }
    if !accept(.rbrace) {
      diagnose(.error, "parse.unbalanced", "expected '}' at end of \(records[r].kind.rawValue) (opened here)", at: open)
    }
    return members
  }

  private func memberDeclaration(into members: inout [Member]) {
    guard let first = current else { return }
    if accept(.semicolon) { return }
    if first.is(.kwStaticAssert) || first.is(.kwStaticAssert2) {
      recover()
      return
    }
    if first.id == pragmaPackWord && first.kind == .identifier {
      pragmaPackDirective()
      return
    }
    let s = specifiers()
    guard let base = s.type else {
      diagnose(.error, "parse.expected-member", "expected a member declaration, found '\(spelling(first))'", at: first)
      recover()
      return
    }
    if at(.semicolon) {
      index += 1
      // An untagged struct/union with no name is an anonymous member (C11); a tagged one
      // declares nothing.
      if case .record(let r) = base, records[r].tag == nil {
        members.append(
          Member(
            name: nil, type: base, typeSpelling: "", bitWidth: nil, attributes: s.attributes, location: location(first),
            doc: docComment(before: first)))
      } else {
        diagnose(.warning, "parse.declares-nothing", "declaration does not declare anything", at: first)
      }
      return
    }
    while true {
      var name: Token?
      var type = base
      var attrs = s.attributes
      var width: Int?
      let memberStart = current ?? first
      if !at(.colon) {
        guard let d = declarator(abstract: false) else {
          recover()
          return
        }
        name = d.name
        type = d.apply(base)
        merge(d.attributes, into: &attrs)
        if name == nil {
          diagnose(.error, "parse.expected-member-name", "expected a member name", at: memberStart)
        }
      }
      if accept(.colon) {
        let colon = tokens[index - 1]
        let expr = expressionTokens(until: [Sym.comma.rawValue, Sym.semicolon.rawValue, Sym.kwAttribute.rawValue])
        if let v = evaluate(expr, what: "bitfield width", at: colon) { width = Int(truncatingIfNeeded: v.signed) }
        // As gcc does: an error at the member, not only a layout that cannot be made.
        if let w = width, let bits = size(of: type).map({ $0 * 8 }), w < 0 || w > bits {
          let what = name.map { "'\(spelling($0))'" } ?? "an unnamed bitfield"
          diagnose(
            .error, "parse.bitfield-width",
            w < 0 ? "width of \(what) is negative" : "width of \(what) (\(w)) exceeds its type (\(bits) bits)", at: expr.first ?? colon)
        }
        var after = LayoutAttributes()
        skipQualifiers(into: &after)
        merge(after, into: &attrs)
      }
      let anchor = name ?? memberStart
      members.append(
        Member(
          name: name.map(spelling), type: type, typeSpelling: "", bitWidth: width, attributes: attrs,
          location: location(anchor), doc: docComment(before: first) ?? trailingComment(after: anchor)))
      if accept(.comma) { continue }
      if accept(.semicolon) { return }
      if at(.rbrace) {
        diagnose(.warning, "parse.expected-semicolon", "expected ';' at end of member declaration")
        return
      }
      diagnose(.error, "parse.expected-semicolon", "expected ';' at end of member declaration")
      recover()
      return
    }
  }

  // MARK: enum

  /// clang (not gcc) types every enumerator with the enum's type when some value does not fit
  /// in int; nil when all fit.
  private func wideEnumType(_ enumerators: [Enumerator]) -> BuiltinType? {
    let values = enumerators.compactMap(\.value)
    guard values.contains(where: { $0 < Int64(Int32.min) || $0 > Int64(Int32.max) }) else { return nil }
    let minValue = values.min() ?? 0
    let maxValue = values.max() ?? 0
    if minValue >= 0 && maxValue <= Int64(UInt32.max) { return .unsignedInt }
    return minValue < 0 ? .long : .unsignedLong
  }

  func enumSpecifier(into s: inout Specifiers) -> CType {
    let keyword = current!
    index += 1
    var attrs = LayoutAttributes()
    skipQualifiers(into: &attrs)
    var tagToken: Token?
    if let t = current, t.kind == .identifier {
      tagToken = t
      index += 1
    }
    skipQualifiers(into: &attrs)
    // enum name : type (C23) is not expected in uAPI headers.
    guard at(.lbrace) else {
      guard let tagToken else {
        diagnose(.error, "parse.expected-tag", "expected a tag name or '{' after 'enum'", at: keyword)
        return .unknown("enum")
      }
      if case .enumeration(let e)? = tags[tagToken.id] { return .enumeration(e) }
      let e = enums.count
      enums.append(
        EnumDecl(tag: spelling(tagToken), typedefName: nil, enumerators: nil, attributes: attrs, location: location(tagToken), doc: nil))
      tags[tagToken.id] = .enumeration(e)
      return .enumeration(e)
    }
    let open = current!
    index += 1
    var enumerators: [Enumerator] = []
    var next = IntegerValue(bits: 0, type: .int)
    while let t = current, !t.is(.rbrace) {
      guard t.kind == .identifier else {
        diagnose(.error, "parse.expected-enumerator", "expected an enumerator name, found '\(spelling(t))'", at: t)
        _ = expressionTokens(until: [Sym.comma.rawValue])
        if !accept(.comma) { break }
        continue
      }
      index += 1
      var attrs2 = LayoutAttributes()
      skipQualifiers(into: &attrs2)
      var value: IntegerValue? = next
      if accept(.assign) {
        let expr = expressionTokens(until: [Sym.comma.rawValue, Sym.rbrace.rawValue])
        value = evaluate(expr, what: "enumerator value", at: t)
      }
      if var v = value {
        // An enumerator has type int when its value fits (C), else the value's own type (GNU).
        if v.signed >= Int64(Int32.min) && v.signed <= Int64(Int32.max) { v = IntegerValue(bits: v.bits, type: .int) }
        enumConstants[t.id] = v
        next = IntegerValue(bits: v.bits &+ 1, type: v.type)
        if v.type == .int && v.signed == Int64(Int32.max) { next = IntegerValue(bits: v.bits &+ 1, type: .unsignedInt) }
      }
      enumerators.append(
        Enumerator(name: spelling(t), value: value.map { $0.signed }, location: location(t), doc: docComment(before: t) ?? trailingComment(after: t)))
      if !accept(.comma) { break }
    }
    if !accept(.rbrace) {
      diagnose(.error, "parse.unbalanced", "expected '}' at end of enum (opened here)", at: open)
      recover()
    }
    var after = LayoutAttributes()
    skipQualifiers(into: &after)
    merge(after, into: &attrs)
    let e: Int
    if let tagToken, case .enumeration(let existing)? = tags[tagToken.id], enums[existing].enumerators == nil {
      e = existing
    } else {
      e = enums.count
      enums.append(EnumDecl(tag: tagToken.map(spelling), typedefName: nil, enumerators: nil, attributes: attrs, location: location(tagToken ?? keyword), doc: nil))
      if let tagToken { tags[tagToken.id] = .enumeration(e) }
    }
    enums[e].enumerators = enumerators
    enums[e].attributes = attrs
    if abi.isClangTarget, let underlying = wideEnumType(enumerators) {
      for en in enumerators {
        guard let id = pp.interner.lookup(en.name), let v = enumConstants[id] else { continue }
        enumConstants[id] = IntegerValue(bits: v.bits, type: underlying)
      }
    }
    enums[e].location = location(tagToken ?? keyword)
    enums[e].doc = docComment(before: s.first ?? keyword) ?? docComment(before: keyword)
    s.definedInline = e
    s.definedInlineIsEnum = true
    return .enumeration(e)
  }
}
