import Foundation

/// One place `#include` searches.
public struct IncludeRoot: Sendable, Hashable {
  public enum Kind: Sendable, Hashable {
    case directory(String)
    /// The project's own small stubs for the `<linux/types.h>` family, compiled into the tool.
    case bundled
  }

  public var kind: Kind
  /// Only paths starting with this prefix are looked up here (an arch `asm/` directory put
  /// before everything else).
  public var onlyPrefix: String?

  public init(_ kind: Kind, onlyPrefix: String? = nil) {
    self.kind = kind
    self.onlyPrefix = onlyPrefix
  }

  public static func directory(_ path: String, onlyPrefix: String? = nil) -> IncludeRoot {
    IncludeRoot(.directory(path), onlyPrefix: onlyPrefix)
  }
}

/// Builds the include search list for one ABI, the way the compiler for that ABI would see it.
public enum IncludeSearch {
  /// Search list for headers under `roots` (for example `/usr/include`) compiled for `abi`.
  ///
  /// The arch `asm/` directory is found per ABI: a Debian multiarch directory under the root
  /// (`/usr/include/x86_64-linux-gnu/asm`) or a cross-compiler tree beside it
  /// (`/usr/aarch64-linux-gnu/include/asm`). With no root at all the bundled stubs are used.
  public static func roots(for abi: ABI, userRoots: [String], headers: [String]) -> [IncludeRoot] {
    var result: [IncludeRoot] = []
    // A header inside a kernel source tree finds the tree's uapi directories without flags.
    // Headers share directories, so each directory is looked at once.
    var trees: [String] = []
    var seenDirectories: Set<String> = []
    for header in headers where header.contains("include/uapi/") {
      guard seenDirectories.insert((header as NSString).deletingLastPathComponent).inserted else { continue }
      if let tree = kernelTree(containing: header), !trees.contains(tree) { trees.append(tree) }
    }
    for tree in trees {
      for root in kernelTreeRoots(tree, abi: abi) where !result.contains(root) { result.append(root) }
    }
    if userRoots.isEmpty && result.isEmpty { return [IncludeRoot(.bundled)] }
    var after: [IncludeRoot] = []
    for root in userRoots {
      let base = (root as NSString).standardizingPath
      var archDirs: [String] = []
      for triple in abi.multiarchTriples {
        archDirs.append(base + "/" + triple)
        archDirs.append((base as NSString).deletingLastPathComponent + "/" + triple + "/include")
      }
      if let asmDir = archDirs.first(where: { isDirectory($0 + "/asm") }) {
        result.append(.directory(asmDir, onlyPrefix: "asm/"))
        if asmDir.hasPrefix(base + "/") { result.append(.directory(asmDir)) } else { after.append(.directory(asmDir)) }
      }
      result.append(.directory(base))
    }
    result += after
    return result
  }

  /// The root of the kernel source tree a header lives in: the directory above
  /// `include/uapi/…` or `arch/<arch>/include/uapi/…`, when it has both `include/uapi` and `arch`.
  static func kernelTree(containing header: String) -> String? {
    let path = (absolute(header) as NSString).standardizingPath
    guard let range = path.range(of: "/include/uapi/") else { return nil }
    var tree = String(path[..<range.lowerBound])
    if let arch = tree.range(of: "/arch/", options: .backwards), !tree[arch.upperBound...].contains("/") {
      tree = String(tree[..<arch.lowerBound])
    }
    return isDirectory(tree + "/include/uapi") && isDirectory(tree + "/arch") ? tree : nil
  }

  static func kernelTreeRoots(_ tree: String, abi: ABI) -> [IncludeRoot] {
    let arch = tree + "/arch/" + abi.kernelArch
    return [
      .directory(arch + "/include/uapi"), .directory(arch + "/include/generated/uapi"),
      .directory(tree + "/include/uapi"), .directory(tree + "/include/generated/uapi"),
    ].filter {
      if case .directory(let d) = $0.kind { return isDirectory(d) }
      return false
    }
  }

  static func absolute(_ path: String) -> String {
    path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
  }

  static func isDirectory(_ path: String) -> Bool {
    var isDir: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
  }
}
