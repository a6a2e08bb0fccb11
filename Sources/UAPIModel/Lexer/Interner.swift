/// Maps token spellings to small integer ids and back. One per translation-unit run, so it needs
/// no locking; it starts with every `Sym` spelling at its raw value.
final class Interner {
  private var ids: [String: Int32] = [:]
  private(set) var spellings: [String] = []

  init() {
    ids.reserveCapacity(8192)
    spellings.reserveCapacity(8192)
    for s in Sym.spellings { _ = intern(s) }
    assert(spellings.count == Sym.allCases.count, "Sym cases and spellings disagree")
  }

  func intern(_ s: String) -> Int32 {
    if let id = ids[s] { return id }
    let id = Int32(spellings.count)
    ids[s] = id
    spellings.append(s)
    return id
  }

  func intern(_ bytes: ArraySlice<UInt8>) -> Int32 {
    intern(String(decoding: bytes, as: UTF8.self))
  }

  func lookup(_ s: String) -> Int32? { ids[s] }

  subscript(id: Int32) -> String { spellings[Int(id)] }
}
