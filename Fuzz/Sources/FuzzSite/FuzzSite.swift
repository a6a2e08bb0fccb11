import FuzzSupport
import Rendering
import Review

/// One input: a mailbox taken as far as the site goes: check without a base, the report
/// (checklist included), every page rendered and the Markdown docs; nothing is written.
func fuzzSite(_ bytes: [UInt8]) {
  var series = SeriesRequest()
  series.bundled = InMemorySeries(mbox: bytes, label: "fuzz.mbox")
  let request = CheckRequest(series: series, today: "2026-11-25", compile: false)
  guard let report = try? ReportBuilder.build(request, options: .init(generator: "fuzz", depth: 1)) else { return }
  _ = try? SiteWriter().render(report)
  _ = MarkdownDocs.render(report)
  _ = ChecklistText.text(report)
}

@_cdecl("FuzzSite_main")
func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
  runFuzzer(argc, argv, fuzzSite)
}
