/// Maps token spellings to small integer ids and back. One per `SourceCache` (one thread), so it
/// needs no locking; it starts with every `Sym` spelling at its raw value.
///
/// Lookups hash the bytes in place (FNV-1a, open addressing), so lexing an identifier that was
/// seen before creates no `String`.
final class Interner {
  @exclusivity(unchecked) private(set) var spellings: [String] = []
  @exclusivity(unchecked) private var bytes: [UInt8] = []
  @exclusivity(unchecked) private var starts: [Int] = []
  @exclusivity(unchecked) private var slots: [Int32]
  @exclusivity(unchecked) private var mask: Int

  init() {
    slots = Array(repeating: -1, count: 1 << 14)
    mask = (1 << 14) - 1
    spellings.reserveCapacity(8192)
    for s in Sym.spellings { _ = intern(s) }
    assert(spellings.count == Sym.allCases.count, "Sym cases and spellings disagree")
  }

  func intern(_ s: String) -> Int32 {
    var s = s
    return s.withUTF8 { intern($0) }
  }

  func intern(_ key: UnsafeBufferPointer<UInt8>) -> Int32 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in key { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let id = slots[slot]
      if id < 0 { break }
      if matches(Int(id), key) { return id }
      slot = (slot + 1) & mask
    }
    let id = Int32(spellings.count)
    starts.append(bytes.count)
    bytes.append(contentsOf: key)
    spellings.append(String(decoding: key, as: UTF8.self))
    slots[slot] = id
    if spellings.count * 2 > slots.count { grow() }
    return id
  }

  func lookup(_ s: String) -> Int32? {
    var s = s
    return s.withUTF8 { key in
      var hash: UInt64 = 0xcbf2_9ce4_8422_2325
      for b in key { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
      var slot = Int(truncatingIfNeeded: hash) & mask
      while slots[slot] >= 0 {
        if matches(Int(slots[slot]), key) { return slots[slot] }
        slot = (slot + 1) & mask
      }
      return nil
    }
  }

  subscript(id: Int32) -> String { spellings[Int(id)] }

  private func matches(_ id: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
    let start = starts[id]
    let end = id + 1 < starts.count ? starts[id + 1] : bytes.count
    guard end - start == key.count else { return false }
    var k = 0
    while k < key.count {
      if bytes[start + k] != key[k] { return false }
      k += 1
    }
    return true
  }

  private func grow() {
    let capacity = slots.count * 2
    slots = Array(repeating: -1, count: capacity)
    mask = capacity - 1
    for id in 0..<spellings.count {
      let start = starts[id]
      let end = id + 1 < starts.count ? starts[id + 1] : bytes.count
      var hash: UInt64 = 0xcbf2_9ce4_8422_2325
      for k in start..<end { hash = (hash ^ UInt64(bytes[k])) &* 0x100_0000_01b3 }
      var slot = Int(truncatingIfNeeded: hash) & mask
      while slots[slot] >= 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(id)
    }
  }
}
