/// libFuzzer's entry for programs that have their own `main` (SwiftPM gives every executable
/// one): it parses the fuzzer's flags and calls the callback with each input.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
  _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
  _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

nonisolated(unsafe) private var target: (([UInt8]) -> Void)?

/// Runs libFuzzer over `body`; the process's arguments are libFuzzer's (`-max_total_time=60`,
/// corpus folders, a crash file to replay).
public func runFuzzer(
  _ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>, _ body: @escaping ([UInt8]) -> Void
) -> Int32 {
  target = body
  var count = argc
  var vector = argv
  return LLVMFuzzerRunDriver(&count, &vector) { data, size in
    target?(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
  }
}
