import FuzzSupport
import MailSeries

/// One input: a patch as a mail body carries it; parsed, its diffstat read and checked, and its
/// hunks applied to the text before them (so offsets, fuzz and rejects all run).
func fuzzDiff(_ bytes: [UInt8]) {
  let text = String(decoding: bytes, as: UTF8.self)
  var parser = PatchParser(path: "fuzz.patch")
  let parsed = parser.parse(text)
  if let claimed = DiffstatReader.claimed(in: parsed) {
    _ = DiffstatReader.compare(claimed, with: parsed.files, path: "fuzz.patch")
  }
  let base = Array(bytes.prefix(bytes.count / 2))
  _ = SeriesApplier.apply([SeriesPatch(label: "1/1", path: "fuzz.patch", patch: parsed)], base: { _ in base })
}

@_cdecl("FuzzDiff_main")
func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
  runFuzzer(argc, argv, fuzzDiff)
}
