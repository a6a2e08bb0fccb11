/// Interned sets of macro names (Prosser's hide sets): which macros a token came out of and so
/// must not expand again. Set 0 is empty; most tokens carry it.
struct HideSets {
  private var sets: [[Int32]] = [[]]
  private var index: [[Int32]: Int32] = [[]: 0]
  private var addCache: [Int64: Int32] = [:]
  private var unionCache: [Int64: Int32] = [:]

  func contains(_ set: Int32, _ name: Int32) -> Bool {
    set != 0 && sets[Int(set)].contains(name)
  }

  mutating func adding(_ name: Int32, to set: Int32) -> Int32 {
    let key = Int64(set) << 32 | Int64(UInt32(bitPattern: name))
    if let cached = addCache[key] { return cached }
    var members = sets[Int(set)]
    if !members.contains(name) {
      members.append(name)
      members.sort()
    }
    let result = intern(members)
    addCache[key] = result
    return result
  }

  mutating func union(_ a: Int32, _ b: Int32) -> Int32 {
    if a == 0 || a == b { return b }
    if b == 0 { return a }
    let key = Int64(a) << 32 | Int64(b)
    if let cached = unionCache[key] { return cached }
    let result = intern(Array(Set(sets[Int(a)]).union(sets[Int(b)])).sorted())
    unionCache[key] = result
    return result
  }

  private mutating func intern(_ members: [Int32]) -> Int32 {
    if let id = index[members] { return id }
    let id = Int32(sets.count)
    sets.append(members)
    index[members] = id
    return id
  }
}
