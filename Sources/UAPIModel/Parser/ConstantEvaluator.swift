import Diagnostics

/// What the evaluator needs to know about types in C mode (casts, `sizeof`, enum constants).
protocol TypeContext: AnyObject {
  func startsTypeName(_ token: Token) -> Bool
  /// Parses a type name at `index`; returns the type and the index after it.
  func parseTypeName(_ tokens: [Token], at index: Int) -> (CType, Int)?
  func size(of type: CType) -> Int?
  func alignment(of type: CType) -> Int?
  /// Strips typedefs.
  func canonical(_ type: CType) -> CType
  /// Type and byte offset of `.name` inside a record type.
  func member(_ name: String, of type: CType) -> (CType, Int)?
  func enumConstant(_ name: Int32) -> IntegerValue?
}

/// Evaluates C integer constant expressions with C's types and conversions for one ABI, so
/// `~0UL` is 0xffffffff on i386 and `-1` stays negative.
///
/// Preprocessor mode computes in `intmax_t`/`uintmax_t` and knows no types; C mode understands
/// casts, `sizeof`, `_Alignof`, `offsetof`, enum constants and `sizeof(((T *)0)->member)`.
struct ConstantEvaluator {
  enum Mode {
    case preprocessor(ABI)
    case c(ABI, TypeContext)
  }

  struct Failure: Error {
    var message: String
    var index: Int
  }

  let tokens: [Token]
  let spelling: (Int32) -> String
  let mode: Mode
  var index = 0
  private var depth = 0
  /// Parentheses and unary operators nested deeper than `limits.nesting` fail.
  let limits: InputLimits

  init(tokens: [Token], spelling: @escaping (Int32) -> String, mode: Mode, limits: InputLimits) {
    self.tokens = tokens
    self.spelling = spelling
    self.mode = mode
    self.limits = limits
  }

  var abi: ABI {
    switch mode {
    case .preprocessor(let abi), .c(let abi, _): abi
    }
  }
  var context: TypeContext? {
    if case .c(_, let context) = mode { return context }
    return nil
  }
  var isPreprocessor: Bool { context == nil }

  /// Evaluates all tokens as one expression.
  mutating func evaluateAll() -> Result<IntegerValue, Failure> {
    do {
      let v = try expression()
      if index < tokens.count { throw fail("unexpected '\(spelling(tokens[index].id))'") }
      return .success(v)
    } catch let failure as Failure {
      return .failure(failure)
    } catch {
      return .failure(Failure(message: "\(error)", index: index))
    }
  }

  // MARK: Grammar

  private func fail(_ message: String) -> Failure { Failure(message: message, index: min(index, tokens.count)) }

  private func at(_ s: Sym) -> Bool { index < tokens.count && tokens[index].is(s) }

  private mutating func accept(_ s: Sym) -> Bool {
    if at(s) {
      index += 1
      return true
    }
    return false
  }

  private mutating func expect(_ s: Sym) throws {
    guard accept(s) else { throw fail("expected '\(s.spelling)'") }
  }

  private mutating func nested<T>(_ body: (inout ConstantEvaluator) throws -> T) throws -> T {
    depth += 1
    defer { depth -= 1 }
    if depth > limits.nesting { throw fail("expression nested more than \(limits.nesting) deep \(limits.hint(\.nesting))") }
    return try body(&self)
  }

  mutating func expression() throws -> IntegerValue {
    var v = try conditional()
    while accept(.comma) { v = try conditional() }
    return v
  }

  private mutating func conditional() throws -> IntegerValue {
    let c = try binary(0)
    guard accept(.question) else { return c }
    // Only the chosen operand is evaluated: `__builtin_constant_p(x) ? const : fn(x)` is constant.
    // The result still has the type both operands convert to (-1 : 0u is unsigned).
    if c.bits != 0 {
      let a = try nested { try $0.expression() }
      try expect(.colon)
      var probe = self
      let other = try? probe.nested { try $0.conditional() }
      try skipOperand()
      return other.map { convert(a, $0).0 } ?? a
    }
    var probe = self
    let other = try? probe.nested { try $0.expression() }
    try skipOperand(untilColon: true)
    try expect(.colon)
    let b = try nested { try $0.conditional() }
    return other.map { convert($0, b).1 } ?? b
  }

