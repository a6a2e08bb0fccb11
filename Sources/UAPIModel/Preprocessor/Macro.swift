/// A macro as `#define` wrote it.
struct Macro {
  var name: Int32
  /// nil for an object-like macro. A variadic macro's last parameter is `__VA_ARGS__` or the
  /// named `args...` parameter.
  var parameters: [Int32]?
  var isVariadic: Bool
  var body: [Token]
  var file: Int32
  var offset: Int32

  var isFunctionLike: Bool { parameters != nil }

  func parameterIndex(_ token: Token) -> Int? {
    guard token.kind == .identifier, let parameters else { return nil }
    return parameters.firstIndex(of: token.id)
  }

  /// Same definition as `other` (a redefinition that C allows silently).
  func isSame(as other: Macro) -> Bool {
    guard parameters == other.parameters, isVariadic == other.isVariadic, body.count == other.body.count else {
      return false
    }
    for (a, b) in zip(body, other.body) where a.id != b.id || (a.hasSpaceBefore != b.hasSpaceBefore && a.id != body.first?.id) {
      return false
    }
    return true
  }
}

/// Every `#define` and `#undef` in the order met, kept for the model and for later evaluation.
struct MacroEvent {
  var macro: Macro
  var isUndef: Bool
}
