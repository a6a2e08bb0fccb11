import Foundation
import MailSeries
import Rendering
import Verification

/// The checklist items only a person can answer (UAPI-RULES.md §2, C1–C16), each asked as a
/// question with what the tool found in the series and its thread to answer it with.
enum HumanChecklist {
  struct Item {
    var id: String
    var title: String
    var question: String
    var citation: String
    /// Words whose mention in the cover letter or a reply is worth showing (lowercase).
    var words: [String] = []
    /// Fragments of added lines worth showing.
    var code: [String] = []
    /// Rules whose standing findings bear on the question.
    var rules: [String] = []
  }

  static let items: [Item] = [
    Item(
      id: "C1", title: "Open-source userspace",
      question: "Is there real, open userspace that uses the new interface, reviewed in its upstream project, and is it "
        + "more than a runtime around a closed compiler?",
      citation: "UAPI-RULES.md §2 C1; DRM uAPI guide, open-source userspace requirements; thread T#003, T#038–T#063",
      words: ["userspace", "user space", "runtime", "compiler", "open source", "open-source", "github.com", "pull request"]),
    Item(
      id: "C2", title: "Detectability",
      question: "Can userspace find out whether the running kernel has the new ioctl, opcode or flag, and does newer "
        + "userspace on an older kernel notice that it is missing?",
      citation: "UAPI-RULES.md §2 C2; botching-up-ioctls, basics",
      words: ["version", "feature", "capability", "detect"], rules: ["F1", "F3", "I11"]),
    Item(
      id: "C3", title: "Extension plan",
      question: "Are there flags and reserved words to grow with, and is there a plan for adding fields at the end?",
      citation: "UAPI-RULES.md §2 C3; botching-up-ioctls, basics",
      words: ["reserved", "extend", "extension", "future"], rules: ["F1", "F2", "L8"]),
    Item(
      id: "C4", title: "Test coverage",
      question: "Is every input-validation failure tested on its own, with otherwise valid input, and are the error "
        + "codes the expected ones?",
      citation: "UAPI-RULES.md §2 C4; botching-up-ioctls, error paths",
      words: ["test", "tested", "igt", "selftest"]),
    Item(
      id: "C5", title: "Restartability and killability",
      question: "Can the ioctls be restarted after a signal, and are the waits killable, with a timeout or hang check?",
      citation: "UAPI-RULES.md §2 C5; botching-up-ioctls, error paths",
      code: ["wait_event", "wait_for_completion", "ERESTARTSYS", "EINTR", "schedule_timeout", "msleep"]),
    Item(
      id: "C6", title: "Integer checks",
      question: "Are counts, overflows and underflows checked, and values clamped to the widths the hardware takes?",
      citation: "UAPI-RULES.md §2 C6; botching-up-ioctls, error paths",
      code: ["overflow", "lower_32_bits", "upper_32_bits", "U32_MAX", "SIZE_MAX", "array_size", "check_add"],
      rules: ["D14", "U2"]),
    Item(
      id: "C7", title: "Time semantics",
      question: "Do timeouts use CLOCK_MONOTONIC and absolute times, are inputs normalised, or would an event on a "
        + "pollable fd serve better than a blocking wait?",
      citation: "UAPI-RULES.md §2 C7; botching-up-ioctls, time; ioctl guide, timestamps",
      words: ["timeout", "clock"], code: ["timeout", "ktime", "CLOCK_", "jiffies"], rules: ["U7"]),
    Item(
      id: "C8", title: "Resource lifetime and namespaces",
      question: "Is every object's lifetime tied to an fd, with handles private to the fd that made them, so one "
        + "client cannot reach another's?",
      citation: "UAPI-RULES.md §2 C8; botching-up-ioctls, leaking resources",
      words: ["lifetime", "handle", "namespace"], code: ["fd_install", "dma_buf_fd", "kref_", "fput", "get_file"], rules: ["D17"]),
    Item(
      id: "C9", title: "Is an ioctl the right interface",
      question: "Would sysfs, debugfs, netlink, configfs or a syscall fit better, and should this be a subsystem-wide "
        + "interface rather than one driver's?",
      citation: "UAPI-RULES.md §2 C9; botching-up-ioctls, last but not least; ioctl guide, alternatives"),
    Item(
      id: "C10", title: "Is dma-buf the right tool",
      question: "Which in-tree importers can use the exported buffers, and was it tested end to end against one, with "
        + "the IOMMU on and a non-identity mapping?",
      citation: "UAPI-RULES.md §2 C10; thread T#001, T#006, T#010, T#016, T#023",
      words: ["importer", "mlx5", "iommu", "rdma", "amdgpu", "allow_peer2peer"],
      code: ["dma_buf_export", "allow_peer2peer", "dma_map_resource", "dma_buf_ops"]),
    Item(
      id: "C11", title: "P2P topology",
      question: "Does the design still work where PCI peer-to-peer is refused, for example inside a VM?",
      citation: "UAPI-RULES.md §2 C11; thread T#075",
      words: ["p2p", "peer", "virtual machine", "vm ", "pci"], code: ["pci_p2pdma_distance", "p2pdma"]),
    Item(
      id: "C12", title: "Revoke and ownership",
      question: "What happens to exported memory when its owner closes the device, or the device resets or goes away? "
        + "Can another user reach that memory, is revoke needed, and can the likely importers be revoked?",
      citation: "UAPI-RULES.md §2 C12; thread T#068–T#073; DRM uAPI guide, device hot-unplug",
      words: ["revoke", "revocation", "owner", "ownership", "exclusive", "close", "hot-unplug", "reset", "user a", "user b"],
      code: ["move_notify", "dma_buf_invalidate", "kref_get", "revoke", "_get(", "_put("], rules: ["D13", "D16", "D17"]),
    Item(
      id: "C13", title: "Security of exported memory",
      question: "Is device memory scrubbed between users, and does pinned memory count against the mlock limit?",
      citation: "UAPI-RULES.md §2 C13; thread T#069, T#072",
      words: ["scrub", "mlock", "pinned", "pin "], code: ["scrub", "account_locked_vm", "mlock"]),
    Item(
      id: "C14", title: "Merge path and review venue",
      question: "Did the series reach the right lists, and are the acks of the dma-buf (or other affected) maintainers "
        + "collected?",
      citation: "UAPI-RULES.md §2 C14; thread T#001, T#037, T#076",
      words: ["acked-by", "merge", "tree", "dri-devel"], rules: ["P1", "P2", "P3"]),
    Item(
      id: "C15", title: "Commit-message claims match the code",
      question: "Does every reason the commit messages give hold for the code (what is blocked and why, what is "
        + "supported)?",
      citation: "UAPI-RULES.md §2 C15; thread T#075, T#077"),
    Item(
      id: "C16", title: "Render-node safety (DRM)",
      question: "Is any privileged ioctl marked DRM_RENDER_ALLOW?",
      citation: "UAPI-RULES.md §2 C16; DRM uAPI guide, render nodes",
      code: ["DRM_RENDER_ALLOW", "DRM_IOCTL_DEF"]),
  ]