  /// Steps over an operand that is not evaluated: to the `:` of this `?` or the end of the
  /// conditional expression.
  private mutating func skipOperand(untilColon: Bool = false) throws {
    var depth = 0
    var questions = 0
    while index < tokens.count {
      let t = tokens[index]
      if t.is(.lparen) || t.is(.lbracket) {
        depth += 1
      } else if t.is(.rparen) || t.is(.rbracket) {
        if depth == 0 { return }
        depth -= 1
      } else if depth == 0 {
        if t.is(.question) {
          questions += 1
        } else if t.is(.colon) {
          if questions == 0 {
            if untilColon { return }
            return
          }
          questions -= 1
        } else if t.is(.comma) && !untilColon {
          return
        }
      }
      index += 1
    }
    if untilColon { throw fail("expected ':'") }
  }

  private static let precedence: [Sym: Int] = [
    .pipePipe: 1, .ampAmp: 2, .pipe: 3, .caret: 4, .amp: 5, .equalEqual: 6, .notEqual: 6,
    .less: 7, .greater: 7, .lessEqual: 7, .greaterEqual: 7, .shiftLeft: 8, .shiftRight: 8,
    .plus: 9, .minus: 9, .star: 10, .slash: 10, .percent: 10,
  ]

  private mutating func binary(_ minPrecedence: Int) throws -> IntegerValue {
    // Not a level of its own: with it every parenthesis would count twice against the limit.
    var lhs = try unary()
    while index < tokens.count, tokens[index].kind == .punctuator,
      let op = Sym(rawValue: tokens[index].id), let p = ConstantEvaluator.precedence[op], p > minPrecedence
    {
      index += 1
      let rhs = try nested { try $0.binary(p) }
      lhs = try apply(op, lhs, rhs)
    }
    return lhs
  }

  private mutating func unary() throws -> IntegerValue {
    guard index < tokens.count else { throw fail("expected an expression") }
    let t = tokens[index]
    if t.kind == .punctuator {
      switch Sym(rawValue: t.id) {
      case .plus?:
        index += 1
        return promote(try nested { try $0.unary() })
      case .minus?:
        index += 1
        let v = promote(try nested { try $0.unary() })
        return normalize(0 &- v.bits, v.type)
      case .tilde?:
        index += 1
        let v = promote(try nested { try $0.unary() })
        return normalize(~v.bits, v.type)
      case .bang?:
        index += 1
        let v = try nested { try $0.unary() }
        return IntegerValue(bits: v.bits == 0 ? 1 : 0, type: intType)
      case .lparen?:
        if let context, index + 1 < tokens.count, context.startsTypeName(tokens[index + 1]),
          let (type, next) = context.parseTypeName(tokens, at: index + 1), next < tokens.count, tokens[next].is(.rparen)
        {
          index = next + 1
          // gcc (not clang) folds `(long)&((T *)0)->member` as the member's offset.
          if !abi.isClangTarget, at(.amp), case .builtin(let b) = context.canonical(type), b.isInteger {
            let save = index
            index += 1
            if let offset = try? nested({ try $0.memberAddress(context) }) {
              return normalize(UInt64(bitPattern: Int64(offset)), b)
            }
            index = save
          }
          let v = try nested { try $0.unary() }
          return try cast(v, to: type)
        }
        index += 1
        let v = try nested { try $0.expression() }
        try expect(.rparen)
        return v
      default:
        break
      }
    }
    if t.is(.kwSizeof) || t.is(.kwAlignof) || t.is(.kwAlignofGNU) || t.is(.kwAlignofGNU2) {
      return try sizeOrAlignment(isSize: t.is(.kwSizeof))
    }
    return try primary()
  }

