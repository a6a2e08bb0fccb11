import Foundation

/// The real `git` command, the reference every GitSource test compares against.
enum GitCLI {
  /// What one git run printed.
  struct Output {
    var status: Int32
    var stdout: Data
    var text: String { String(decoding: stdout, as: UTF8.self) }
  }

  /// Runs git in `dir` with no system or user configuration, so results do not depend on the machine.
  @discardableResult
  static func run(_ args: [String], in dir: String, input: Data? = nil) throws -> Output {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git"] + args
    process.currentDirectoryURL = URL(fileURLWithPath: dir)
    var environment = ProcessInfo.processInfo.environment
    environment["GIT_CONFIG_NOSYSTEM"] = "1"
    environment["HOME"] = dir
    environment["XDG_CONFIG_HOME"] = dir
    process.environment = environment
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    let inPipe = Pipe()
    if input != nil { process.standardInput = inPipe }
    try process.run()
    if let input {
      inPipe.fileHandleForWriting.write(input)
      try inPipe.fileHandleForWriting.close()
    }
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Output(status: process.terminationStatus, stdout: data)
  }

  /// Runs git and returns stdout as text, failing the caller when git fails.
  @discardableResult
  static func text(_ args: [String], in dir: String, input: Data? = nil) throws -> String {
    let output = try run(args, in: dir, input: input)
    guard output.status == 0 else {
      throw Failure(message: "git \(args.joined(separator: " ")) exited \(output.status)")
    }
    return output.text
  }

  struct Failure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
  }
}

/// A fresh empty directory under the system temporary directory.
func temporaryDirectory(_ label: String) throws -> String {
  let dir = NSTemporaryDirectory() + "uapi-review-gitsource-\(label)-\(getpid())-\(UUID().uuidString.prefix(8))"
  try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
  return dir
}

extension String {
  var bytes: [UInt8] { Array(utf8) }
}
