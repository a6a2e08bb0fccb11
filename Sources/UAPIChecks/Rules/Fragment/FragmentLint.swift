public import Diagnostics
public import MailSeries

/// Header rules that can run on the added lines of a uAPI header hunk when no base header is
/// known (U1–U8 on member lines, I2 on `_IOx` defines, H1, H2 and H7 on the text). Each finding
/// points at the mail line; each header file also gets one note saying what needs the whole
/// header and how to give it.
public enum FragmentLint {
  /// Runs the fragment rules on a patch's file diffs.
  ///
  /// - Parameters:
  ///   - files: the patch's file diffs; only `.h` files under a `uapi/` directory are read.
  ///   - mailPath: the file findings point into.
  ///   - patchLine: the input line of the patch text's first line (`MailMessage.patchLine`), so
  ///     patch line k is mail line `patchLine + k - 1`.
  /// - Returns: findings ordered by line and column, then the notes.
  public static func run(files: [FileDiff], mailPath: String, patchLine: Int) -> [RuleFinding] {
    var out: [RuleFinding] = []
    for file in files where file.path.hasSuffix(".h") && file.path.contains("uapi/") && !file.isBinary {
      for hunk in file.hunks {
        // The finding points into the mail; name the header it concerns (waivers match it).
        out += lint(hunk, mailPath: mailPath, patchLine: patchLine).map { f in
          var f = f
          f.evidence.append("in \(file.path)")
          return f
        }
      }
      let rule = RuleCatalogue.fragmentLimits
      out.append(
        RuleFinding(
          rule: rule.id, severity: rule.severity,
          message: "\(file.path): only the added lines were checked; layout, documentation and command rules need the "
            + "whole header (--base-repo R --base-rev REV, or --base FILE)",
          location: SourceLocation(file: mailPath, line: patchLine + file.line - 1, column: 1),
          excerpt: file.rawHeader.first.map { SeriesContext.strippedExcerpt($0) }, help: rule.help))
    }
    return out.sorted {
      ($0.rule == RuleCatalogue.fragmentLimits.id ? 1 : 0, $0.location?.line ?? 0, $0.location?.column ?? 0)
        < ($1.rule == RuleCatalogue.fragmentLimits.id ? 1 : 0, $1.location?.line ?? 0, $1.location?.column ?? 0)
    }
  }

  /// Runs the fragment rules on the patch of one mail.
  public static func run(mail: MailMessage) -> [RuleFinding] {
    var parser = PatchParser(path: mail.path)
    let parsed = parser.parse(mail.patch)
    return run(files: parsed.files, mailPath: mail.path, patchLine: mail.patchLine ?? mail.line)
  }

  /// The new side of a hunk read as a small header (comment and `__KERNEL__` state known only
  /// from the hunk), with the added lines checked.
  static func lint(_ hunk: Hunk, mailPath: String, patchLine: Int) -> [RuleFinding] {
    var newSide: [(text: String, added: Bool, mailLine: Int, raw: String)] = []
    for (k, hl) in hunk.lines.enumerated() where hl.kind == .added || hl.kind == .context {
      newSide.append((hl.text, hl.kind == .added, patchLine + hunk.line + k, SeriesContext.strippedExcerpt(hl.raw)))
    }
    let source = HeaderSource(path: mailPath, text: newSide.map(\.text).joined(separator: "\n") + "\n")
    var out: [RuleFinding] = []
    func report(_ rule: Rule, _ message: String, _ i: Int, column: Int, severity: Diagnostics.Severity? = nil) {
      // Columns count the diff's first column, as the mail shows the line.
      out.append(
        RuleFinding(
          rule: rule.id, severity: severity ?? rule.severity, message: message,
          location: SourceLocation(file: mailPath, line: newSide[i].mailLine, column: column + 1),
          excerpt: newSide[i].raw, help: rule.help))
    }
    for (i, line) in newSide.enumerated() where line.added && i < source.code.count {
      let code = source.code[i]
      if let p = SPDXRule.problem(line.text) { report(RuleCatalogue.h1, p.message, i, column: p.column) }
      if !source.inKernelBlock[i] {
        for id in HeaderSource.identifiers(code) where id.name.hasPrefix("CONFIG_") {
          report(RuleCatalogue.h2, "'\(id.name)' leaks kernel configuration to userspace", i, column: id.column)
        }
        for (l, column) in source.lineComments where l == i + 1 {
          report(RuleCatalogue.h7, "C99 '//' comment; uAPI headers must compile as C90", i, column: column)
        }
      }
      if let d = HeaderSource.directive(code) {
        if d.name == "define", let problem = FragmentDeclarations.ioctlArgument(code) {
          report(RuleCatalogue.i2, problem.message, i, column: problem.column)
        }
        continue
      }
      for hit in FragmentDeclarations.member(code) {
        report(hit.rule, hit.message, i, column: hit.column, severity: hit.severity)
      }
    }
    return out
  }
}