  private mutating func primary() throws -> IntegerValue {
    let t = tokens[index]
    switch t.kind {
    case .number:
      index += 1
      return try number(spelling(t.id))
    case .character:
      index += 1
      return try character(spelling(t.id))
    case .identifier:
      // Plain `offsetof` is a macro from <stddef.h>; without that include it is a function call.
      if t.is(.kwBuiltinOffsetof), let context {
        return try offsetof(context)
      }
      if t.is(.kwBuiltinConstantP) {
        index += 1
        try expect(.lparen)
        let start = index
        var probe = self
        probe.index = start
        let isConstant = (try? probe.expression()) != nil && probe.at(.rparen)
        index = start
        try skipOperand()
        try expect(.rparen)
        return IntegerValue(bits: isConstant ? 1 : 0, type: intType)
      }
      if let context, let v = context.enumConstant(t.id) {
        index += 1
        return v
      }
      if isPreprocessor {
        index += 1
        return IntegerValue(bits: 0, type: intType)
      }
      throw fail("'\(spelling(t.id))' is not a constant")
    case .string:
      throw fail("a string is not an integer constant")
    default:
      throw fail("unexpected '\(spelling(t.id))'")
    }
  }

  // MARK: sizeof, offsetof

  private mutating func sizeOrAlignment(isSize: Bool) throws -> IntegerValue {
    let word = spelling(tokens[index].id)
    index += 1
    guard let context else { throw fail("'\(word)' in a preprocessor expression") }
    var type: CType?
    if let length = stringLiteralLength() {
      return IntegerValue(bits: UInt64(isSize ? length : 1), type: sizeType)
    }
    if at(.lparen), index + 1 < tokens.count, context.startsTypeName(tokens[index + 1]),
      let (t, next) = context.parseTypeName(tokens, at: index + 1), next < tokens.count, tokens[next].is(.rparen)
    {
      type = t
      index = next + 1
    } else {
      type = try nested { try $0.typeOfOperand(context) }
    }
    guard let type else { throw fail("cannot take \(word) of this expression") }
    let value = isSize ? context.size(of: type) : context.alignment(of: type)
    guard let value else { throw fail("\(word) of an incomplete or unknown type") }
    return IntegerValue(bits: UInt64(value), type: sizeType)
  }

  /// `sizeof "abc"` or `sizeof("a" "b")`: bytes of the (concatenated) string with its NUL.
  private mutating func stringLiteralLength() -> Int? {
    var k = index
    var parens = 0
    while k < tokens.count, tokens[k].is(.lparen) {
      parens += 1
      k += 1
    }
    guard k < tokens.count, tokens[k].kind == .string else { return nil }
    var length = 0
    while k < tokens.count, tokens[k].kind == .string {
      length += ConstantEvaluator.stringBytes(spelling(tokens[k].id))
      k += 1
    }
    for _ in 0..<parens {
      guard k < tokens.count, tokens[k].is(.rparen) else { return nil }
      k += 1
    }
    index = k
    return length + 1
  }

  /// Bytes a narrow string literal stores, escapes counted once, without the NUL.
  static func stringBytes(_ literal: String) -> Int {
    let body = Array(literal.utf8.drop { $0 != UInt8(ascii: "\"") }.dropFirst().dropLast())
    var count = 0
    var i = 0
    while i < body.count {
      if body[i] == UInt8(ascii: "\\"), i + 1 < body.count {
        let e = body[i + 1]
        i += 2
        if e == UInt8(ascii: "x") {
          while i < body.count, (body[i] >= 48 && body[i] <= 57) || (body[i] | 0x20 >= 97 && body[i] | 0x20 <= 102) { i += 1 }
        } else if e >= 48 && e <= 55 {
          var n = 1
          while n < 3, i < body.count, body[i] >= 48, body[i] <= 55 {
            i += 1
            n += 1
          }
        }
      } else {
        i += 1
      }
      count += 1
    }
    return count
  }

  /// The type of `sizeof`'s operand when it is an expression: `((T *)0)->a.b[1]`, a
  /// parenthesised one of those, or any integer expression.
  private mutating func typeOfOperand(_ context: TypeContext) throws -> CType? {
    let start = index
    if let t = try memberAccessType(context) { return t }
    index = start
    let v = try unary()
    return .builtin(v.type)
  }

