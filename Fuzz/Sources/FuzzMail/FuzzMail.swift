import FuzzSupport
import MailSeries

/// One input: a mailbox, split as `git mailsplit` does, each message read as `git mailinfo`.
func fuzzMail(_ bytes: [UInt8]) {
  for m in Mbox.split(bytes: bytes, mboxrd: bytes.count % 2 == 0) {
    _ = MailReader.read(m.bytes, path: "fuzz.mbox", firstLine: m.line)
  }
}

@_cdecl("FuzzMail_main")
func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
  runFuzzer(argc, argv, fuzzMail)
}
