import Diagnostics

/// The diagnostics hunk application reports; ids are stable.
enum ApplyDiagnostics {
  static func at(_ patchPath: String, line: Int, _ excerpt: String?) -> SourceLocation {
    SourceLocation(file: patchPath, line: max(1, line), column: 1)
  }

  static func reject(
    file: String, hunkIndex: Int, hunk: Hunk, patchPath: String, patchLine: Int, excerpt: String?, why: String
  ) -> Diagnostic {
    let header = PatchParser.content(hunk.rawHeader)
    return Diagnostic(
      .error, id: "apply.reject",
      message: "hunk #\(hunkIndex + 1) of \(file) (\(header), patch line \(hunk.line)) does not apply: \(why)",
      location: at(patchPath, line: patchLine, excerpt), excerpt: excerpt)
  }

  static func binary(_ diff: FileDiff, patchPath: String) -> Diagnostic {
    Diagnostic(
      .error, id: "apply.binary",
      message: "binary diff of \(diff.path) is not applied; its content after the patch is unknown",
      location: at(patchPath, line: diff.line, nil), excerpt: diff.rawHeader.first.map(PatchParser.content))
  }

  static func exists(_ diff: FileDiff, patchPath: String) -> Diagnostic {
    Diagnostic(
      .error, id: "apply.exists",
      message: "\(diff.path) already exists, but the patch creates it",
      location: at(patchPath, line: diff.line, nil), excerpt: diff.rawHeader.first.map(PatchParser.content))
  }

  static func missing(_ diff: FileDiff, path: String, patchPath: String) -> Diagnostic {
    Diagnostic(
      .error, id: "apply.missing",
      message: "\(path) does not exist (or an earlier change removed it), but the patch changes it",
      location: at(patchPath, line: diff.line, nil), excerpt: diff.rawHeader.first.map(PatchParser.content))
  }

  static func deletionLeavesContent(_ diff: FileDiff, bytes: Int, patchPath: String) -> Diagnostic {
    Diagnostic(
      .error, id: "apply.delete-leaves-content",
      message: "the patch deletes \(diff.path), but \(bytes) bytes of it are not in the patch; the file is kept",
      location: at(patchPath, line: diff.line, nil), excerpt: diff.rawHeader.first.map(PatchParser.content))
  }

  static func noBase(_ diff: FileDiff, path: String, patchPath: String) -> Diagnostic {
    Diagnostic(
      .note, id: "apply.no-base",
      message: "no base content for \(path): keeping the hunks as fragments",
      location: at(patchPath, line: diff.line, nil), excerpt: diff.rawHeader.first.map(PatchParser.content))
  }

  static func fragmentConflict(
    file: String, hunkIndex: Int, hunk: Hunk, patchPath: String, patchLine: Int, excerpt: String?
  ) -> Diagnostic {
    Diagnostic(
      .warning, id: "apply.fragment-conflict",
      message:
        "hunk #\(hunkIndex + 1) of \(file) disagrees with what earlier patches showed of these lines; "
        + "its lines replace the earlier fragment",
      location: at(patchPath, line: patchLine, excerpt), excerpt: excerpt)
  }
}
