import Diagnostics

/// Reads one code line of a hunk as a struct member declaration (`\t__u64 fd;`,
/// `\tunsigned long x:3;`) or an `_IOx` define, with no other context. Only indented lines that
/// end in `;` and do not start with a keyword of another kind of statement are members.
enum FragmentDeclarations {
  struct Hit {
    var rule: Rule
    var severity: Severity?
    var message: String
    var column: Int
  }

  static let fixed: Set<String> = HeaderContext.fixedNames
  static let plain: Set<String> = [
    "int", "unsigned", "unsigned int", "signed", "signed int", "short", "short int", "unsigned short",
    "unsigned short int", "signed short", "long long", "long long int", "unsigned long long", "unsigned long long int",
    "signed long long", "signed char", "unsigned char", "size_t", "ssize_t", "off_t", "loff_t", "ptrdiff_t",
    "intptr_t", "uintptr_t", "uint8_t", "uint16_t", "uint32_t", "uint64_t", "int8_t", "int16_t", "int32_t", "int64_t",
  ]
  static let long: Set<String> = [
    "long", "long int", "unsigned long", "unsigned long int", "signed long", "signed long int", "__kernel_long_t",
    "__kernel_ulong_t",
  ]
  static let skipWords: Set<String> = ["return", "typedef", "extern", "static", "goto", "case", "default", "else"]

  /// The findings for one member line (columns 1-based in the line without the diff column).
  static func member(_ code: String) -> [Hit] {
    guard code.first == " " || code.first == "\t" else { return [] }
    guard
      code.contains(";"), let m = code.firstMatch(of: Patterns.memberLine)
    else { return [] }
    let type = String(m.output.3).split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    let firstWord = type.split(separator: " ").first.map(String.init) ?? ""
    guard !skipWords.contains(firstWord) else { return [] }
    let name = String(m.output.5)
    let isPointer = m.output.4.contains("*")
    let isArray = m.output.6 != nil
    let isBitfield = m.output.7 != nil
    let column = m.output.1.utf8.count + m.output.2.utf8.count + 1
    var hits: [Hit] = []
    func hit(_ rule: Rule, _ message: String, _ severity: Severity? = nil) {
      hits.append(Hit(rule: rule, severity: severity, message: message, column: column))
    }
    if isPointer {
      hit(RuleCatalogue.u3, "'\(name)' is a pointer ('\(type) *'); pass user addresses as __u64")
      return hits
    }
    if isBitfield { hit(RuleCatalogue.u4, "'\(name)' is a bitfield; bitfield layout is up to the compiler", .error) }
    if type.hasPrefix("enum ") {
      hit(RuleCatalogue.u4, "'\(name)' has enum type '\(type)'; store the value in a __u32", .warning)
    } else if long.contains(type) {
      hit(RuleCatalogue.u2, "'\(name)' is declared '\(type)', whose size depends on the ABI")
    } else if plain.contains(type) {
      hit(RuleCatalogue.u1, "'\(name)' is declared '\(type)', not a fixed-width __u*/__s* type")
    } else if type == "char", !isArray {
      hit(RuleCatalogue.u6, "'\(name)' is a single char; use __u8 or __s8")
    } else if type == "bool" || type == "_Bool" {
      hit(RuleCatalogue.u5, "'\(name)' is '\(type)'; use a __u8 or __u32 flag")
    } else if type == "time_t" || type == "struct timespec" || type == "struct timeval" {
      hit(RuleCatalogue.u7, "'\(name)' is '\(type)'; use a __u64 nanosecond count or __s64 seconds")
    }
    let integer = fixed.contains(type) || plain.contains(type) || long.contains(type) || type == "char"
      || type.hasPrefix("__aligned_")
    if FileDescriptorRule.isFDName(name), integer, type != "__s32" {
      hit(RuleCatalogue.u8, "file descriptor '\(name)' is declared '\(type)'; declare it __s32")
    }
    return hits
  }

  /// I2 on a `#define NAME _IOR/_IOW/_IOWR(type, nr, arg)` line: the problem and the argument's column.
  static func ioctlArgument(_ code: String) -> (message: String, column: Int)? {
    guard code.contains("_IO"), let m = code.firstMatch(of: Patterns.ioctlDefine) else { return nil }
    let arg = m.output.4.trimmingCharacters(in: .whitespaces)
    let column = code.utf8.distance(from: code.utf8.startIndex, to: m.output.4.startIndex)
      + (m.output.4.utf8.count - m.output.4.drop { $0 == " " || $0 == "\t" }.utf8.count) + 1
    if arg.hasPrefix("sizeof") || arg.first?.isNumber == true {
      return ("'\(arg)' is not a type name: the number encodes the size of whatever it evaluates to", column)
    }
    if arg.hasSuffix("*") {
      return ("'\(arg)' is a pointer type: the encoded size is 4 on 32-bit and 8 on 64-bit ABIs", column)
    }
    return nil
  }
}
