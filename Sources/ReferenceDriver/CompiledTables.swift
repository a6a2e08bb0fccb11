import HabanaLabsReference

/// A size or offset of a uAPI type or member as the C compiler built the reference driver.
public struct CompiledLayout: Sendable, Hashable {
  /// `struct hl_mem_in`, `union hl_mem_args`, ...
  public var type: String
  /// A member path (`alloc.mem_size`, `in`), empty for the type itself.
  public var member: String
  public var offset: Int
  public var size: Int
  /// `_Alignof` for the type itself, 0 for members.
  public var alignment: Int
}

/// A command, opcode or flag the reference driver handles, with its compiled value.
public struct DriverValue: Sendable, Hashable {
  public var name: String
  public var value: UInt64
  /// For opcodes: the `hl_mem_in.flags` bits the operation accepts.
  public var acceptedFlags: UInt64
}

/// What the C compiler made of the bundled uAPI header, read from the driver's tables.
public enum CompiledTables {
  public static let layouts: [CompiledLayout] = (0..<hlr_layout_count()).compactMap { i in
    hlr_layout_at(i).map { l in
      CompiledLayout(
        type: String(cString: l.pointee.type), member: String(cString: l.pointee.member), offset: l.pointee.offset,
        size: l.pointee.size, alignment: l.pointee.align)
    }
  }

  public static let commands: [DriverValue] = values(hlr_command_count(), hlr_command_at)
  public static let opcodes: [DriverValue] = values(hlr_opcode_count(), hlr_opcode_at)
  public static let flags: [DriverValue] = values(hlr_flag_count(), hlr_flag_at)

  private static func values(_ count: Int, _ at: (Int) -> UnsafePointer<hlr_named_value>?) -> [DriverValue] {
    (0..<count).compactMap { i in
      at(i).map { DriverValue(name: String(cString: $0.pointee.name), value: $0.pointee.value, acceptedFlags: $0.pointee.accepted_flags) }
    }
  }

  /// Offset and size of `path` (`in.op`, `in.alloc.mem_size`, `out.fd`) inside `union
  /// hl_mem_args`, from the compiled tables.
  public static func field(_ path: String) -> (offset: Int, size: Int)? {
    let parts = path.split(separator: ".", maxSplits: 1).map(String.init)
    guard parts.count == 2, let base = layouts.first(where: { $0.type == "union hl_mem_args" && $0.member == parts[0] }) else {
      return nil
    }
    let type = parts[0] == "in" ? "struct hl_mem_in" : "struct hl_mem_out"
    return layouts.first { $0.type == type && $0.member == parts[1] }.map { (base.offset + $0.offset, $0.size) }
  }
}