  /// `((T *)0)->member…`, possibly wrapped in parentheses; nil (index unchanged) otherwise.
  private mutating func memberAccessType(_ context: TypeContext) throws -> CType? {
    let start = index
    guard accept(.lparen) else { return nil }
    if at(.lparen), index + 1 < tokens.count, context.startsTypeName(tokens[index + 1]),
      let (pointerType, next) = context.parseTypeName(tokens, at: index + 1),
      next + 2 < tokens.count, tokens[next].is(.rparen), tokens[next + 1].kind == .number,
      spelling(tokens[next + 1].id) == "0", tokens[next + 2].is(.rparen)
    {
      index = next + 3
      guard case .pointer(let pointee) = context.canonical(pointerType), accept(.arrow),
        index < tokens.count, tokens[index].kind == .identifier,
        let (m, _) = context.member(spelling(tokens[index].id), of: pointee)
      else { throw fail("no such member") }
      index += 1
      return try postfix(m, context)
    }
    if let inner = try nested({ try $0.memberAccessType(context) }), accept(.rparen) {
      return try postfix(inner, context)
    }
    index = start
    return nil
  }

  /// The byte offset addressed by `((T *)0)->a.b[2]` (parenthesised or not); throws otherwise.
  private mutating func memberAddress(_ context: TypeContext) throws -> Int {
    // `(((T *)0)->m)`: the last two of the opening parentheses belong to `((T *)0)`.
    var run = 0
    while index + run < tokens.count, tokens[index + run].is(.lparen) { run += 1 }
    guard run >= 2 else { throw fail("not a member address") }
    let parens = run - 2
    index += parens
    guard accept(.lparen), accept(.lparen), index < tokens.count, context.startsTypeName(tokens[index]),
      let (pointerType, next) = context.parseTypeName(tokens, at: index)
    else { throw fail("not a member address") }
    index = next
    guard accept(.rparen), index < tokens.count, tokens[index].kind == .number, spelling(tokens[index].id) == "0"
    else { throw fail("not a member address") }
    index += 1
    guard accept(.rparen), case .pointer(let pointee) = context.canonical(pointerType), accept(.arrow) else {
      throw fail("not a member address")
    }
    let offset = try designatorOffset(in: pointee, context).offset
    for _ in 0..<parens { try expect(.rparen) }
    return offset
  }

  /// `a.b[2].c` after `offsetof(T,` or `((T *)0)->`: the member's type and byte offset in `type`.
  private mutating func designatorOffset(in type: CType, _ context: TypeContext) throws -> (type: CType, offset: Int) {
    var current = type
    var offset = 0
    var first = true
    while true {
      if first || accept(.dot) {
        guard index < tokens.count, tokens[index].kind == .identifier,
          let (m, o) = context.member(spelling(tokens[index].id), of: current)
        else { throw fail("no such member") }
        index += 1
        current = m
        offset += o
        first = false
      } else if accept(.lbracket) {
        let i = try expression()
        try expect(.rbracket)
        guard case .array(let element, _) = context.canonical(current), let size = context.size(of: element) else {
          throw fail("subscript of a non-array")
        }
        let (scaled, o1) = Int(truncatingIfNeeded: i.signed).multipliedReportingOverflow(by: size)
        let (sum, o2) = offset.addingReportingOverflow(scaled)
        if o1 || o2 { throw fail("offset out of range") }
        offset = sum
        current = element
      } else {
        return (current, offset)
      }
    }
  }

  private mutating func postfix(_ type: CType, _ context: TypeContext) throws -> CType {
    var type = type
    while true {
      if accept(.dot) {
        guard index < tokens.count, let (m, _) = context.member(spelling(tokens[index].id), of: type) else {
          throw fail("no such member")
        }
        index += 1
        type = m
      } else if accept(.lbracket) {
        _ = try expression()
        try expect(.rbracket)
        guard case .array(let element, _) = context.canonical(type) else { throw fail("subscript of a non-array") }
        type = element
      } else {
        return type
      }
    }
  }

  private mutating func offsetof(_ context: TypeContext) throws -> IntegerValue {
    index += 1
    try expect(.lparen)
    guard index < tokens.count, let (type, next) = context.parseTypeName(tokens, at: index) else {
      throw fail("expected a type in offsetof")
    }
    index = next
    try expect(.comma)
    let offset = try designatorOffset(in: type, context).offset
    try expect(.rparen)
    return normalize(UInt64(bitPattern: Int64(offset)), sizeType)
  }

  // MARK: Types and conversions

  var intType: BuiltinType { isPreprocessor ? .longLong : .int }
  var sizeType: BuiltinType { abi.pointerSize == 8 ? .unsignedLong : .unsignedInt }

