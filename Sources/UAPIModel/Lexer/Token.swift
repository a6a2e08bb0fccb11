/// What a token is. Spellings live in the `Interner`; `Token.id` points there.
enum TokenKind: UInt8 {
  case identifier
  case number
  case character
  case string
  case punctuator
  /// A byte that starts no C token (stray `@`, `` ` ``, control or binary bytes).
  case other
}

/// A preprocessing token: 20 bytes, no strings. `file`/`offset` say where it was written; tokens
/// produced by macro expansion keep the location of the macro name that was expanded.
struct Token {
  var kind: TokenKind
  var flags: UInt8
  var id: Int32
  var file: Int32
  var offset: Int32
  /// Index into the preprocessor's table of hide sets (the macros that must not expand this
  /// token again); 0 is the empty set.
  var hideSet: Int32 = 0

  static let atLineStart: UInt8 = 1
  static let spaceBefore: UInt8 = 2
  /// Painted: an identifier that named a macro being expanded, so it never expands again.
  static let noExpand: UInt8 = 4

  var isAtLineStart: Bool { flags & Token.atLineStart != 0 }
  var hasSpaceBefore: Bool { flags & Token.spaceBefore != 0 }

  func `is`(_ symbol: Sym) -> Bool { id == symbol.rawValue && (kind == .punctuator || kind == .identifier) }
}

/// A comment as the lexer saw it; kept so documentation can be attached to declarations.
struct Comment {
  var start: Int32
  var end: Int32
  /// `/** … */`: kernel-doc.
  var isDoc: Bool
}
