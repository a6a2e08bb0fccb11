import FuzzSupport
import MailSeries

/// One input: a mailbox assembled into series: threads, versions, trailers, replies and their
/// quotes, version pairing with its interdiff.
func fuzzSeries(_ bytes: [UInt8]) {
  var inputs = MailInputs(mboxrd: bytes.first == UInt8(ascii: ">"))
  inputs.add(bytes: bytes, label: "fuzz.mbox")
  let set = SeriesAssembler().assemble(inputs.store)
  for series in set.series {
    for pairing in series.pairings {
      for pair in pairing.pairs.prefix(4) {
        guard let old = pair.old, let new = pair.new,
          let a = series.versions.first(where: { $0.revision == pairing.old })?.patches.first(where: { $0.index == old }),
          let b = series.versions.first(where: { $0.revision == pairing.new })?.patches.first(where: { $0.index == new })
        else { continue }
        _ = VersionPairing.interdiff(a, b)
      }
    }
  }
}

@_cdecl("FuzzSeries_main")
func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
  runFuzzer(argc, argv, fuzzSeries)
}
