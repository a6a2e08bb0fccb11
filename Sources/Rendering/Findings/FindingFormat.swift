public import Foundation

/// The output formats of `uapi-review check --format`, each a writer over one `FindingReport`.
public enum FindingFormat: String, Sendable, CaseIterable {
  case text, json, sarif, junit, markdown, b4, patchwork

  /// The report in this format, as the bytes to write to stdout or a file.
  public func render(_ report: FindingReport) throws -> Data {
    switch self {
    case .text: Data(TextFindings.render(report).utf8)
    case .json: try JSONFindings.render(report)
    case .sarif: try SARIFWriter.render(report)
    case .junit: Data(JUnitWriter.render(report).utf8)
    case .markdown: Data(MarkdownFindings.render(report).utf8)
    case .b4: try B4Check.render(report)
    case .patchwork: try PatchworkCheck.render(report)
    }
  }

  /// The usual file name extension, for writing every format beside each other.
  public var fileExtension: String {
    switch self {
    case .text: "txt"
    case .json, .b4, .patchwork: "json"
    case .sarif: "sarif"
    case .junit: "xml"
    case .markdown: "md"
    }
  }
}
