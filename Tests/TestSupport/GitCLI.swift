public import Foundation

/// The real `git` command, the reference the tests compare against.
public enum GitCLI {
  /// What one git run printed.
  public struct Output: Sendable {
    public var status: Int32
    public var stdout: Data
    public var stderr: Data
    public var text: String { String(decoding: stdout, as: UTF8.self) }
    public var bytes: [UInt8] { [UInt8](stdout) }
    public var errorText: String { String(decoding: stderr, as: UTF8.self) }
  }

  public enum Input {
    case none
    case data(Data)
    case file(String)
  }

  /// Runs git in `dir` with no system or user configuration, so results do not depend on the
  /// machine; `environment` adds variables (dates for commits, say). stdout goes to
  /// `stdoutFile` instead of memory when given.
  @discardableResult
  public static func run(
    _ args: [String], in dir: String, input: Input = .none, environment extra: [String: String] = [:],
    stdoutFile: String? = nil
  ) throws -> Output {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git"] + args
    process.currentDirectoryURL = URL(fileURLWithPath: dir)
    var environment = ProcessInfo.processInfo.environment
    environment["GIT_CONFIG_NOSYSTEM"] = "1"
    environment["HOME"] = dir
    environment["XDG_CONFIG_HOME"] = dir
    environment["GIT_CEILING_DIRECTORIES"] = (dir as NSString).deletingLastPathComponent
    environment.merge(extra) { $1 }
    process.environment = environment
    let out = Pipe()
    // stderr goes to a file: two pipes read one after the other can deadlock on a full buffer.
    let errPath = NSTemporaryDirectory() + "uapi-review-git-stderr-\(getpid())-\(UUID().uuidString.prefix(8))"
    _ = FileManager.default.createFile(atPath: errPath, contents: nil)
    defer { try? FileManager.default.removeItem(atPath: errPath) }
    let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
    if let stdoutFile {
      _ = FileManager.default.createFile(atPath: stdoutFile, contents: nil)
      process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutFile))
    } else {
      process.standardOutput = out
    }
    process.standardError = err
    let inPipe = Pipe()
    switch input {
    case .none: process.standardInput = FileHandle.nullDevice
    case .data: process.standardInput = inPipe
    case .file(let path): process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
    }
    try process.run()
    if case .data(let data) = input {
      inPipe.fileHandleForWriting.write(data)
      try inPipe.fileHandleForWriting.close()
    }
    let data = stdoutFile == nil ? out.fileHandleForReading.readDataToEndOfFile() : Data()
    process.waitUntilExit()
    try err.close()
    let errData = FileManager.default.contents(atPath: errPath) ?? Data()
    return Output(status: process.terminationStatus, stdout: data, stderr: errData)
  }

  /// Runs git and returns stdout as text, failing the caller when git fails.
  @discardableResult
  public static func text(_ args: [String], in dir: String, input: Data? = nil) throws -> String {
    let output = try run(args, in: dir, input: input.map { .data($0) } ?? .none)
    guard output.status == 0 else {
      throw Failure(message: "git \(args.joined(separator: " ")) exited \(output.status): \(output.errorText)")
    }
    return output.text
  }

  public struct Failure: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
  }
}

/// A fresh empty directory under the system temporary directory.
public func temporaryDirectory(_ label: String) throws -> String {
  let dir = NSTemporaryDirectory() + "uapi-review-\(label)-\(getpid())-\(UUID().uuidString.prefix(8))"
  try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
  return dir
}
