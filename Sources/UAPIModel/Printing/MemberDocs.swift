/// Finds the documentation of a flattened member: its own comment, else the record's kernel-doc
/// `@path:` or `@name:` entry.
struct MemberDocs {
  let record: RecordDecl

  func text(for member: MemberLayout, in unit: HeaderUnit) -> String? {
    if let own = ownDoc(member) { return own }
    guard let doc = record.doc, doc.isKernelDoc else { return nil }
    if let path = member.path, let t = doc.parameter(path) { return t }
    if let name = member.name { return doc.parameter(name) }
    return nil
  }

  private func ownDoc(_ member: MemberLayout) -> String? {
    guard member.depth == 1, let members = record.members else { return nil }
    return members.first { $0.name != nil && $0.name == member.name }?.doc?.text
  }
}