  static let perSource = 4

  static func items(_ c: ChecklistContext) -> [HumanItem] {
    let added = c.addedLines
    return items.map { item in
      var evidence: [Evidence] = special(item.id, c)
      evidence += mentions(item.words, c, limit: perSource)
      // Added code that names what the question is about (nothing is said when none does:
      // the absence of a word is not evidence).
      var code: [Evidence] = []
      let needles = item.code.map { Array($0.utf8) }
      for a in added where code.count < perSource && !needles.isEmpty {
        let bytes = Array(a.text.utf8)
        guard needles.contains(where: { contains(bytes, $0) }) else { continue }
        let t = trimmed(a.text)
        // Comments describe code; the evidence is the code itself.
        guard !t.hasPrefix("*"), !t.hasPrefix("/*"), !t.hasPrefix("//") else { continue }
        code.append(Evidence("\(c.patchLabel(a.patch)) adds \"\(t)\" (\(lastComponent(a.path)))", link: c.anchor(patch: a.patch, a.line)))
      }
      evidence += code
      evidence += rules(item.rules, c)
      if evidence.isEmpty { evidence.append(Evidence("nothing in the series or its thread bears on this; ask the submitter")) }
      return HumanItem(id: item.id, title: item.title, question: item.question, citation: item.citation, evidence: evidence)
    }
  }

