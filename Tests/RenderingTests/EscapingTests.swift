import Diagnostics
import Foundation
import FoundationXML
import Rendering
import Testing

/// Hostile text from a patch cannot break out of any format.
@Suite struct EscapingTests {
  @Test func xmlTextEscapesMarkupAndDropsForbiddenCharacters() {
    let escaped = Escape.xmlText("a </failure> ]]> <script> & \u{0}\u{1B}\u{7}\u{FFFE}\u{FFFF}\tz\n")
    #expect(escaped == "a &lt;/failure&gt; ]]&gt; &lt;script&gt; &amp; \tz\n")
    #expect(!escaped.contains("<") && !escaped.contains("]]>"))
  }

  @Test func xmlAttributeEscapesQuotesAndKeepsWhitespace() {
    #expect(Escape.xmlAttribute("say \"hi\" 'x'\n\t<") == "say &quot;hi&quot; &apos;x&apos;&#10;&#9;&lt;")
  }

  @Test func markdownInlineCannotInject() {
    let escaped = Escape.markdownInline("a | b <script>alert(1)</script> [x](javascript:y) **b** `c`\nnext")
    #expect(!escaped.contains("<") && !escaped.contains("\n"))
    #expect(!escaped.contains("](") && !escaped.contains("**"))
    // Every pipe is escaped, so a table cell cannot be split.
    let unescapedPipe = zip(escaped.dropFirst(), escaped).contains { char, before in char == "|" && before != "\\" }
    #expect(!unescapedPipe && !escaped.hasPrefix("|"))
    #expect(escaped.contains("&lt;script&gt;"))
  }

  @Test func markdownFenceOutlastsBackticksInside() {
    let fenced = Escape.markdownFence("x ````` y\n\u{1B}[2J", info: "c")
    let lines = fenced.split(separator: "\n").map(String.init)
    #expect(lines.first == "``````c" && lines.last == "``````")
    #expect(lines[2] == "?[2J")
  }

  @Test func terminalLineHasNoEscapesOrLineBreaks() {
    #expect(Escape.terminalLine("a\u{1B}[31mb\nc\rd\te") == "a?[31mb c d e")
  }

  @Test func junitRoundTripsHostileTextThroughAnXMLParser() throws {
    let xml = JUnitWriter.render(Sample.report)
    let reader = JUnitReader()
    let parser = XMLParser(data: Data(xml.utf8))
    parser.delegate = reader
    #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
    // D13 (a note) passes, so the hostile text is in system-out; its name survives exactly.
    let names = reader.testcases.map(\.name)
    #expect(names.contains("include/uapi/drm/odd name <&>.h:7:5"))
    #expect(reader.failureMessages.contains("__u64 'addr' is at offset 4 on i386 but 8 on x86_64"))
    #expect(reader.text.contains("bad </failure> ]]> <script>alert(1)</script>"))
    #expect(reader.skippedMessages == ["waived: hole is named in v7; tracked in the cover letter"])
  }

  @Test func junitAttributesKeepEveryAllowedCharacter() throws {
    var finding = Sample.findings[0]
    finding.message = Sample.hostile
    let report = FindingReport(version: "1", subject: "s", findings: [finding], rules: [])
    let reader = JUnitReader()
    let parser = XMLParser(data: Data(JUnitWriter.render(report).utf8))
    parser.delegate = reader
    #expect(parser.parse())
    let expected = String(
      String.UnicodeScalarView(
        Sample.hostile.unicodeScalars.filter {
          $0.value >= 0x20 && $0.value != 0xFFFE || $0 == "\t" || $0 == "\n"
        }))
    #expect(reader.failureMessages == [expected])
  }
}

/// Collects what a JUnit consumer would read.
final class JUnitReader: NSObject, XMLParserDelegate {
  var testcases: [(name: String, classname: String)] = []
  var failureMessages: [String] = []
  var skippedMessages: [String] = []
  var text = ""

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    switch elementName {
    case "testcase": testcases.append((attributes["name"] ?? "", attributes["classname"] ?? ""))
    case "failure": failureMessages.append(attributes["message"] ?? "")
    case "skipped": skippedMessages.append(attributes["message"] ?? "")
    default: break
    }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
}
