// swift-tools-version: 6.0
import PackageDescription

// Targets follow ../shared/DESIGN.md: dependencies point down the list, never up.
let swiftSettings: [SwiftSetting] = [
  // No C type may leak through a public signature: imports are internal unless marked otherwise.
  .enableUpcomingFeature("InternalImportsByDefault")
]

let package = Package(
  name: "uapi-review",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "uapi-review", targets: ["uapi-review"]),
    .library(name: "UAPIModel", targets: ["UAPIModel"]),
    // For the fuzz harnesses in Fuzz/ (a package of their own).
    .library(name: "MailSeries", targets: ["MailSeries"]),
    .library(name: "Rendering", targets: ["Rendering"]),
    .library(name: "Review", targets: ["Review"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
  ],
  targets: [
    .executableTarget(
      name: "uapi-review",
      dependencies: [
        "UAPIModel", "Diagnostics", "ReferenceDriver", "Review", "MailSeries", "Verification", "UAPIChecks", "Rendering",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: swiftSettings
    ),
    // Output formats over one FindingReport: text, JSON, SARIF, JUnit, Markdown, b4 and patchwork
    // checks (Findings/), and the exit status bitfield.
    // The site, Markdown docs and checklist (Report/, Site/, Docs/) are written from one ReviewReport.
    .target(
      name: "Rendering",
      dependencies: ["Diagnostics", "SiteTemplates", .product(name: "Mustache", package: "swift-mustache")],
      swiftSettings: swiftSettings),
    // Templates/: the site's Mustache templates and assets, built into the binary with #embed
    // (templates.c); only Rendering imports it.
    .target(
      name: "SiteTemplates", path: "Templates", exclude: ["README.md", "pages", "assets"], sources: ["templates.c"],
      publicHeadersPath: "include"),
    .target(name: "Review", dependencies: ["MailSeries", "GitSource", "Diagnostics", "UAPIChecks", "UAPIModel", "Verification", "Rendering"], swiftSettings: swiftSettings),
    // Checks a UAPI model against the reference driver, and the C hunks of driver patches (DriverPatch/).
    .target(name: "Verification", dependencies: ["MailSeries", "Diagnostics", "UAPIModel", "ReferenceDriver"], swiftSettings: swiftSettings),
    .target(name: "ReferenceDriver", dependencies: ["HabanaLabsReference"], swiftSettings: swiftSettings),
    .target(
      name: "HabanaLabsReference",
      cSettings: [
        // hlr_internal.h and the uAPI header are found from the target's root; hlr.h from include/.
        .headerSearchPath("include"),
        // Debug builds check the driver's reference and mapping counts after every entry point
        // and abort on a mismatch (hlr_check.c, hlr_debug_check); release builds do not.
        .define("HLR_DEBUG", .when(configuration: .debug)),
      ]
    ),
    // The rule pack of UAPI-RULES.md (U, L, F, I, H, P): header, series and fragment rules.
    .target(name: "UAPIChecks", dependencies: ["UAPIModel", "MailSeries", "Diagnostics"], swiftSettings: swiftSettings),
    .target(name: "MailSeries", dependencies: ["Diagnostics"], swiftSettings: swiftSettings),
    .target(name: "UAPIModel", dependencies: ["Diagnostics"], swiftSettings: swiftSettings),
    .target(name: "Diagnostics", swiftSettings: swiftSettings),
    // The only importer of CGit2: repositories, revisions, blobs, commit ranges, public-inbox archives.
    .target(name: "GitSource", dependencies: ["CGit2"], swiftSettings: swiftSettings),
    // System libraries, each reached through exactly one Swift target (GitSource, Rendering).
    .systemLibrary(name: "CGit2", pkgConfig: "libgit2", providers: [.apt(["libgit2-dev"])]),
    .systemLibrary(name: "CCmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
    .testTarget(
      name: "MailSeriesTests",
      dependencies: ["MailSeries", "Diagnostics", "TestSupport"],
      // Read through #filePath by the tests, not bundled.
      exclude: ["Fixtures"],
      swiftSettings: swiftSettings
    ),
    // The real git, run the same way by every test that compares against it.
    .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: swiftSettings),
    .testTarget(name: "RenderingTests", dependencies: ["Rendering", "Diagnostics"], swiftSettings: swiftSettings),
    .testTarget(name: "ReferenceDriverTests", dependencies: ["ReferenceDriver"], swiftSettings: swiftSettings),
    .testTarget(
      name: "ReviewTests", dependencies: ["Review", "MailSeries", "GitSource", "ReferenceDriver", "TestSupport"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "VerificationTests", dependencies: ["Verification", "MailSeries", "Diagnostics", "UAPIModel", "ReferenceDriver"], swiftSettings: swiftSettings),
    .testTarget(name: "GitSourceTests", dependencies: ["GitSource", "TestSupport"], swiftSettings: swiftSettings),
    .testTarget(
      name: "UAPIChecksTests", dependencies: ["UAPIChecks", "UAPIModel", "MailSeries", "Diagnostics"],
      resources: [.copy("Fixtures")], swiftSettings: swiftSettings),
    .testTarget(
      name: "UAPIModelTests",
      dependencies: ["UAPIModel", "Diagnostics", "ReferenceDriver"],
      resources: [.copy("Fixtures")],
      swiftSettings: swiftSettings
    ),
  ],
  cLanguageStandard: .gnu11
)
