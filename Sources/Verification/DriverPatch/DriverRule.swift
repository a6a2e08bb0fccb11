public import Diagnostics

/// What one driver-patch rule is: its stable id from `UAPI-RULES.md`, how bad a violation is,
/// what the rule asks for, and the document it comes from. The matching logic lives in one file
/// per rule under `Rules/`; this type is only the data.
public struct DriverRule: Sendable, Hashable, Codable {
  /// Stable id (`D13`, `F3`, `P6`): findings, waivers, docs and tests use it.
  public var id: String
  /// E → `.error`, W → `.warning`, I → `.note`.
  public var severity: Severity
  /// The rule in one line, in our own words.
  public var summary: String
  /// Where the rule comes from, as `UAPI-RULES.md` cites it.
  public var citation: String

  public init(id: String, severity: Severity, summary: String, citation: String) {
    self.id = id
    self.severity = severity
    self.summary = summary
    self.citation = citation
  }
}

extension DriverRule {
  public static let d1 = DriverRule(
    id: "D1", severity: .error,
    summary: "dma_buf_ops has map_dma_buf, unmap_dma_buf and release; exp_info.priv is set; pin and unpin come as a pair",
    citation: "DMABUF reference section, dma_buf_export() WARN_ONs in dma-buf.c")
  public static let d4 = DriverRule(
    id: "D4", severity: .error,
    summary: "map_dma_buf builds a new sg_table on every call and never caches or shares it",
    citation: "DMABUF, dma_buf_ops.map_dma_buf kernel-doc; habanalabs v3 (REVIEW-HISTORY §5)")
  public static let d6 = DriverRule(
    id: "D6", severity: .error,
    summary: "segments follow the importer's dma_get_max_seg_size(), not a hard-coded limit",
    citation: "T#040, T#056")
  public static let d7 = DriverRule(
    id: "D7", severity: .error,
    summary: "code reading sg_dma_address()/sg_dma_len() walks the DMA entries (for_each_sgtable_dma_sg)",
    citation: "T#040")
  public static let d8 = DriverRule(
    id: "D8", severity: .error,
    summary: "no raw physical/BAR address in sg_dma_address; map each segment for the importer and unmap it symmetrically",
    citation: "T#013, T#018, T#020, T#023, T#028")
  public static let d9 = DriverRule(
    id: "D9", severity: .error,
    summary: "an exporter of device memory checks P2P reachability in attach and refuses to map without peer2peer",
    citation: "T#018 item 3; dma_buf_attach_ops.allow_peer2peer and dma_buf_ops.attach kernel-doc")
  public static let d10 = DriverRule(
    id: "D10", severity: .warning,
    summary: "a table without a CPU list says so: orig_nents = 0 once the table is built, restored before sg_free_table(), no CPU-access ops",
    citation: "T#040, T#075; dma-buf.c mangle_sg_table")
  public static let d11 = DriverRule(
    id: "D11", severity: .warning,
    summary: "every DMA_ATTR_SKIP_CPU_SYNC carries a comment that justifies it",
    citation: "T#075, T#078")
  public static let d13 = DriverRule(
    id: "D13", severity: .error,
    summary: "dma_buf_fd() comes last: nothing touches the dma-buf or its private data after the fd is installed",
    citation: "Al Viro, \"[RFC] more descriptor fun: dma_buf_fd()\" (dri-devel, 16 Sep 2024), item 8")
  public static let d14 = DriverRule(
    id: "D14", severity: .error,
    summary: "user-supplied 64-bit handles are checked for upper bits before narrowing; range checks are overflow-safe",
    citation: "T#075")
  public static let d15 = DriverRule(
    id: "D15", severity: .warning,
    summary: "validation failures userspace can trigger log with dev_dbg, not dev_err/pr_err",
    citation: "T#075, T#077")
  public static let d16 = DriverRule(
    id: "D16", severity: .error,
    summary: "memory exported as a dma-buf cannot be freed through the driver's uAPI while exported",
    citation: "habanalabs exporting_cnt (v3+), export_cnt (REVIEW-HISTORY §6)")
  public static let d17 = DriverRule(
    id: "D17", severity: .error,
    summary: "an exported buffer holds a reference on its owner, dropped in release",
    citation: "T#068–T#073; BUI §Leaking Resources")
  public static let f3 = DriverRule(
    id: "F3", severity: .error,
    summary: "flags handed to dma_buf_fd()/dma_buf_export() are masked or checked against the allowed set",
    citation: "BUI §Basics")
  public static let p6 = DriverRule(
    id: "P6", severity: .error,
    summary: "the Kconfig entry of a dma-buf exporter/importer selects DMA_SHARED_BUFFER",
    citation: "DMABUF §Shared DMA Buffers")

  /// The catalogue, in the order findings are reported within one line.
  public static let driverPatchRules: [DriverRule] = [d1, d4, d6, d7, d8, d9, d10, d11, d13, d14, d15, d16, d17, f3, p6]
}

/// One violation of a driver rule in a patch: the rule's metadata plus a `Diagnostic` whose `id`
/// is the rule id, whose location is the offending token in the mail (`file` = mail path, `line` =
/// the mail line of the patch line, `column` = 1-based byte column in that mail line, the leading
/// `+`/space of the diff counted as column 1, a tab as one column) and whose excerpt is that
/// mail line as it reads in the diff.
public struct Finding: Sendable, Hashable, Codable {
  public var rule: DriverRule
  public var diagnostic: Diagnostic

  public init(rule: DriverRule, diagnostic: Diagnostic) {
    self.rule = rule
    self.diagnostic = diagnostic
  }

  public var id: String { rule.id }
  public var line: Int { diagnostic.location?.line ?? 0 }
  public var column: Int { diagnostic.location?.column ?? 0 }
  public var message: String { diagnostic.message }
  public var excerpt: String? { diagnostic.excerpt }
}

extension Finding {
  /// The finding in the form every output format renders.
  public var ruleFinding: RuleFinding {
    RuleFinding(
      rule: id, severity: diagnostic.severity, message: message, location: diagnostic.location, excerpt: excerpt,
      help: "\(rule.summary) (\(rule.citation))")
  }
}
