/// Spellings every interner starts with, so the preprocessor and parser compare ids, not strings.
/// The raw value is the interned id.
enum Sym: Int32, CaseIterable {
  // punctuators
  case lparen, rparen, lbracket, rbracket, lbrace, rbrace, comma, semicolon, colon, question
  case tilde, bang, notEqual, percent, percentAssign, amp, ampAmp, ampAssign, star, starAssign
  case plus, plusPlus, plusAssign, minus, minusMinus, minusAssign, arrow, dot, ellipsis, slash
  case slashAssign, less, shiftLeft, shiftLeftAssign, lessEqual, assign, equalEqual, greater
  case greaterEqual, shiftRight, shiftRightAssign, caret, caretAssign, pipe, pipePipe, pipeAssign
  case hash, hashHash
  // preprocessor words
  case kwDefine, kwUndef, kwInclude, kwIncludeNext, kwIf, kwIfdef, kwIfndef, kwElif, kwElse, kwEndif
  case kwError, kwWarning, kwPragma, kwLine, kwDefined, kwVaArgs, kwHasInclude, kwHasIncludeNext
  case kwHasAttribute, kwHasBuiltin, kwHasFeature, kwHasExtension, kwOnce, kwElifdef, kwElifndef
  // C words
  case kwStruct, kwUnion, kwEnum, kwTypedef, kwSizeof, kwAlignof, kwAlignofGNU, kwAlignofGNU2
  case kwVoid, kwChar, kwShort, kwInt, kwLong, kwSigned, kwSigned2, kwSigned3, kwUnsigned, kwBool
  case kwFloat, kwDouble, kwInt128, kwInt128b, kwUInt128b, kwFloat128
  case kwConst, kwConst2, kwConst3, kwVolatile, kwVolatile2, kwVolatile3, kwRestrict, kwRestrict2
  case kwRestrict3, kwAtomic, kwExtern, kwStatic, kwInline, kwInline2, kwInline3, kwRegister, kwAuto
  case kwThreadLocal, kwThread, kwAttribute, kwAttribute2, kwExtension, kwAsm, kwAsm2, kwAsm3
  case kwTypeof, kwTypeof2, kwTypeof3, kwStaticAssert, kwStaticAssert2, kwBuiltinOffsetof
  case kwBuiltinVaList, kwAlignas, kwNoreturn, kwComplex, kwDeclspec, kwOffsetof, kwBuiltinConstantP, kwPack

  var spelling: String { Sym.spellings[Int(rawValue)] }

  static let spellings: [String] = [
    "(", ")", "[", "]", "{", "}", ",", ";", ":", "?",
    "~", "!", "!=", "%", "%=", "&", "&&", "&=", "*", "*=",
    "+", "++", "+=", "-", "--", "-=", "->", ".", "...", "/",
    "/=", "<", "<<", "<<=", "<=", "=", "==", ">",
    ">=", ">>", ">>=", "^", "^=", "|", "||", "|=",
    "#", "##",
    "define", "undef", "include", "include_next", "if", "ifdef", "ifndef", "elif", "else", "endif",
    "error", "warning", "pragma", "line", "defined", "__VA_ARGS__", "__has_include", "__has_include_next",
    "__has_attribute", "__has_builtin", "__has_feature", "__has_extension", "once", "elifdef", "elifndef",
    "struct", "union", "enum", "typedef", "sizeof", "_Alignof", "__alignof__", "__alignof",
    "void", "char", "short", "int", "long", "signed", "__signed__", "__signed", "unsigned", "_Bool",
    "float", "double", "__int128", "__int128_t", "__uint128_t", "_Float128",
    "const", "__const", "__const__", "volatile", "__volatile", "__volatile__", "restrict", "__restrict",
    "__restrict__", "_Atomic", "extern", "static", "inline", "__inline", "__inline__", "register", "auto",
    "_Thread_local", "__thread", "__attribute__", "__attribute", "__extension__", "asm", "__asm", "__asm__",
    "typeof", "__typeof__", "__typeof", "_Static_assert", "static_assert", "__builtin_offsetof",
    "__builtin_va_list", "_Alignas", "_Noreturn", "_Complex", "__declspec", "offsetof", "__builtin_constant_p", "pack",
  ]
}
