import Diagnostics
import Foundation
@testable import MailSeries
import Testing

/// Message count, message size and patch count limits: each reached with a diagnostic that
/// names the limit and the place, with what came before it kept.
@Suite struct MailLimitTests {
  static func mail(_ n: Int, of total: Int, body: String = "body\n") -> String {
    "From x Mon Sep 17 00:00:00 2001\nFrom: A <a@example.org>\nSubject: [PATCH \(n)/\(total)] part \(n)\n"
      + "Message-Id: <p\(n)@x>\nDate: Mon, 1 Jan 2024 00:00:00 +0000\n\n\(body)"
  }

  static func write(_ text: String, _ name: String) throws -> String {
    let dir = NSTemporaryDirectory() + "uapi-review-limits-\(getpid())"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let path = dir + "/" + name
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func messageCountStopsReadingWithTheLineOfTheFirstLeftOut() throws {
    let path = try Self.write((1...5).map { Self.mail($0, of: 5) }.joined(), "five.mbox")
    var limits = InputLimits()
    limits.messages = 3
    var inputs = MailInputs(limits: limits)
    inputs.add(path: path)
    #expect(inputs.store.count == 3)
    let d = try #require(inputs.store.diagnostics.first { $0.id == "input.too-many-messages" })
    #expect(d.location?.line == 22 && d.location?.file == path)
    #expect(d.message.contains("--limit messages=N"))
    #expect(!inputs.store.diagnostics.contains { $0.id == "input.no-mail" })
  }

  @Test func oversizedMessageIsSkippedAndTheNextIsRead() throws {
    let big = String(repeating: "x", count: 10_000) + "\n"
    let path = try Self.write(Self.mail(1, of: 2, body: big) + Self.mail(2, of: 2), "big.mbox")
    var limits = InputLimits()
    limits.fileBytes = 4_000
    var inputs = MailInputs(limits: limits)
    inputs.add(path: path)
    #expect(inputs.store.summaries.map(\.prefix.index) == [2])
    let d = try #require(inputs.store.diagnostics.first { $0.id == "input.too-large" })
    #expect(d.location?.line == 1 && d.message.contains("10"))
  }

  @Test func aFileWithNoLineBreaksIsCountedNotHeld() throws {
    // Longer than the limit with no newline at all: skipped as one oversized message.
    let path = try Self.write("From: a\n" + String(repeating: "y", count: 50_000), "oneline.mbox")
    var limits = InputLimits()
    limits.fileBytes = 1_000
    var inputs = MailInputs(limits: limits)
    inputs.add(path: path)
    #expect(inputs.store.count == 0)
    #expect(inputs.store.diagnostics.map(\.id) == ["input.too-large"])
  }

  @Test func patchCountKeepsTheFirstPatches() throws {
    var inputs = MailInputs()
    inputs.add(bytes: Array((1...6).map { Self.mail($0, of: 6) }.joined().utf8), label: "six.mbox")
    var limits = InputLimits()
    limits.patches = 4
    let set = SeriesAssembler(limits: limits).assemble(inputs.store)
    let version = try #require(set.series.first?.versions.first)
    #expect(version.patches.map(\.index) == [1, 2, 3, 4])
    #expect(version.missing.isEmpty)
    let d = try #require(version.diagnostics.first { $0.id == "series.too-many-patches" })
    #expect(d.message.contains("6 patches") && d.message.contains("--limit patches=N"))
  }

  @Test func missingPatchesAreListedAsRanges() {
    #expect(SeriesAssembler.ranges([2, 3, 4, 5, 9, 11, 12]) == "2-5, 9, 11, 12")
  }

  @Test func limitsAreSetByName() throws {
    var limits = InputLimits()
    try limits.set("include-depth=7")
    #expect(limits.includeDepth == 7)
    #expect(throws: InputLimitError.unknown("depth")) { try limits.set("depth=3") }
    #expect(throws: InputLimitError.badValue("nesting", "0")) { try limits.set("nesting=0") }
    #expect(throws: InputLimitError.malformed("nesting")) { try limits.set("nesting") }
  }

  @Test func patchLimitIsSaidOnlyWhenPatchesAreLeftUnread() throws {
    var inputs = MailInputs()
    inputs.add(bytes: Array(Self.mail(1, of: 3).utf8), label: "one.mbox")
    var limits = InputLimits()
    limits.patches = 2
    let version = try #require(SeriesAssembler(limits: limits).assemble(inputs.store).series.first?.versions.first)
    #expect(!version.diagnostics.contains { $0.id == "series.too-many-patches" })
    #expect(version.missing == [2, 3])
  }

  @Test func inputsAfterTheMessageLimitAreNotCalledEmpty() throws {
    let paths = try (1...3).map { try Self.write(Self.mail($0, of: 3), "m\($0).mbox") }
    var limits = InputLimits()
    limits.messages = 1
    var inputs = MailInputs(limits: limits)
    for p in paths { inputs.add(path: p) }
    #expect(inputs.store.count == 1)
    #expect(inputs.store.diagnostics.map(\.id) == ["input.too-many-messages"])
  }
}
