/// The review checklist: every machine rule with its outcome, every human item (C1–C16) as a
/// question with what the tool could gather.
public struct ChecklistReport: Sendable, Codable {
  public var machine: [MachineItem]
  public var human: [HumanItem]

  public init(machine: [MachineItem], human: [HumanItem]) {
    self.machine = machine
    self.human = human
  }
}

public struct MachineItem: Sendable, Codable, Hashable {
  public enum Status: String, Sendable, Codable, Hashable {
    case pass, fail
    /// Nothing in the series the rule looks at (no ioctl, no driver hunk, no base).
    case notApplicable = "n/a"
  }

  public var rule: String
  public var title: String
  public var status: Status
  /// Why: the findings (`file:line: message`), or what made it not applicable.
  public var evidence: [Evidence]

  public init(rule: String, title: String, status: Status, evidence: [Evidence]) {
    self.rule = rule
    self.title = title
    self.status = status
    self.evidence = evidence
  }
}

public struct HumanItem: Sendable, Codable, Hashable {
  /// `C12`.
  public var id: String
  public var title: String
  public var question: String
  /// The documents and thread messages the item comes from.
  public var citation: String
  public var evidence: [Evidence]

  public init(id: String, title: String, question: String, citation: String, evidence: [Evidence]) {
    self.id = id
    self.title = title
    self.question = question
    self.citation = citation
    self.evidence = evidence
  }
}

/// One piece of evidence, with where to read more.
public struct Evidence: Sendable, Codable, Hashable {
  public var text: String
  /// A site page and anchor (`v6-2.html#L522`), or nil.
  public var link: String?

  public init(_ text: String, link: String? = nil) {
    self.text = text
    self.link = link
  }
}
