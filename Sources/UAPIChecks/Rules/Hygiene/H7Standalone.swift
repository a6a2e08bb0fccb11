import Diagnostics
import Foundation

/// H7: the header compiles alone as C90. In the text: no `//` comments and no `inline`/`asm`
/// keywords outside `__KERNEL__` blocks. With gcc installed (and `Options.compile`), the header
/// is included twice from a file compiled with `gcc -std=c90 -Wall
/// -Werror=implicit-function-declaration -fsyntax-only`; each error in the header is reported
/// at its line (a redefinition as H8, since the guard failed). Without gcc, one note says the
/// compile check did not run.
enum StandaloneRule: HeaderCheck {
  static let rule = RuleCatalogue.h7

  static func check(_ c: HeaderContext) -> [RuleFinding] {
    var out: [RuleFinding] = []
    for (line, column) in c.source.lineComments where !c.source.inKernelBlock[line - 1] {
      out.append(c.finding(rule, "C99 '//' comment; uAPI headers must compile as C90", line: line, column: column))
    }
    for (k, code) in c.source.code.enumerated() where !c.source.inKernelBlock[k] {
      // `#include <asm/x.h>` names a directory, not the keyword.
      if let d = HeaderSource.directive(code), d.name == "include" { continue }
      for id in HeaderSource.identifiers(code) where id.name == "inline" || id.name == "asm" {
        out.append(
          c.finding(rule, "'\(id.name)' is not C90; write __\(id.name)__", line: k + 1, column: id.column))
      }
    }
    guard c.options.compile else { return out }
    guard let gcc = c.options.compiler ?? CompileCheck.findCompiler() else {
      out.append(
        c.finding(
          rule, "compile check not run: gcc was not found (the text checks above still ran)", line: 1, column: 1,
          severity: .note))
      return out
    }
    // The include-twice failures are H8's; when the text check already reports a missing guard,
    // the compiler's redefinitions say nothing new. Including twice repeats errors: keep one.
    let guardMissing = !IncludeGuardRule.check(c).isEmpty
    var seen = Set<String>()
    for error in CompileCheck.run(compiler: gcc, header: c.path, text: c.source.lines.joined(separator: "\n") + "\n",
      includeDirectories: c.options.includeDirectories)
    {
      let isGuard = error.message.contains("redefinition") || error.message.contains("redeclaration")
        || error.message.contains("conflicting types")
      if isGuard && guardMissing { continue }
      guard seen.insert("\(error.line ?? 0):\(error.column ?? 0):\(error.file ?? ""):\(error.message)").inserted else { continue }
      let r = isGuard ? RuleCatalogue.h8 : rule
      let message = isGuard
        ? "including the header twice fails: \(error.message)" : "gcc -std=c90: \(error.message)"
      out.append(c.finding(r, message, line: error.line ?? 1, column: error.column ?? 1, evidence: error.file.map { ["in \($0)"] } ?? []))
    }
    return out
  }
}

/// Runs the C compiler on a file that includes the header twice.
enum CompileCheck {
  struct CompileError: Sendable {
    /// Line and column in the header, when the error is in it.
    var line: Int?
    var column: Int?
    /// The other file the error is in, when it is not the header.
    var file: String?
    var message: String
  }

  static func findCompiler() -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for dir in path.split(separator: ":") {
      let candidate = "\(dir)/gcc"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  /// The `…/uapi` directory a header path lies under, so sibling uAPI includes are found.
  static func uapiRoot(_ path: String) -> String? {
    guard let r = path.range(of: "/uapi/", options: .backwards) else { return nil }
    return String(path[..<r.lowerBound]) + "/uapi"
  }

  static func run(compiler: String, header: String, text: String, includeDirectories: [String]) -> [CompileError] {
    let fm = FileManager.default
    let dir = fm.temporaryDirectory.appendingPathComponent("uapi-checks-\(UUID().uuidString)")
    defer { try? fm.removeItem(at: dir) }
    do {
      try fm.createDirectory(at: dir, withIntermediateDirectories: true)
      let absolute = header.hasPrefix("/") ? header : fm.currentDirectoryPath + "/" + header
      // The file itself when it is on disk as given (so its quoted includes resolve beside it),
      // else a copy of the text in a scratch directory.
      // The path goes into a `#include "…"` line: a quote, backslash or line break in it would end
      // the string early, so such a header is compiled from a copy under a plain name.
      func includable(_ p: String) -> Bool { !p.contains { $0 == "\"" || $0 == "\\" || $0.isNewline } }
      let target: String
      if includable(absolute), let onDisk = try? String(contentsOfFile: absolute, encoding: .utf8), onDisk == text || onDisk + "\n" == text {
        target = absolute
      } else {
        let last = (header as NSString).lastPathComponent
        let name = last.isEmpty || !includable(last) ? "header.h" : last
        let copy = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: copy)
        target = copy.path
      }
      let main = dir.appendingPathComponent("include-twice.c")
      try Data("#include \"\(target)\"\n#include \"\(target)\"\n".utf8).write(to: main)
      var args = ["-std=c90", "-Wall", "-Werror=implicit-function-declaration", "-fsyntax-only"]
      let directory = (absolute as NSString).deletingLastPathComponent
      if fm.fileExists(atPath: directory) { args += ["-I", directory] }
      if let root = uapiRoot(absolute) { args += ["-I", root] }
      for d in includeDirectories { args += ["-I", d] }
      args.append(main.path)
      let process = Process()
      process.executableURL = URL(fileURLWithPath: compiler)
      process.arguments = args
      let pipe = Pipe()
      process.standardError = pipe
      process.standardOutput = FileHandle.nullDevice
      try process.run()
      let data = pipe.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      guard process.terminationStatus != 0 else { return [] }
      return parse(String(decoding: data, as: UTF8.self), header: target)
    } catch {
      return [CompileError(line: nil, column: nil, file: nil, message: "could not run \(compiler): \(error)")]
    }
  }

  /// `file:line:col: error: message` lines; those in the header copy keep their line.
  static func parse(_ output: String, header: String) -> [CompileError] {
    var out: [CompileError] = []
    for line in output.split(separator: "\n") {
      guard let m = line.firstMatch(of: #/^(.*?):(\d+):(\d+): (?:fatal )?error: (.*)$/#) else { continue }
      let file = String(m.output.1)
      if file == header {
        out.append(CompileError(line: Int(m.output.2), column: Int(m.output.3), file: nil, message: String(m.output.4)))
      } else {
        out.append(CompileError(line: nil, column: nil, file: "\(file):\(m.output.2)", message: String(m.output.4)))
      }
    }
    return out
  }
}
