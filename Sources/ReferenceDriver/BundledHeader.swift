import HabanaLabsReference

/// The project's own habanalabs memory uAPI header, exactly as the reference driver was built with it.
///
/// The header declares `HL_IOCTL_MEMORY`, `union hl_mem_args`, `struct hl_mem_in`,
/// `struct hl_mem_out`, the `HL_MEM_OP_*` opcodes and the `HL_MEM_*` flags, with the same ABI and
/// names as Linux 6.1's `<misc/habanalabs.h>`. Its text is compiled into the library, so it is
/// available without the source tree: use it as the default header to lint, lay out and render,
/// and as the header the reference driver is verified against.
public enum BundledHeader {
  /// The header's path in a kernel source tree, `include/uapi/misc/hl_memory.h`.
  ///
  /// Use it as the file name in diagnostics and rendered pages.
  public static let path: String = String(cString: hlr_uapi_header_path())

  /// The header's file name, `hl_memory.h` (the last component of ``path``).
  public static let fileName: String = path.split(separator: "/").last.map(String.init) ?? path

  /// The header's full text, byte for byte as in the source file (UTF-8, Unix line endings).
  public static let text: String = {
    let bytes = UnsafeRawBufferPointer(
      start: hlr_uapi_header_text(), count: hlr_uapi_header_length())
    return String(decoding: bytes, as: UTF8.self)
  }()
}
