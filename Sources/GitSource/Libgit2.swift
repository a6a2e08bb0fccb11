import CGit2

/// The result of `git_libgit2_init`, which libgit2 wants before anything else.
///
/// A global `let` runs it once, lazily and thread-safely. It is never shut down: the process ends first.
private let libgit2Initialized: Int32 = git_libgit2_init()

/// Makes sure libgit2 is initialised; every entry point that opens or creates a repository calls it.
func ensureLibgit2() {
  _ = libgit2Initialized
}

/// Turns a libgit2 return code into a thrown ``GitSourceError`` saying what failed.
///
/// - Parameters:
///   - code: the return code; negative means failure.
///   - what: what was being done, evaluated only on failure.
func check(_ code: Int32, _ what: @autoclosure () -> String) throws {
  if code < 0 { throw GitSourceError.libgit2(what(), code: code) }
}

/// libgit2's text for the last failure on this thread, or the bare code when it left none.
func lastLibgit2Error(code: Int32) -> String {
  if let error = git_error_last(), let text = error.pointee.message {
    return String(cString: text)
  }
  return "libgit2 error \(code)"
}

/// The 40-digit hex form of an object id.
func hex(_ oid: UnsafePointer<git_oid>) -> String {
  // GIT_OID_HEXSZ digits plus the terminating NUL git_oid_tostr writes.
  var buffer = [CChar](repeating: 0, count: 41)
  git_oid_tostr(&buffer, buffer.count, oid)
  return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// Copies a libgit2 string that may be NULL.
func string(_ pointer: UnsafePointer<CChar>?) -> String {
  pointer.map { String(cString: $0) } ?? ""
}
