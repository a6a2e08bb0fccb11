import Diagnostics
import MailSeries

/// P2: when a patch calls dma-buf API or touches the dma-buf core, every mail of the version has
/// dri-devel, linux-media and linaro-mm-sig in To: or Cc:. Reported per mail at its Cc: (or To:)
/// field.
enum DMABufListsRule: SeriesCheck {
  static let rule = RuleCatalogue.p2

  static let lists = [
    ("dri-devel", "dri-devel@lists.freedesktop.org"), ("linux-media", "linux-media@vger.kernel.org"),
    ("linaro-mm-sig", "linaro-mm-sig@lists.linaro.org"),
  ]

  static func check(_ s: SeriesContext) -> [RuleFinding] {
    var use: String?
    for patch in s.version.patches where use == nil {
      if let f = patch.files.first(where: { $0.path.hasPrefix("drivers/dma-buf/") || $0.path.hasPrefix("include/linux/dma-buf") }) {
        use = "patch \(s.label(patch)) changes \(f.path)"
      } else if let l = s.addedLines(patch).first(where: { SeriesContext.dmaBufCall($0.line) != nil }),
        let call = SeriesContext.dmaBufCall(l.line)
      {
        use = "patch \(s.label(patch)) calls \(call.name)() in \(l.file.path)"
      }
    }
    guard let use else { return [] }
    var out: [RuleFinding] = []
    for mail in s.mails {
      let recipients = (mail.mail.headers.all("To") + mail.mail.headers.all("Cc")).joined(separator: ",").lowercased()
      let missing = lists.filter { !recipients.contains($0.1) && !recipients.contains($0.0 + "@") }.map(\.1)
      guard !missing.isEmpty else { continue }
      let at = s.field(mail, ["Cc", "To", "Subject"])
      out.append(
        s.finding(
          rule, "the series uses dma-buf but this mail is not sent to \(missing.joined(separator: ", "))", mail: mail,
          line: at.line, excerpt: at.excerpt, evidence: [use]))
    }
    return out
  }
}