  func width(_ t: BuiltinType) -> Int {
    if isPreprocessor { return 64 }
    switch t {
    case .char, .signedChar, .unsignedChar, .bool: return 8
    case .short, .unsignedShort: return 16
    case .int, .unsignedInt: return 32
    case .long, .unsignedLong: return abi.longSize * 8
    case .int128, .unsignedInt128: return 64  // evaluated in 64 bits
    default: return 64
    }
  }

  func isSigned(_ t: BuiltinType) -> Bool {
    switch t {
    case .char: return abi.charIsSigned
    case .signedChar, .short, .int, .long, .longLong, .int128: return true
    default: return false
    }
  }

  private func rank(_ t: BuiltinType) -> Int {
    switch t {
    case .bool: 0
    case .char, .signedChar, .unsignedChar: 1
    case .short, .unsignedShort: 2
    case .int, .unsignedInt: 3
    case .long, .unsignedLong: 4
    case .longLong, .unsignedLongLong: 5
    default: 6
    }
  }

  private func unsignedVersion(_ t: BuiltinType) -> BuiltinType {
    switch t {
    case .int: .unsignedInt
    case .long: .unsignedLong
    case .longLong: .unsignedLongLong
    case .int128: .unsignedInt128
    default: t
    }
  }

  /// Truncates to the type's width and sign- or zero-extends back to 64 bits.
  func normalize(_ bits: UInt64, _ type: BuiltinType) -> IntegerValue {
    let w = width(type)
    var b = bits
    if w < 64 {
      let mask: UInt64 = (1 << UInt64(w)) - 1
      b &= mask
      if isSigned(type) && b & (1 << UInt64(w - 1)) != 0 { b |= ~mask }
    }
    return IntegerValue(bits: b, type: type)
  }

  private func promote(_ v: IntegerValue) -> IntegerValue {
    if isPreprocessor {
      return IntegerValue(bits: v.bits, type: isSigned(v.type) ? .longLong : .unsignedLongLong)
    }
    if rank(v.type) < rank(.int) { return normalize(v.bits, .int) }
    return v
  }

  private func convert(_ a: IntegerValue, _ b: IntegerValue) -> (IntegerValue, IntegerValue) {
    let a = promote(a)
    let b = promote(b)
    if a.type == b.type { return (a, b) }
    let t = commonType(a.type, b.type)
    return (normalize(a.bits, t), normalize(b.bits, t))
  }

  private func commonType(_ x: BuiltinType, _ y: BuiltinType) -> BuiltinType {
    let sx = isSigned(x)
    let sy = isSigned(y)
    if sx == sy { return rank(x) >= rank(y) ? x : y }
    let (s, u) = sx ? (x, y) : (y, x)
    if rank(u) >= rank(s) { return u }
    if width(s) > width(u) { return s }
    return unsignedVersion(s)
  }

  private func cast(_ v: IntegerValue, to type: CType) throws -> IntegerValue {
    guard let context else { return v }
    switch context.canonical(type) {
    case .builtin(let b) where b == .bool:
      return IntegerValue(bits: v.bits == 0 ? 0 : 1, type: .bool)
    case .builtin(let b) where b.isInteger:
      return normalize(v.bits, b)
    case .enumeration:
      return normalize(v.bits, .unsignedInt)
    case .void:
      throw fail("cast to void is not an integer constant")
    case .pointer:
      throw fail("a pointer is not an integer constant")
    default:
      throw fail("cast to a non-integer type")
    }
  }

