import Diagnostics
import Foundation
import Rendering
import Testing

@Suite struct TextFormatTests {
  @Test func compilerStyleLineWithCaretAndNotes() {
    let text = TextFindings.render(Sample.findings[0])
    #expect(
      text == """
        include/uapi/drm/habanalabs_accel.h:42:8: error[U8]: __u64 'addr' is at offset 4 on i386 but 8 on x86_64
            \t__u64 addr;
            \t      ^
          = help: Pad explicitly so i386 and x86_64 agree.
          = evidence: i386: offset 4
          = evidence: x86_64: offset 8
          = introduced by v6 1/2
        """)
  }

  @Test func waivedAndFixedFindingsSaySo() {
    let waived = TextFindings.render(Sample.findings[1])
    #expect(waived.hasPrefix("include/uapi/drm/habanalabs_accel.h:50:2: warning[I8] (waived): 4-byte hole"))
    #expect(waived.hasSuffix("  = waived: hole is named in v7; tracked in the cover letter"))
    let fixed = TextFindings.render(Sample.findings[4])
    #expect(fixed.contains("warning[L2] (fixed in series): "))
    #expect(fixed.contains("  = introduced by v6 1/2\n  = fixed by v6 2/2"))
  }

  @Test func reportIsOrderedByFileAndLineAndEndsWithASummary() {
    let lines = TextFindings.render(Sample.report).split(separator: "\n").map(String.init)
    let heads = lines.filter { $0.contains("[") && !$0.hasPrefix(" ") }
    #expect(heads.first?.hasPrefix("drivers/accel/habanalabs/common/memory.c:120:3:") == true)
    #expect(heads.last?.hasPrefix("error[verify.layout]: struct hl_mem_in") == true)
    #expect(
      lines.last == "uapi-review: series hl-dmabuf v6: 3 errors, 1 note, 1 waived, 1 fixed in series (6 rules checked)")
  }

  @Test func hostileTextCannotEmitEscapeSequencesOrLines() {
    let text = TextFindings.render(Sample.findings[5])
    #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0 })
    #expect(text.split(separator: "\n").count == 5)  // head, excerpt, caret, help, evidence: no line of its own
  }

  @Test func cleanReport() {
    #expect(TextFindings.render(Sample.clean) == "uapi-review: series hl-dmabuf v7: no findings (6 rules checked)\n")
  }
}

@Suite struct JSONFormatTests {
  @Test func versionFirstAndFieldsPresent() throws {
    let data = try JSONFindings.render(Sample.report)
    let text = String(decoding: data, as: UTF8.self)
    #expect(text.hasPrefix("{\n  \"schemaVersion\" : 1,\n"))
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let findings = try #require(object["findings"] as? [[String: Any]])
    #expect(findings.count == 6)
    #expect(findings.filter { $0["active"] as? Bool == false }.count == 2)
    #expect((object["counts"] as? [String: Int])?["errors"] == 3)
    #expect(object["worstSeverity"] as? String == "error")
  }
}

@Suite struct SARIFTests {
  func decoded() throws -> [String: Any] {
    let data = try SARIFWriter.render(Sample.report)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  @Test func oneRunWithDriverRulesAndIndexedResults() throws {
    let log = SARIFWriter.log(Sample.report)
    #expect(log.version == "2.1.0" && log.runs.count == 1)
    let run = log.runs[0]
    #expect(
      run.tool.driver.name == "uapi-review" && run.tool.driver.informationUri == "https://example.org/uapi-review")
    #expect(run.tool.driver.rules.map(\.id) == Sample.rules.map(\.id))
    for result in run.results {
      #expect(run.tool.driver.rules[result.ruleIndex].id == result.ruleId)
    }
    let u8 = try #require(run.results.first { $0.ruleId == "U8" })
    #expect(u8.level == "error")
    let location = try #require(u8.locations?.first?.physicalLocation)
    #expect(location.artifactLocation.uri == "include/uapi/drm/habanalabs_accel.h")
    #expect(location.artifactLocation.uriBaseId == "%SRCROOT%")
    #expect(location.region?.startLine == 42 && location.region?.startColumn == 8)
    #expect(location.region?.snippet?.text == "\t__u64 addr;")
    #expect(run.tool.driver.rules[0].defaultConfiguration.level == "error")
    #expect(run.tool.driver.rules[0].fullDescription?.text.contains("botching-up-ioctls") == true)
  }

