// swift-tools-version: 6.0
import PackageDescription

// libFuzzer harnesses over the tool's parsers, in a package of their own so the main build
// never carries the fuzzer's instrumentation. `make fuzz` builds them with
// -sanitize=fuzzer,address and runs each for a set time.
let fuzzer: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
  name: "uapi-review-fuzz",
  dependencies: [.package(name: "uapi-review", path: "..")],
  targets: [
    .target(name: "FuzzSupport"),
    .executableTarget(
      name: "FuzzMail", dependencies: ["FuzzSupport", .product(name: "MailSeries", package: "uapi-review")], swiftSettings: fuzzer),
    .executableTarget(
      name: "FuzzDiff", dependencies: ["FuzzSupport", .product(name: "MailSeries", package: "uapi-review")], swiftSettings: fuzzer),
    .executableTarget(
      name: "FuzzSeries", dependencies: ["FuzzSupport", .product(name: "MailSeries", package: "uapi-review")], swiftSettings: fuzzer),
    .executableTarget(
      name: "FuzzHeader", dependencies: ["FuzzSupport", .product(name: "UAPIModel", package: "uapi-review")], swiftSettings: fuzzer),
    .executableTarget(
      name: "FuzzSite",
      dependencies: ["FuzzSupport", .product(name: "Review", package: "uapi-review"), .product(name: "Rendering", package: "uapi-review")],
      swiftSettings: fuzzer),
  ]
)