  /// The rules an item names: their standing findings, or that they pass where they apply
  /// (a driver rule applies when the series changes C code).
  static func rules(_ ids: [String], _ c: ChecklistContext) -> [Evidence] {
    var out: [Evidence] = []
    for id in ids {
      let found = c.standing.filter { c.findings[$0].rule == id }
      if !found.isEmpty {
        out += found.prefix(3).map { c.describe(finding: $0) }
        if found.count > 3 { out.append(Evidence("and \(found.count - 3) more \(id) findings", link: SitePaths.checklist + "#rule-" + SitePaths.slug(id))) }
      } else if let rule = DriverRule.driverPatchRules.first(where: { $0.id == id }), c.touchesC {
        out.append(Evidence("\(id) passes: \(rule.summary)", link: SitePaths.checklist + "#rule-" + SitePaths.slug(id)))
      }
    }
    return out
  }

  /// What a specific item can gather beyond words and code.
  static func special(_ id: String, _ c: ChecklistContext) -> [Evidence] {
    switch id {
    case "C4":
      let tests = c.version.patches.flatMap { m in m.files.filter { $0.path.contains("selftests") || $0.path.contains("/tests/") }.map { (m, $0.path) } }
      var out = tests.prefix(perSource).map { Evidence("\(c.patchLabel($0.0)) changes \($0.1)", link: c.anchor($0.0, nil)) }
      if tests.isEmpty { out.append(Evidence("no patch of the series adds or changes a test")) }
      if c.verification.applicable {
        let s = c.verification.scenarios
        out.append(Evidence("the reference driver's \(s.count) conformance scenarios, \(s.filter(\.passed).count) passing, each test one error path", link: SitePaths.verification))
      }
      return out
    case "C3":
      var out: [Evidence] = []
      for h in c.headers {
        for t in h.types {
          let spare = t.layouts.first?.rows.filter { r in ["pad", "reserved", "rsvd", "flags", "spare"].contains { r.name.lowercased().contains($0) } } ?? []
          if !spare.isEmpty && out.count < perSource {
            out.append(Evidence("\(t.name) has \(spare.map(\.name).joined(separator: ", "))", link: SitePaths.header(h.path) + "#" + SitePaths.declAnchor(t.name)))
          }
        }
      }
      return out
    case "C12":
      var out: [Evidence] = []
      // Which lifetime policy the series' exporter follows, as far as the driver rules tell.
      let holdsOwner = c.touchesC && !c.standing.contains { c.findings[$0].rule == "D17" }
      if holdsOwner {
        out.append(
          Evidence(
            "the exporter in this series holds a reference on its owner (D17 passes): the owner-ref policy below",
            link: SitePaths.checklist + "#rule-D17"))
      }
      for l in c.verification.lifetime {
        out.append(
          Evidence(
            "the bundled reference driver's lifetime model (not this series' code), policy \(l.policy): \(l.result)",
            link: SitePaths.verification + "#policy-" + SitePaths.slug(l.policy)))
      }
      return out
    case "C14":
      var out: [Evidence] = []
      for m in c.mails {
        for t in m.collected where ["acked-by", "reviewed-by"].contains(t.trailer.key.lowercased()) && out.count < perSource {
          out.append(Evidence("\(t.trailer.key): \(t.trailer.value) given on \(c.patchLabel(m))", link: c.anchor(m, nil)))
        }
      }
      if let cover = c.version.cover ?? c.version.patches.first {
        let lists = (cover.mail.headers.all("To") + cover.mail.headers.all("Cc")).joined(separator: ", ")
        let known = ["dri-devel", "linux-media", "linaro-mm-sig", "linux-rdma", "linux-kernel", "netdev", "linux-api"].filter { lists.contains($0) }
        out.append(Evidence(known.isEmpty ? "no well-known list is in To or Cc" : "sent to " + known.joined(separator: ", "), link: c.anchor(cover, nil)))
      }
      return out
    case "C15":
      var out: [Evidence] = []
      for m in c.version.patches {
        for l in MailReports.numbered(m.mail.message, from: m.mail.messageLine) where out.count < perSource {
          let t = l.text.lowercased()
          if ["because", "since we", "we don't", "we do not", "not supported", "is required", "in order to"].contains(where: { t.contains($0) }) {
            out.append(Evidence("\(c.patchLabel(m)) says: \"\(l.text.trimmingCharacters(in: .whitespaces))\"", link: c.anchor(m, l.line)))
          }
        }
      }
      return out
    default:
      return []
    }
  }