  @Test func waivedIsSuppressedAndFixedIsAPass() throws {
    let results = SARIFWriter.log(Sample.report).runs[0].results
    let waived = try #require(results.first { $0.ruleId == "I8" })
    #expect(waived.suppressions?.first?.kind == "external")
    #expect(waived.suppressions?.first?.justification == "hole is named in v7; tracked in the cover letter")
    #expect(waived.level == "warning")
    let fixed = try #require(results.first { $0.ruleId == "L2" })
    #expect(fixed.kind == "pass" && fixed.level == "none" && fixed.properties?.fixedBy == "v6 2/2")
  }

  @Test func urisArePercentEncodedAndUnlocatedFindingsHaveNoLocation() throws {
    let results = SARIFWriter.log(Sample.report).runs[0].results
    let odd = try #require(results.first { $0.ruleId == "D13" })
    #expect(odd.locations?.first?.physicalLocation.artifactLocation.uri == "include/uapi/drm/odd%20name%20%3C%26%3E.h")
    let verify = try #require(results.first { $0.ruleId == "verify.layout" })
    #expect(verify.locations == nil)
    let absolute = FindingReport(
      version: "1", subject: "h",
      findings: [
        RuleFinding(
          rule: "X", severity: .note, message: "m",
          location: SourceLocation(file: "/usr/include/a b.h", line: 1, column: 1))
      ], rules: [])
    let uri = SARIFWriter.log(absolute).runs[0].results[0].locations?.first?.physicalLocation.artifactLocation
    #expect(uri?.uri == "file:///usr/include/a%20b.h" && uri?.uriBaseId == nil)
  }

  @Test func unknownRulesGetADescriptor() throws {
    let report = FindingReport(
      version: "1", subject: "s", findings: [RuleFinding(rule: "Z9", severity: .warning, message: "m")],
      rules: Sample.rules)
    let run = SARIFWriter.log(report).runs[0]
    #expect(run.tool.driver.rules.last?.id == "Z9")
    #expect(run.results[0].ruleIndex == Sample.rules.count)
  }

  @Test func schemaKeyFirstLevelIsDollarSchema() throws {
    let log = try decoded()
    #expect(log["$schema"] as? String == SARIFWriter.schemaURI)
    #expect(log["version"] as? String == "2.1.0")
  }
}

@Suite struct FingerprintTests {
  @Test func stableAcrossLineMovesAndReindentation() {
    var moved = Sample.findings[0]
    moved.location?.line += 17
    moved.location?.column = 1
    moved.excerpt = "        __u64 addr;   "
    #expect(Fingerprint.hash(moved) == Fingerprint.hash(Sample.findings[0]))
    var reworded = Sample.findings[0]
    reworded.message += "!"
    #expect(Fingerprint.hash(reworded) != Fingerprint.hash(Sample.findings[0]))
    var otherFile = Sample.findings[0]
    otherFile.location?.file = "include/uapi/drm/other.h"
    #expect(Fingerprint.hash(otherFile) != Fingerprint.hash(Sample.findings[0]))
  }

  @Test func identicalFindingsAreNumbered() {
    var second = Sample.findings[0]
    second.location?.line = 90
    let prints = Fingerprint.fingerprints([Sample.findings[0], second, Sample.findings[2]])
    #expect(prints[0].hasSuffix(":1") && prints[1].hasSuffix(":2") && prints[2].hasSuffix(":1"))
    #expect(prints[0].dropLast(2) == prints[1].dropLast(2))
  }

  @Test func sarifFingerprintsSurviveALineMove() {
    let before = SARIFWriter.log(Sample.report).runs[0].results.map(\.partialFingerprints)
    var shifted = Sample.report
    shifted.findings = shifted.findings.map { f in
      var f = f
      f.location?.line += 3
      return f
    }
    let after = SARIFWriter.log(shifted).runs[0].results.map(\.partialFingerprints)
    #expect(before == after)
    #expect(before.allSatisfy { $0[Fingerprint.key]?.count == 66 })
  }
}

