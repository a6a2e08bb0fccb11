import HabanaLabsReference

/// The example series bundled with the tool: `Examples/hl-dmabuf/` built into the binary.
///
/// A two-patch series written for this project (a uAPI patch adding `HL_MEM_OP_EXPORT_DMABUF_FD`
/// to ``BundledHeader``, a driver patch adding the reference driver's exporter) with a cover letter
/// and two review replies, one of them on who owns exported memory once its owner is gone. The
/// base is the touched files as they were before the series, at kernel-tree paths; applying the
/// series to it gives the reference driver's own sources. Commands that get no input read this.
public enum BundledExample {
  /// How reports name the example's mails.
  public static let label = "bundled example (hl-dmabuf v6)"

  /// How reports name the base the example is applied to.
  public static let baseLabel = "bundled base"

  /// The series as an mbox, byte for byte as `Examples/hl-dmabuf/series.mbox`.
  public static let mbox: [UInt8] = {
    var length = 0
    guard let start = hlr_example_mbox(&length) else { return [] }
    return Array(UnsafeBufferPointer(start: start, count: length))
  }()

  /// The base tree: kernel-tree path (`include/uapi/misc/hl_memory.h`) → the file's bytes.
  ///
  /// Holds only the files the series touches and had before it; files the series creates are absent.
  public static let baseFiles: [String: [UInt8]] = {
    var files: [String: [UInt8]] = [:]
    for i in 0..<hlr_example_base_count() {
      var length = 0
      guard let path = hlr_example_base_path(i), let start = hlr_example_base_data(i, &length) else { continue }
      files[String(cString: path)] = Array(UnsafeBufferPointer(start: start, count: length))
    }
    return files
  }()
}
