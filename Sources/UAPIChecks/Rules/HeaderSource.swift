/// A header's text cut into lines, with a code view of each line (comments and string literals
/// blanked to spaces, so byte columns stay valid) and whether the line sits in a block that
/// `unifdef -U__KERNEL__` removes. Text rules (H1–H3, H7, H8) and excerpts read it.
struct HeaderSource: Sendable {
  let path: String
  /// Lines without their line endings.
  let lines: [String]
  /// Each line with comments and string/char literals replaced by spaces (same UTF-8 length).
  let code: [String]
  /// True for lines inside an `#ifdef __KERNEL__` (or the `#else` of `#ifndef __KERNEL__`) block.
  let inKernelBlock: [Bool]
  /// 1-based (line, column) of every `//` comment start outside block comments and strings.
  let lineComments: [(line: Int, column: Int)]

  init(path: String, text: String) {
    self.path = path
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
      line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
    }
    if lines.last == "" { lines.removeLast() }
    self.lines = lines
    var code: [String] = []
    var slashes: [(Int, Int)] = []
    var inBlock = false
    for (n, line) in lines.enumerated() {
      var bytes = Array(line.utf8)
      var i = 0
      while i < bytes.count {
        if inBlock {
          if bytes[i] == 0x2A, i + 1 < bytes.count, bytes[i + 1] == 0x2F {
            bytes[i] = 0x20
            bytes[i + 1] = 0x20
            inBlock = false
            i += 2
          } else {
            bytes[i] = 0x20
            i += 1
          }
          continue
        }
        let c = bytes[i]
        if c == 0x2F, i + 1 < bytes.count, bytes[i + 1] == 0x2A {
          bytes[i] = 0x20
          bytes[i + 1] = 0x20
          inBlock = true
          i += 2
        } else if c == 0x2F, i + 1 < bytes.count, bytes[i + 1] == 0x2F {
          slashes.append((n + 1, i + 1))
          for k in i..<bytes.count { bytes[k] = 0x20 }
          break
        } else if c == 0x22 || c == 0x27 {
          // Keep the quotes, blank the contents: `#include "x.h"` stays recognisable.
          i += 1
          while i < bytes.count, bytes[i] != c {
            if bytes[i] == 0x5C, i + 1 < bytes.count {
              bytes[i] = 0x20
              i += 1
            }
            bytes[i] = 0x20
            i += 1
          }
          i += 1
        } else {
          i += 1
        }
      }
      code.append(String(decoding: bytes, as: UTF8.self))
    }
    self.code = code
    self.lineComments = slashes
    self.inKernelBlock = Self.kernelBlocks(code)
  }

  /// The source line `n` (1-based), or "" outside the file.
  func line(_ n: Int) -> String { n >= 1 && n <= lines.count ? lines[n - 1] : "" }

  /// A preprocessor directive on code line `n` (0-based): its name and the rest, or nil.
  static func directive(_ code: String) -> (name: String, rest: String)? {
    let t = code.drop { $0 == " " || $0 == "\t" }
    guard t.first == "#" else { return nil }
    let body = t.dropFirst().drop { $0 == " " || $0 == "\t" }
    let name = body.prefix { $0.isLetter }
    return (String(name), String(body.dropFirst(name.count)).trimmingCharacters(in: .whitespaces))
  }

  /// Marks the lines that `unifdef -U__KERNEL__` drops: the body of `#ifdef __KERNEL__` and
  /// `#if defined(__KERNEL__)`, and the `#else` part of `#ifndef __KERNEL__`.
  private static func kernelBlocks(_ code: [String]) -> [Bool] {
    // Each open conditional: does its current branch get dropped (true), kept (false), or is
    // it unrelated to __KERNEL__ (nil)?
    var stack: [Bool?] = []
    var out: [Bool] = []
    for line in code {
      let dropping = stack.contains { $0 == true }
      if let (name, rest) = directive(line) {
        let compact = rest.filter { $0 != " " && $0 != "\t" }
        switch name {
        case "ifdef":
          stack.append(rest.hasPrefix("__KERNEL__") ? true : nil)
        case "ifndef":
          stack.append(rest.hasPrefix("__KERNEL__") ? false : nil)
        case "if":
          if compact == "defined(__KERNEL__)" || compact == "defined__KERNEL__" {
            stack.append(true)
          } else if compact == "!defined(__KERNEL__)" || compact == "!defined__KERNEL__" {
            stack.append(false)
          } else {
            stack.append(nil)
          }
        case "else":
          if let last = stack.popLast() { stack.append(last.map { !$0 }) }
        case "elif":
          // After `#ifdef __KERNEL__` (false under -U) the #elif is a plain condition; after
          // `#ifndef __KERNEL__` (true) it is never taken.
          if let last = stack.popLast() { stack.append(last.flatMap { $0 ? nil : true }) }
        case "endif":
          _ = stack.popLast()
        default: break
        }
        out.append(dropping)
        continue
      }
      out.append(dropping)
    }
    return out
  }

  /// Identifiers of a code line with their 1-based byte columns.
  static func identifiers(_ code: String) -> [(name: String, column: Int)] {
    let b = Array(code.utf8)
    var out: [(String, Int)] = []
    var i = 0
    func start(_ c: UInt8) -> Bool { c == 0x5F || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A) }
    func part(_ c: UInt8) -> Bool { start(c) || (c >= 0x30 && c <= 0x39) }
    while i < b.count {
      if start(b[i]) {
        let s = i
        while i < b.count, part(b[i]) { i += 1 }
        out.append((String(decoding: b[s..<i], as: UTF8.self), s + 1))
      } else if b[i] >= 0x30 && b[i] <= 0x39 {
        while i < b.count, part(b[i]) { i += 1 }
      } else {
        i += 1
      }
    }
    return out
  }
}