  private func apply(_ op: Sym, _ l: IntegerValue, _ r: IntegerValue) throws -> IntegerValue {
    switch op {
    case .ampAmp: return IntegerValue(bits: (l.bits != 0 && r.bits != 0) ? 1 : 0, type: intType)
    case .pipePipe: return IntegerValue(bits: (l.bits != 0 || r.bits != 0) ? 1 : 0, type: intType)
    case .shiftLeft, .shiftRight:
      let a = promote(l)
      let count = promote(r)
      if isSigned(count.type) && count.signed < 0 { throw fail("negative shift count") }
      let w = width(a.type)
      if count.bits >= UInt64(w) {
        if op == .shiftLeft { return normalize(0, a.type) }
        return normalize(isSigned(a.type) && a.signed < 0 ? ~0 : 0, a.type)
      }
      if op == .shiftLeft { return normalize(a.bits << count.bits, a.type) }
      if isSigned(a.type) { return normalize(UInt64(bitPattern: a.signed >> Int64(count.bits)), a.type) }
      return normalize(a.bits >> count.bits, a.type)
    default:
      break
    }
    let (a, b) = convert(l, r)
    let t = a.type
    let signed = isSigned(t)
    func bool(_ x: Bool) -> IntegerValue { IntegerValue(bits: x ? 1 : 0, type: intType) }
    switch op {
    case .plus: return normalize(a.bits &+ b.bits, t)
    case .minus: return normalize(a.bits &- b.bits, t)
    case .star: return normalize(a.bits &* b.bits, t)
    case .slash, .percent:
      if b.bits == 0 { throw fail("division by zero") }
      if signed {
        if a.signed == Int64.min && b.signed == -1 { return normalize(op == .slash ? a.bits : 0, t) }
        return normalize(UInt64(bitPattern: op == .slash ? a.signed / b.signed : a.signed % b.signed), t)
      }
      return normalize(op == .slash ? a.bits / b.bits : a.bits % b.bits, t)
    case .amp: return normalize(a.bits & b.bits, t)
    case .pipe: return normalize(a.bits | b.bits, t)
    case .caret: return normalize(a.bits ^ b.bits, t)
    case .equalEqual: return bool(a.bits == b.bits)
    case .notEqual: return bool(a.bits != b.bits)
    case .less: return bool(signed ? a.signed < b.signed : a.bits < b.bits)
    case .greater: return bool(signed ? a.signed > b.signed : a.bits > b.bits)
    case .lessEqual: return bool(signed ? a.signed <= b.signed : a.bits <= b.bits)
    case .greaterEqual: return bool(signed ? a.signed >= b.signed : a.bits >= b.bits)
    default: throw fail("unsupported operator")
    }
  }

  // MARK: Literals

  /// An integer literal's digits and suffixes, read from its bytes.
  struct IntegerLiteral {
    var value: UInt64
    var unsignedSuffix: Bool
    var longs: Int
    var radix: Int
  }