  /// A word (or phrase) of `words` starts a word of `line`: `version` is not found in
  /// `inversion`. Bytes, not Foundation: this runs on every line of every reply.
  static func mentions(_ words: [String], in line: String) -> Bool {
    var t: [UInt8] = [0x20]
    t.reserveCapacity(line.utf8.count + 2)
    for b in line.utf8 {
      switch b {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"): t.append(b + 32)
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
        UInt8(ascii: "."), UInt8(ascii: "/"), 0x80...:
        t.append(b)
      default: t.append(0x20)
      }
    }
    t.append(0x20)
    return words.contains { w in contains(t, [0x20] + Array(w.lowercased().utf8.drop { $0 == 0x20 })) }
  }

  /// The sentence of a block (lines joined) that holds the first mention on line `k`, cut to
  /// 200 characters: a quote that starts and ends where the writer's thought does.
  static func sentence(in lines: [String], at k: Int, words: [String]) -> String {
    let text = lines.map(trimmed).joined(separator: " ")
    let before = lines[..<k].map(trimmed).joined(separator: " ")
    let lineStart = before.isEmpty ? text.startIndex : text.index(text.startIndex, offsetBy: min(before.count + 1, text.count))
    let ends: Set<Character> = [".", "?", "!"]
    var start = lineStart
    while start > text.startIndex {
      let p = text.index(before: start)
      if ends.contains(text[p]), text[start...].first == " " { break }
      start = p
    }
    var end = lineStart
    while end < text.endIndex, !ends.contains(text[end]) { end = text.index(after: end) }
    if end < text.endIndex { end = text.index(after: end) }
    let s = trimmed(String(text[start..<end]))
    return s.count > 200 ? String(s.prefix(197)) + "..." : s
  }

  static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard !needle.isEmpty, needle.count <= haystack.count else { return needle.isEmpty }
    let first = needle[0]
    var i = 0
    let last = haystack.count - needle.count
    while i <= last {
      if haystack[i] == first {
        var k = 1
        while k < needle.count, haystack[i + k] == needle[k] { k += 1 }
        if k == needle.count { return true }
      }
      i += 1
    }
    return false
  }

  static func trimmed(_ s: String) -> String {
    let u = s.utf8
    guard let first = u.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }), let last = u.lastIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return "" }
    return String(s[first...last])
  }

  /// Lines of what repliers wrote (not what they quoted) and of the cover letter naming one of
  /// `words`, at most `limit`; a reply that raised the question is the evidence a reviewer
  /// wants first.
  static func mentions(_ words: [String], _ c: ChecklistContext, limit: Int) -> [Evidence] {
    guard !words.isEmpty else { return [] }
    var out: [Evidence] = []
    for m in c.mails where out.count < limit {
      for (r, reply) in m.replies.enumerated() where out.count < limit {
        for block in reply.blocks where block.kind == .new {
          guard let k = block.lines.firstIndex(where: { mentions(words, in: $0) }) else { continue }
          let who = reply.mail.author.isEmpty ? reply.mail.email : reply.mail.author
          out.append(
            Evidence(
              "\(who) in reply to \(c.patchLabel(m)), line \(block.line + k): \"\(sentence(in: block.lines, at: k, words: words))\"",
              link: SitePaths.mail(c.page, c.pageIndex(m)) + "#" + SitePaths.replyAnchor(r)))
          break
        }
      }
    }
    if let cover = c.version.cover {
      for l in MailReports.numbered(cover.mail.message, from: cover.mail.messageLine) where out.count < limit {
        if mentions(words, in: l.text) {
          out.append(Evidence("the cover letter says: \"\(trimmed(l.text))\"", link: c.anchor(cover, l.line)))
        }
      }
    }
    return out
  }
}