@Suite struct ReviewCheckTests {
  @Test func b4FieldsFromWorstActiveSeverity() throws {
    let check = B4Check(Sample.report)
    #expect(check.tool == "uapi-review" && check.status == "fail")
    #expect(check.summary == "3 errors, 1 note, 1 waived, 1 fixed in series")
    #expect(check.url == "https://ci.example.org/uapi-review/hl-dmabuf/v6")
    let details = try #require(
      try JSONSerialization.jsonObject(with: Data(check.details.utf8)) as? [[String: String]])
    #expect(details.count == 6)
    #expect(details.first { $0["context"] == "I8" }?["status"] == "pass")
    #expect(details.first { $0["context"] == "U8" }?["description"]?.hasSuffix("(introduced by v6 1/2)") == true)
    let object = try #require(
      try JSONSerialization.jsonObject(with: B4Check.render(Sample.report)) as? [String: String])
    #expect(Set(object.keys) == ["tool", "status", "summary", "url", "details"])
  }

  @Test func b4StatusLevels() {
    #expect(B4Check(Sample.clean).status == "pass" && B4Check(Sample.clean).summary == "no findings")
    #expect(B4Check(Sample.clean).url == "")
    let warn = FindingReport(
      version: "1", subject: "s", findings: [RuleFinding(rule: "I8", severity: .warning, message: "m")], rules: [])
    #expect(B4Check(warn).status == "warn")
    let note = FindingReport(
      version: "1", subject: "s", findings: [RuleFinding(rule: "D13", severity: .note, message: "m")], rules: [])
    #expect(B4Check(note).status == "pass")
    let waivedError = FindingReport(
      version: "1", subject: "s", findings: [RuleFinding(rule: "U8", severity: .error, message: "m", waiver: "ok")],
      rules: [])
    #expect(B4Check(waivedError).status == "pass")
  }

  @Test func patchworkFields() throws {
    let check = PatchworkCheck(Sample.report)
    #expect(check.state == "fail" && check.context == "uapi-review")
    #expect(check.description == "series hl-dmabuf v6: 3 errors, 1 note, 1 waived, 1 fixed in series")
    #expect(check.targetURL == "https://ci.example.org/uapi-review/hl-dmabuf/v6")
    let object = try #require(
      try JSONSerialization.jsonObject(with: PatchworkCheck.render(Sample.report)) as? [String: String])
    #expect(Set(object.keys) == ["state", "context", "description", "target_url"])
    #expect(PatchworkCheck(Sample.clean).state == "success" && PatchworkCheck(Sample.clean).targetURL == nil)
    let warn = FindingReport(
      version: "1", subject: "s", findings: [RuleFinding(rule: "I8", severity: .warning, message: "m")], rules: [])
    #expect(PatchworkCheck(warn).state == "warning")
  }

  /// The payloads README.md shows, byte for byte.
  @Test func readmeExamples() throws {
    let report = FindingReport(
      version: "0.1.0", subject: "series hl-dmabuf v6", findings: [Sample.findings[0]], rules: Sample.rules,
      url: "https://ci.example.org/uapi-review/hl-dmabuf/v6")
    let b4 = String(decoding: try B4Check.render(report), as: UTF8.self)
    #expect(
      b4 == #"""
        {
          "details" : "[{\"context\":\"U8\",\"description\":\"include/uapi/drm/habanalabs_accel.h:42:8: error[U8]: __u64 'addr' is at offset 4 on i386 but 8 on x86_64 (introduced by v6 1/2)\",\"status\":\"fail\"}]",
          "status" : "fail",
          "summary" : "1 error",
          "tool" : "uapi-review",
          "url" : "https://ci.example.org/uapi-review/hl-dmabuf/v6"
        }

        """#)
    let patchwork = String(decoding: try PatchworkCheck.render(report), as: UTF8.self)
    #expect(
      patchwork == """
        {
          "context" : "uapi-review",
          "description" : "series hl-dmabuf v6: 1 error",
          "state" : "fail",
          "target_url" : "https://ci.example.org/uapi-review/hl-dmabuf/v6"
        }

        """)
  }

  @Test func patchworkLimits() {
    var long = Sample.clean
    long.subject = String(repeating: "x", count: 400) + "\n\u{1B}"
    long.url = "https://example.org/" + String(repeating: "a", count: 200)
    let check = PatchworkCheck(long, context: "uapi review/hl dmabuf!")
    #expect(check.description.unicodeScalars.count == PatchworkCheck.descriptionLimit)
    #expect(check.description.hasSuffix("…") && !check.description.contains("\n"))
    #expect(check.targetURL == nil)
    #expect(check.context == "uapi-review-hl-dmabuf-")
  }
}

@Suite struct ExitStatusTests {
  func finding(_ rule: String, _ severity: Severity, waiver: String? = nil, fixedBy: String? = nil) -> RuleFinding {
    RuleFinding(rule: rule, severity: severity, message: "m", fixedBy: fixedBy, waiver: waiver)
  }

  @Test func bitsHaveTheDesignValues() {
    #expect(ExitStatus.inputError.rawValue == 1 && ExitStatus.usageError.rawValue == 2)
    #expect(ExitStatus.needsReview.rawValue == 4 && ExitStatus.abiBreak.rawValue == 8)
    #expect(ExitStatus.ruleViolation.rawValue == 16 && ExitStatus.verificationFailure.rawValue == 32)
  }

  @Test func sampleReportSetsBreakAndVerification() {
    let status = ExitStatus.compute(findings: Sample.findings)
    #expect(status == [.abiBreak, .ruleViolation, .verificationFailure])
    #expect(status.rawValue == 56 && status.description == "abi-break|rule-violation|verification-failure (56)")
  }

  @Test func failOnGatesRuleViolations() {
    let warning = [finding("I8", .warning)]
    #expect(ExitStatus.compute(findings: warning, failOn: .error) == .clean)
    #expect(ExitStatus.compute(findings: warning, failOn: .warning) == .ruleViolation)
    #expect(ExitStatus.compute(findings: [finding("D13", .note)], failOn: .warning) == .clean)
    #expect(ExitStatus.compute(findings: [finding("D13", .note)], failOn: .note) == .ruleViolation)
    #expect(
      ExitStatus.compute(findings: [finding("verify.scenario", .warning)], failOn: .warning) == .verificationFailure)
    #expect(ExitStatus.compute(findings: [finding("verify.scenario", .warning)]) == .clean)
  }

  @Test func abiChangesAreNotGated() {
    #expect(ExitStatus.compute(findings: [finding("ABI.enum-appended", .note)]) == .needsReview)
    #expect(ExitStatus.compute(findings: [finding("ABI.member-removed", .error)], failOn: .error) == .abiBreak)
  }

  @Test func waivedAndFixedSetNothingAndInputErrorsSetOne() {
    #expect(
      ExitStatus.compute(findings: [finding("U8", .error, waiver: "ok"), finding("U8", .error, fixedBy: "2/2")])
        == .clean)
    let diagnostics = [
      Diagnostic(.error, id: "mail.truncated", message: "m"), Diagnostic(.warning, id: "w", message: "m"),
    ]
    #expect(ExitStatus.compute(findings: [], diagnostics: diagnostics) == .inputError)
    #expect(ExitStatus.compute(findings: [], diagnostics: [Diagnostic(.warning, id: "w", message: "m")]) == .clean)
  }

  @Test func customCategories() {
    let status = ExitStatus.compute(findings: [finding("X1", .error)]) { _ in .abi }
    #expect(status == .abiBreak)
  }
}

@Suite struct MarkdownTests {
  @Test func countsTablesAndGroupsByFile() {
    let md = MarkdownFindings.render(Sample.report)
    #expect(
      md.hasPrefix("## uapi\\-review: series hl\\-dmabuf v6\n\n**3 errors, 1 note, 1 waived, 1 fixed in series**"))
    #expect(md.contains(" · full report: <https://ci.example.org/uapi-review/hl-dmabuf/v6>"))
    #expect(md.contains("| error | 3 |\n| warning | 0 |\n| note | 1 |\n| waived | 1 |\n| fixed in series | 1 |"))
    #expect(md.contains("| U8 | 64\\-bit members are naturally aligned on every ABI | 1 | 0 | 0 | 0 | 0 |"))
    #expect(md.contains("### include/uapi/drm/habanalabs\\_accel\\.h\n\n- **error** U8 line 42:8: "))
    #expect(md.contains("  ```c\n  \t__u64 addr;\n  ```"))
    #expect(md.contains("### series hl\\-dmabuf v6\n\n- **error** verify\\.layout: struct hl\\_mem\\_in"))
  }

  @Test func hostileTextStaysInert() {
    let md = MarkdownFindings.render(Sample.report)
    // Outside code fences (where text is literal) nothing is raw HTML or a link.
    #expect(!md.contains("<script>") && !md.contains("](javascript"))
    #expect(!md.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0 })
    // Every table row keeps exactly its columns: no unescaped pipe inside a cell.
    for line in md.split(separator: "\n") where line.hasPrefix("| ") {
      var count = 0
      var previous: Character = " "
      for c in line {
        if c == "|" && previous != "\\" { count += 1 }
        previous = c
      }
      #expect(count == 3 || count == 8, "\(line)")
    }
    // The excerpt's ``` cannot close the fence: the fence around it is longer.
    #expect(md.contains("  ````c\n  #define X ``` </failure> ]]> ?[2J\n  ````"))
  }

  @Test func nonWebURLIsNotALink() {
    var report = Sample.clean
    report.url = "javascript:alert(1)"
    #expect(MarkdownFindings.render(report).contains("full report: javascript:alert\\(1\\)"))
  }
}
