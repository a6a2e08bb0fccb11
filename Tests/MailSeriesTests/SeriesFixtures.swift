import Foundation
import MailSeries

/// Builds small mboxes of patch mails for series tests: readable, and each mail threaded the
/// way git send-email threads them.
struct MailFactory {
  var mbox = ""
  var clock = 0

  struct Spec {
    var subject: String
    var id: String
    var replyTo: String? = nil
    var from = "Dev Eloper <dev@example.org>"
    var body = ""
  }

  mutating func add(_ s: Spec) {
    clock += 1
    mbox += "From \(String(repeating: "0", count: 40)) Mon Sep 17 00:00:00 2001\n"
    mbox += "From: \(s.from)\nSubject: \(s.subject)\nDate: Sun, 12 Sep 2021 19:\(String(format: "%02d", clock % 60)):00 +0300\n"
    mbox += "Message-Id: <\(s.id)>\n"
    if let r = s.replyTo { mbox += "In-Reply-To: <\(r)>\nReferences: <\(r)>\n" }
    mbox += "\n" + s.body
    if !s.body.hasSuffix("\n") { mbox += "\n" }
  }

  /// A patch body touching `path` that replaces `old` with `new` lines.
  static func patch(_ message: String, path: String, old: [String], new: [String], context: [String] = ["struct x {", "};"]) -> String {
    var diff = "diff --git a/\(path) b/\(path)\nindex 1111111..2222222 100644\n--- a/\(path)\n+++ b/\(path)\n"
    diff += "@@ -10,\(old.count + context.count) +10,\(new.count + context.count) @@ struct hl_mem_in {\n"
    diff += " \(context[0])\n" + old.map { "-\($0)\n" }.joined() + new.map { "+\($0)\n" }.joined() + " \(context[1])\n"
    let stat = " \(path) | \(old.count + new.count) \(String(repeating: "+", count: new.count))\(String(repeating: "-", count: old.count))\n"
    let summary = " 1 file changed, \(new.count) insertion\(new.count == 1 ? "" : "s")(+), \(old.count) deletion\(old.count == 1 ? "" : "s")(-)\n"
    return message + "\n\nSigned-off-by: Dev Eloper <dev@example.org>\n---\n" + stat + summary + "\n" + diff + "-- \n2.30.2\n"
  }

  func assembled() -> SeriesSet {
    var inputs = MailInputs()
    inputs.add(bytes: Array(mbox.utf8), label: "test.mbox")
    return SeriesAssembler().assemble(inputs.store)
  }
}
