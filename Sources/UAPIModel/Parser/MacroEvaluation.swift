/// Gives each of a header's object-like macros its value, evaluated as the compiler would at the
/// end of the header, and decodes those built with `_IO*`/`_IOC` into ioctl commands.
struct MacroEvaluation {
  let pp: Preprocessor
  let parser: UnitParser

  func evaluate(mainFile: Int32) -> [MacroDecl] {
    var out: [MacroDecl] = []
    for event in pp.events where !event.isUndef && event.macro.file == mainFile {
      let m = event.macro
      // Only the definition still in force at the end counts (the compiler sees that one).
      guard let live = pp.macros[m.name], live.file == m.file, live.offset == m.offset else { continue }
      let source = pp.cache[m.file].source
      let loc = source.location(of: Int(m.offset))
      let lineStart = Token(kind: .other, flags: 0, id: 0, file: m.file, offset: Int32(source.lineStarts[loc.line - 1]))
      let nameToken = Token(kind: .identifier, flags: 0, id: m.name, file: m.file, offset: m.offset)
      var decl = MacroDecl(
        name: pp.interner[m.name], parameters: m.parameters.map { $0.map { pp.interner[$0] } }, body: bodyText(m),
        location: DeclLocation(file: Int(m.file), line: loc.line, column: loc.column),
        doc: parser.docComment(before: lineStart) ?? parser.trailingComment(after: m.body.last ?? nameToken),
        value: nil, ioctl: nil)
      if !m.isFunctionLike, let literal = plainNumber(m.body) {
        // Most constants are one number (maybe in parentheses): no expansion needed.
        decl.value = literal
      } else if !m.isFunctionLike, !m.body.isEmpty, !m.body.contains(where: { $0.kind == .identifier && pp.macros[$0.id] != nil }) {
        // No macro in the body (`(1 << 3)`, `sizeof(struct x)`): evaluate it as written.
        decl.value = value(of: m.body)
      } else if !m.isFunctionLike && !m.body.isEmpty {
        pp.capturingIoctl = true
        pp.ioctlCapture = nil
        let expanded = pp.expandForEvaluation([nameToken])
        let capture = pp.ioctlCapture
        pp.capturingIoctl = false
        decl.value = value(of: expanded)
        if let capture, decl.value != nil { decl.ioctl = ioctl(capture) }
        if capture != nil, decl.value == nil {
          // Built with _IO*/_IOC but not computable: say so rather than drop the command.
          parser.diagnose(
            .warning, "ioctl.size-unknown",
            "\(decl.name) is an ioctl command whose number cannot be computed (is its argument type defined, and a type?)",
            at: nameToken)
        }
      }
      out.append(decl)
    }
    return out
  }

  /// The value of a body that is just an integer literal, possibly parenthesised or negated.
  private func plainNumber(_ body: [Token]) -> IntegerValue? {
    var tokens = body[...]
    while tokens.count >= 3, tokens.first!.is(.lparen), tokens.last!.is(.rparen) {
      tokens = tokens.dropFirst().dropLast()
    }
    guard tokens.count == 1, let t = tokens.first, t.kind == .number else { return nil }
    return value(of: [t])
  }

  private func bodyText(_ m: Macro) -> String {
    let key = Int64(m.file) << 32 | Int64(m.offset)
    if let text = pp.cache.macroTexts[key] { return text }
    let text = spellBody(m)
    pp.cache.macroTexts[key] = text
    return text
  }

  private func spellBody(_ m: Macro) -> String {
    var s = ""
    for (k, t) in m.body.enumerated() {
      if k > 0 && t.hasSpaceBefore { s += " " }
      s += pp.interner[t.id]
    }
    return s
  }

  private func value(of tokens: [Token]) -> IntegerValue? {
    guard !tokens.isEmpty else { return nil }
    var evaluator = ConstantEvaluator(tokens: tokens, spelling: { pp.interner[$0] }, mode: .c(pp.abi, parser), limits: pp.limits)
    if case .success(let v) = evaluator.evaluateAll() { return v }
    return nil
  }

  private func ioctl(_ capture: (name: Int32, arguments: [[Token]])) -> IoctlCommand? {
    let builder = pp.interner[capture.name]
    let args = capture.arguments
    var direction: IoctlDirection
    var typeArg: [Token]
    var nrArg: [Token]
    var sizeArg: [Token]?
    switch builder {
    case "_IO":
      guard args.count == 2 else { return nil }
      direction = .none
      (typeArg, nrArg) = (args[0], args[1])
    case "_IOR", "_IOW", "_IOWR":
      guard args.count == 3 else { return nil }
      direction = builder == "_IOR" ? .read : builder == "_IOW" ? .write : .readWrite
      (typeArg, nrArg, sizeArg) = (args[0], args[1], args[2])
    default:
      guard args.count == 4, let dir = value(of: pp.expandForEvaluation(args[0])) else { return nil }
      direction = IoctlEncoding.genericDirection(dir.bits)
      (typeArg, nrArg, sizeArg) = (args[1], args[2], args[3])
    }
    guard let type = value(of: pp.expandForEvaluation(typeArg)), let nr = value(of: pp.expandForEvaluation(nrArg)) else {
      return nil
    }
    var size: UInt64 = 0
    var isType = false
    var isPointer = false
    var argumentText: String?
    if let sizeArg {
      let expanded = pp.expandForEvaluation(sizeArg)
      argumentText = spell(sizeArg)
      if builder != "_IOC", let first = expanded.first, parser.startsTypeName(first),
        let (t, end) = parser.parseTypeName(expanded, at: 0), end == expanded.count
      {
        isType = true
        if case .pointer = parser.canonical(t) { isPointer = true }
        guard let s = parser.size(of: t) else { return nil }
        size = UInt64(s)
      } else {
        guard let v = value(of: expanded) else { return nil }
        size = v.bits
      }
    }
    var numbers: [IoctlEncoding: UInt64] = [:]
    for e in IoctlEncoding.allCases {
      numbers[e] = e.encode(direction, type: type.bits, nr: nr.bits, size: size)
    }
    return IoctlCommand(
      builder: builder, direction: direction, type: type.bits & 0xff, nr: nr.bits & 0xff, argument: argumentText,
      argumentIsType: isType, argumentIsPointer: isPointer, size: size, numbers: numbers)
  }

  private func spell(_ tokens: [Token]) -> String {
    var s = ""
    for (k, t) in tokens.enumerated() {
      if k > 0 && t.hasSpaceBefore { s += " " }
      s += pp.interner[t.id]
    }
    return s
  }
}