  static func integerLiteral(_ text: String) -> IntegerLiteral? {
    var bytes = Array(text.utf8)
    var unsignedSuffix = false
    var longs = 0
    while let last = bytes.last {
      if last == UInt8(ascii: "u") || last == UInt8(ascii: "U") {
        unsignedSuffix = true
      } else if last == UInt8(ascii: "l") || last == UInt8(ascii: "L") {
        longs += 1
      } else {
        break
      }
      bytes.removeLast()
    }
    if longs > 2 { return nil }
    var radix: UInt64 = 10
    var i = 0
    if bytes.count > 2, bytes[0] == UInt8(ascii: "0"), bytes[1] | 0x20 == UInt8(ascii: "x") {
      radix = 16
      i = 2
    } else if bytes.count > 2, bytes[0] == UInt8(ascii: "0"), bytes[1] | 0x20 == UInt8(ascii: "b") {
      radix = 2
      i = 2
    } else if bytes.count > 1, bytes[0] == UInt8(ascii: "0") {
      radix = 8
      i = 1
    }
    guard i < bytes.count else { return nil }
    var value: UInt64 = 0
    while i < bytes.count {
      let c = bytes[i]
      let d: UInt64
      switch c {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt64(c - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt64(c - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt64(c - UInt8(ascii: "A") + 10)
      default: return nil
      }
      guard d < radix else { return nil }
      let (m, o1) = value.multipliedReportingOverflow(by: radix)
      let (a, o2) = m.addingReportingOverflow(d)
      if o1 || o2 { return nil }
      value = a
      i += 1
    }
    return IntegerLiteral(value: value, unsignedSuffix: unsignedSuffix, longs: longs, radix: Int(radix))
  }

  private static let decimalTypes: [[BuiltinType]] = [[.int, .long, .longLong], [.long, .longLong], [.longLong]]
  private static let otherTypes: [[BuiltinType]] = [
    [.int, .unsignedInt, .long, .unsignedLong, .longLong, .unsignedLongLong],
    [.long, .unsignedLong, .longLong, .unsignedLongLong], [.longLong, .unsignedLongLong],
  ]
  private static let unsignedTypes: [[BuiltinType]] = [
    [.unsignedInt, .unsignedLong, .unsignedLongLong], [.unsignedLong, .unsignedLongLong], [.unsignedLongLong],
  ]

  private func number(_ text: String) throws -> IntegerValue {
    guard let literal = ConstantEvaluator.integerLiteral(text) else {
      if text.contains(".") || (!text.hasPrefix("0x") && !text.hasPrefix("0X") && (text.contains("e") || text.contains("E"))) {
        throw fail("a floating constant is not an integer constant")
      }
      throw fail("invalid integer constant '\(text)'")
    }
    let value = literal.value
    let unsignedSuffix = literal.unsignedSuffix
    let longs = literal.longs
    let radix = literal.radix
    if isPreprocessor {
      let u = unsignedSuffix || value > UInt64(Int64.max)
      return IntegerValue(bits: value, type: u ? .unsignedLongLong : .longLong)
    }
    // C11 6.4.4.1: the first type in the list that can represent the value.
    let candidates =
      unsignedSuffix
      ? ConstantEvaluator.unsignedTypes[longs] : radix == 10 ? ConstantEvaluator.decimalTypes[longs] : ConstantEvaluator.otherTypes[longs]
    for c in candidates {
      let w = width(c)
      let limit: UInt64 = isSigned(c) ? (1 << UInt64(w - 1)) - 1 : (w == 64 ? UInt64.max : (1 << UInt64(w)) - 1)
      if value <= limit { return IntegerValue(bits: value, type: c) }
    }
    // gcc gives a too-large decimal constant the type unsigned long long (with a warning).
    return IntegerValue(bits: value, type: .unsignedLongLong)
  }

  private func character(_ text: String) throws -> IntegerValue {
    var s = Substring(text)
    var wide = false
    if let q = s.firstIndex(of: "'"), q != s.startIndex {
      wide = true
      s = s[q...]
    }
    guard s.count >= 2, s.hasPrefix("'"), s.hasSuffix("'") else { throw fail("invalid character constant") }
    let body = Array(s.dropFirst().dropLast().utf8)
    var values: [UInt64] = []
    var i = 0
    while i < body.count {
      var c = UInt64(body[i])
      i += 1
      if c == UInt64(UInt8(ascii: "\\")) && i < body.count {
        let e = body[i]
        i += 1
        switch e {
        case UInt8(ascii: "n"): c = 10
        case UInt8(ascii: "t"): c = 9
        case UInt8(ascii: "r"): c = 13
        case UInt8(ascii: "a"): c = 7
        case UInt8(ascii: "b"): c = 8
        case UInt8(ascii: "f"): c = 12
        case UInt8(ascii: "v"): c = 11
        case UInt8(ascii: "e"): c = 27
        case UInt8(ascii: "x"):
          c = 0
          while i < body.count, let d = hexValue(body[i]) {
            c = c &* 16 &+ d
            i += 1
          }
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
          c = UInt64(e - UInt8(ascii: "0"))
          var n = 1
          while n < 3, i < body.count, body[i] >= UInt8(ascii: "0"), body[i] <= UInt8(ascii: "7") {
            c = c * 8 + UInt64(body[i] - UInt8(ascii: "0"))
            i += 1
            n += 1
          }
        default: c = UInt64(e)
        }
      }
      values.append(c)
    }
    guard !values.isEmpty else { throw fail("empty character constant") }
    if wide { return normalize(values[0], abi.isClangTarget ? .unsignedInt : .int) }
    if values.count == 1 {
      let c = values[0] & 0xff
      // A plain char constant has the signedness of char.
      if abi.charIsSigned && c >= 0x80 { return normalize(c | ~0xff, intType) }
      return IntegerValue(bits: c, type: intType)
    }
    var v: UInt64 = 0
    for c in values { v = v << 8 | (c & 0xff) }
    return normalize(v, intType)
  }

  private func hexValue(_ c: UInt8) -> UInt64? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt64(c - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt64(c - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt64(c - UInt8(ascii: "A") + 10)
    default: nil
    }
  }
}
