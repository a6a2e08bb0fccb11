import Foundation
/// The five ABIs a uAPI struct must agree on (`UAPI-RULES.md` §3.1). All are little-endian and
/// use the asm-generic `_IOC` encoding; they differ in the sizes and in-struct alignments below.
public enum ABI: String, CaseIterable, Sendable, Codable, Hashable, Comparable {
  case x86_64
  case i386
  case x32
  case arm64
  case arm

  public static func < (a: ABI, b: ABI) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }

  /// Parses a comma-separated list such as `x86_64,i386`; `all` means every ABI.
  public static func list(_ text: String) -> [ABI]? {
    if text == "all" { return allCases }
    var result: [ABI] = []
    for part in text.split(separator: ",") {
      let name = String(part).trimmingCharacters(in: .whitespaces)
      guard let abi = ABI(rawValue: name) ?? aliases[name] else { return nil }
      if !result.contains(abi) { result.append(abi) }
    }
    return result.isEmpty ? nil : result
  }

  static let aliases: [String: ABI] = [
    "x86-64": .x86_64, "amd64": .x86_64, "ia32": .i386, "x86": .i386, "aarch64": .arm64, "armhf": .arm,
    "arm-eabi": .arm, "armel": .arm,
  ]

  var pointerSize: Int { is64Bit ? 8 : 4 }
  var longSize: Int { is64Bit ? 8 : 4 }
  var is64Bit: Bool { self == .x86_64 || self == .arm64 }
  /// i386 aligns `long long` and `double` to 4 inside structs (the trap in §3.1).
  var longLongAlignment: Int { self == .i386 ? 4 : 8 }
  var doubleAlignment: Int { self == .i386 ? 4 : 8 }
  var longDouble: (size: Int, alignment: Int) {
    switch self {
    case .x86_64, .x32, .arm64: (16, 16)
    case .i386: (12, 4)
    case .arm: (8, 8)
    }
  }
  /// The compiler the acceptance tests compare against: gcc for x86, clang for arm.
  var isClangTarget: Bool { self == .arm64 || self == .arm }
  var charIsSigned: Bool { self == .x86_64 || self == .i386 || self == .x32 }
  var hasInt128: Bool { self != .i386 && self != .arm }
  /// `__attribute__((aligned))` with no argument.
  var biggestAlignment: Int { self == .arm ? 8 : 16 }
  /// `__builtin_va_list`, only met in libc headers.
  var vaList: (size: Int, alignment: Int) {
    switch self {
    case .x86_64: (24, 8)
    case .x32: (16, 4)
    case .arm64: (32, 8)
    case .i386, .arm: (4, 4)
    }
  }

  /// Debian multiarch triples, in search order, for the arch-specific `asm/` directory.
  var multiarchTriples: [String] {
    switch self {
    case .x86_64: ["x86_64-linux-gnu"]
    case .i386: ["i386-linux-gnu", "x86_64-linux-gnu"]
    case .x32: ["x86_64-linux-gnux32", "x86_64-linux-gnu"]
    case .arm64: ["aarch64-linux-gnu"]
    case .arm: ["arm-linux-gnueabihf", "arm-linux-gnueabi"]
    }
  }

  /// `arch/<dir>` in a kernel source tree.
  var kernelArch: String {
    switch self {
    case .x86_64, .i386, .x32: "x86"
    case .arm64: "arm64"
    case .arm: "arm"
    }
  }

  /// What gcc (x86) or clang (arm) predefines that uAPI and libc headers test, for `-std=gnu17`.
  var predefinedMacros: [(String, String)] {
    var m: [(String, String)] = [
      ("__STDC__", "1"), ("__STDC_VERSION__", "201710L"), ("__STDC_HOSTED__", "1"),
      ("__GNUC__", isClangTarget ? "4" : "12"), ("__GNUC_MINOR__", isClangTarget ? "2" : "2"),
      ("__GNUC_PATCHLEVEL__", isClangTarget ? "1" : "0"),
      ("__linux__", "1"), ("__linux", "1"), ("linux", "1"), ("__unix__", "1"), ("__unix", "1"), ("unix", "1"),
      ("__gnu_linux__", "1"), ("__ELF__", "1"), ("__CHAR_BIT__", "8"),
      ("__ORDER_LITTLE_ENDIAN__", "1234"), ("__ORDER_BIG_ENDIAN__", "4321"), ("__ORDER_PDP_ENDIAN__", "3412"),
      ("__BYTE_ORDER__", "__ORDER_LITTLE_ENDIAN__"), ("__FLOAT_WORD_ORDER__", "__ORDER_LITTLE_ENDIAN__"),
      ("__SIZEOF_INT__", "4"), ("__SIZEOF_SHORT__", "2"), ("__SIZEOF_LONG_LONG__", "8"),
      ("__SIZEOF_FLOAT__", "4"), ("__SIZEOF_DOUBLE__", "8"),
      ("__SIZEOF_LONG__", "\(longSize)"), ("__SIZEOF_POINTER__", "\(pointerSize)"),
      ("__SIZEOF_SIZE_T__", "\(pointerSize)"), ("__SIZEOF_PTRDIFF_T__", "\(pointerSize)"),
      ("__SIZEOF_LONG_DOUBLE__", "\(longDouble.size)"), ("__SIZEOF_WCHAR_T__", "4"), ("__SIZEOF_WINT_T__", "4"),
      ("__SCHAR_MAX__", "0x7f"), ("__SHRT_MAX__", "0x7fff"), ("__INT_MAX__", "0x7fffffff"),
      ("__LONG_MAX__", longSize == 8 ? "0x7fffffffffffffffL" : "0x7fffffffL"),
      ("__LONG_LONG_MAX__", "0x7fffffffffffffffLL"),
      ("__SIZE_MAX__", pointerSize == 8 ? "0xffffffffffffffffUL" : "0xffffffffU"),
      ("__PTRDIFF_MAX__", pointerSize == 8 ? "0x7fffffffffffffffL" : "0x7fffffff"),
      ("__INTMAX_MAX__", longSize == 8 ? "0x7fffffffffffffffL" : "0x7fffffffffffffffLL"),
      ("__UINTMAX_MAX__", longSize == 8 ? "0xffffffffffffffffUL" : "0xffffffffffffffffULL"),
      ("__SIZE_TYPE__", pointerSize == 8 ? "long unsigned int" : "unsigned int"),
      ("__PTRDIFF_TYPE__", pointerSize == 8 ? "long int" : "int"),
      ("__INTMAX_TYPE__", longSize == 8 ? "long int" : "long long int"),
      ("__UINTMAX_TYPE__", longSize == 8 ? "long unsigned int" : "long long unsigned int"),
      ("__INTPTR_TYPE__", pointerSize == 8 ? "long int" : "int"),
      ("__UINTPTR_TYPE__", pointerSize == 8 ? "long unsigned int" : "unsigned int"),
      ("__CHAR16_TYPE__", "short unsigned int"), ("__CHAR32_TYPE__", "unsigned int"),
      ("__WINT_TYPE__", "unsigned int"), ("__BIGGEST_ALIGNMENT__", "\(biggestAlignment)"),
      ("__USER_LABEL_PREFIX__", ""), ("__REGISTER_PREFIX__", ""), ("__VERSION__", "\"12.2.0\""),
    ]
    if !charIsSigned { m.append(("__CHAR_UNSIGNED__", "1")) }
    if self == .arm64 || self == .arm {
      m.append(("__WCHAR_TYPE__", "unsigned int"))
      m.append(("__WCHAR_MAX__", "0xffffffffU"))
      m.append(("__WCHAR_UNSIGNED__", "1"))
    } else if self == .x86_64 {
      m.append(("__WCHAR_TYPE__", "int"))
      m.append(("__WCHAR_MAX__", "0x7fffffff"))
    } else {
      m.append(("__WCHAR_TYPE__", "long int"))
      m.append(("__WCHAR_MAX__", "0x7fffffff"))
    }
    if hasInt128 { m.append(("__SIZEOF_INT128__", "16")) }
    switch self {
    case .x86_64:
      m += [("__x86_64__", "1"), ("__x86_64", "1"), ("__amd64__", "1"), ("__amd64", "1"), ("__LP64__", "1"),
            ("_LP64", "1")]
    case .x32:
      m += [("__x86_64__", "1"), ("__x86_64", "1"), ("__amd64__", "1"), ("__amd64", "1"), ("__ILP32__", "1"),
            ("_ILP32", "1")]
    case .i386:
      m += [("__i386__", "1"), ("__i386", "1"), ("i386", "1"), ("__i686__", "1"), ("__ILP32__", "1"),
            ("_ILP32", "1")]
    case .arm64:
      m += [("__aarch64__", "1"), ("__ARM_64BIT_STATE", "1"), ("__AARCH64EL__", "1"), ("__LP64__", "1"),
            ("_LP64", "1"), ("__ARM_ARCH", "8")]
    case .arm:
      m += [("__arm__", "1"), ("__ARM_EABI__", "1"), ("__ARMEL__", "1"), ("__ARM_ARCH", "7"),
            ("__ARM_ARCH_7A__", "1"), ("__ARM_PCS_VFP", "1"), ("__ILP32__", "1"),
            ("_ILP32", "1")]
    }
    return m
  }
}
