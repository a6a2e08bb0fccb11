import FuzzSupport
import UAPIModel

/// One input: a uAPI header, preprocessed, parsed and laid out (on one ABI, or two when the
/// input's length is odd: i386 lays out differently), its macros evaluated.
func fuzzHeader(_ bytes: [UInt8]) {
  let text = String(decoding: bytes, as: UTF8.self)
  let abis: [ABI] = bytes.count % 2 == 1 ? [.x86_64, .i386] : [.arm]
  _ = UAPILoader.load([.text(path: "include/uapi/misc/fuzz.h", text: text)], abis: abis)
}

@_cdecl("FuzzHeader_main")
func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
  runFuzzer(argc, argv, fuzzHeader)
}
