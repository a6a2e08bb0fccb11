import UAPIModel

/// Structs and unions: members matched by path (anonymous levels left out, so anonymous members
/// are matched by the names inside them), then judged on every ABI.
extension Comparison {
  static func recordNames(_ u: HeaderUnit) -> [String] {
    let s = u.speller
    return u.ownRecords.compactMap { s.cName(ofRecord: $0) }
  }

  /// `pad`, `__pad1`, `reserved`, `rsvd[3]`, `unused`: bytes kept for later use.
  static func isReservedName(_ name: String?) -> Bool {
    guard let name = name?.lowercased() else { return false }
    return ["pad", "reserved", "rsvd", "resv", "unused", "spare"].contains { name.contains($0) }
  }

  mutating func compareRecords() {
    let oldNames = Self.recordNames(oldRef)
    let newNames = Self.recordNames(newRef)
    let oldIndexes = old.map(\.ownRecordIndex)
    let newIndexes = new.map(\.ownRecordIndex)
    var added: [FlatRecord] = []
    var removed: [FlatRecord] = []
    for name in newNames {
      guard let n = FlatRecord.read(name, units: new, indexes: newIndexes) else { continue }
      if oldNames.contains(name), let o = FlatRecord.read(name, units: old, indexes: oldIndexes) {
        compareRecord(o, n)
      } else {
        added.append(n)
      }
    }
    for name in oldNames where !newNames.contains(name) {
      if let o = FlatRecord.read(name, units: old, indexes: oldIndexes) { removed.append(o) }
    }
    // Same kind, same members, same layout everywhere: the type was renamed.
    for o in removed {
      guard let i = added.firstIndex(where: { sameShape(o, $0) }) else { continue }
      let n = added.remove(at: i)
      removed.removeAll { $0.name == o.name }
      add(
        .typeRenamed, .sourceBreak, o.name, old: o.name, new: n.name,
        note: "same members and layout on every ABI; sources using the old name break", at: location(n.unit, n.location)
      )
    }
    for n in added {
      add(
        .typeAdded, .addition, n.name, new: sizeText(n.size, abis), facts: [],
        at: location(n.unit, n.location))
    }
    for o in removed {
      add(
        .typeRemoved, .sourceBreak, o.name, old: sizeText(o.size, abis),
        note: "sources naming it no longer compile; binaries break if the kernel stopped accepting it",
        at: location(o.unit, o.location))
    }
  }

  func sizeText(_ size: [ABI: Int], _ abis: [ABI]) -> String {
    let sizes = abis.compactMap { size[$0] }
    if let first = sizes.first, sizes.allSatisfy({ $0 == first }) { return "\(first) bytes" }
    return abis.compactMap { a in size[a].map { "\(a.rawValue) \($0)" } }.joined(separator: ", ") + " bytes"
  }

  func sameShape(_ a: FlatRecord, _ b: FlatRecord) -> Bool {
    guard a.kind == b.kind, a.size == b.size, a.members.count == b.members.count else { return false }
    return zip(a.members, b.members).allSatisfy { x, y in
      x.path == y.path && (x.isInline || x.spelled == y.spelled) && x.placement == y.placement
    }
  }

  func placementText(_ o: Placement?, _ n: Placement?) -> String {
    switch (o, n) {
    case (let o?, let n?):
      let off = o.offset == n.offset ? "offset \(o.offset)" : "offset \(o.offset) → \(n.offset)"
      let size = o.size == n.size ? "size \(o.size)" : "size \(o.size) → \(n.size)"
      return off + ", " + size
    case (let o?, nil): return "offset \(o.offset), size \(o.size)"
    case (nil, let n?): return "offset \(n.offset), size \(n.size)"
    case (nil, nil): return "not laid out"
    }
  }

  /// Compares one record and reports its changes in reading order: member changes by their
  /// line in the new header, then removed members, then the record's own (order, size).
  mutating func compareRecord(_ o: FlatRecord, _ n: FlatRecord) {
    let first = changes.count
    compareMembers(o, n)
    let mine = changes[first...]
    func rank(_ c: ABIChange) -> (Int, Int, Int) {
      if c.symbol == n.name { return (2, c.kind == .membersReordered ? 0 : 1, 0) }
      if c.kind == .memberRemoved { return (1, c.location?.line ?? 0, c.location?.column ?? 0) }
      return (0, c.location?.line ?? 0, c.location?.column ?? 0)
    }
    let ordered = mine.enumerated().sorted { a, b in
      let (ra, rb) = (rank(a.element), rank(b.element))
      return ra != rb ? ra < rb : a.offset < b.offset
    }.map(\.element)
    changes.replaceSubrange(first..., with: ordered)
  }

  private mutating func compareMembers(_ o: FlatRecord, _ n: FlatRecord) {
    let prefix = n.name + "."
    // Named members matched by path.
    var oldByPath: [String: Int] = [:]
    for (i, m) in o.members.enumerated() { if let p = m.path { oldByPath[p] = i } }
    var newByPath: [String: Int] = [:]
    for (i, m) in n.members.enumerated() { if let p = m.path { newByPath[p] = i } }
    var common: [(Int, Int)] = []
    for (j, m) in n.members.enumerated() { if let p = m.path, let i = oldByPath[p] { common.append((i, j)) } }
    // The topmost members only on one side (the members of an added inline struct come with it).
    func topmost(_ r: FlatRecord, _ others: [String: Int]) -> [Int] {
      r.members.indices.filter { i in
        guard let p = r.members[i].path, others[p] == nil else { return false }
        var k = r.members[i].parent
        while let j = k {
          if let pp = r.members[j].path, others[pp] == nil { return false }
          k = r.members[j].parent
        }
        return true
      }
    }
    var addedMembers = topmost(n, oldByPath)
    var removedMembers = topmost(o, newByPath)
    var handledCommon: Set<Int> = []  // new indices already explained

    func moved(_ i: Int, _ j: Int) -> Bool {
      abis.contains { o.members[i].placement[$0]?.offset != n.members[j].placement[$0]?.offset }
    }

    // Reserved fields carved into new members within the same bytes.
    for r in o.members.indices where Self.isReservedName(o.members[r].name) {
      guard let reservedPath = o.members[r].path else { continue }
      let still = newByPath[reservedPath]
      if let j = still, n.members[j].spelled == o.members[r].spelled, !moved(r, j) { continue }
      func inside(_ j: Int) -> Bool {
        abis.allSatisfy { abi in
          guard let region = o.members[r].placement[abi], let p = n.members[j].placement[abi] else { return false }
          return p.offset >= region.offset && p.offset + p.size <= region.offset + region.size
        }
      }
      let users = addedMembers.filter(inside)
      guard !users.isEmpty, still.map(inside) ?? true else { continue }
      // Nothing else may overlap the reserved bytes.
      var parts = users
      if let j = still { parts.append(j) }
      parts.sort()
      let newText = parts.map { "\(n.members[$0].spelled) \(n.members[$0].name ?? "")" }.joined(separator: ", ")
      var perABI: [(ABI, String)] = []
      for abi in abis {
        guard let region = o.members[r].placement[abi] else { continue }
        let used = parts.compactMap { n.members[$0].placement[abi] }
        let covered = Set(used.flatMap { $0.offset..<($0.offset + $0.size) }).count
        var text = "bytes \(region.offset)..<\(region.offset + region.size)"
        if covered < region.size { text += ", \(region.size - covered) left as implicit padding" }
        perABI.append((abi, text))
      }
      add(
        .reservedFieldUsed, .compatible, prefix + reservedPath,
        old: "\(o.members[r].spelled) \(o.members[r].name ?? "")", new: newText,
        note: "reserved field used; compatible if the kernel rejected non-zero values there (F1)",
        facts: ABIFact.grouped(perABI), at: location(n.unit, n.members[users[0]].location))
      addedMembers.removeAll { users.contains($0) }
      if let j = still { handledCommon.insert(j) }
      removedMembers.removeAll { $0 == r }
    }

    // Removed and added members in the same place: renames.
    for r in removedMembers {
      let om = o.members[r]
      guard
        let a = addedMembers.first(where: { j in
          let nm = n.members[j]
          return nm.parentIsUnion == om.parentIsUnion && parentPath(nm.path) == parentPath(om.path)
            && abis.allSatisfy { om.placement[$0] != nil && om.placement[$0] == nm.placement[$0] }
        })
      else { continue }
      let nm = n.members[a]
      var note = "same offset and size on every ABI; sources using the old name break"
      if nm.spelled != om.spelled && !(nm.isInline && om.isInline) {
        note += "; the type changed too: \(om.spelled) → \(nm.spelled)"
      }
      add(
        .memberRenamed, .sourceBreak, prefix + (om.path ?? "?"), old: om.name, new: nm.name, note: note,
        facts: ABIFact.grouped(abis.map { ($0, placementText(om.placement[$0], nil)) }),
        at: location(n.unit, nm.location))
      addedMembers.removeAll { $0 == a }
      removedMembers.removeAll { $0 == r }
    }

    // Members in both versions.
    var flexConverted = false
    for (i, j) in common where !handledCommon.contains(j) {
      let om = o.members[i]
      let nm = n.members[j]
      let symbol = prefix + (nm.path ?? "?")
      let at = location(n.unit, nm.location)
      let facts = ABIFact.grouped(abis.map { ($0, placementText(om.placement[$0], nm.placement[$0])) })
      let wasMoved = moved(i, j)
      let resized = abis.contains { om.placement[$0]?.size != nm.placement[$0]?.size }
      if case .array(let oe, let oc) = om.type, case .array(let ne, nil) = nm.type, oc == 0 || oc == 1,
        spell(o.unit, oe) == spell(n.unit, ne)
      {
        flexConverted = true
        add(
          .flexibleArrayConverted, .compatible, symbol, old: om.spelled, new: nm.spelled,
          note: oc == 1 ? "flexible array member; sizeof drops the one element" : "flexible array member",
          facts: resized ? facts : [], at: at)
      } else if !om.isInline && !nm.isInline && om.spelled != nm.spelled {
        let (verdict, note) = classifyRetype(o, i, n, j)
        add(.memberRetyped, verdict, symbol, old: om.spelled, new: nm.spelled, note: note, facts: facts, at: at)
      } else if resized && !om.isInline {
        let changed = abis.filter { om.placement[$0]?.size != nm.placement[$0]?.size }
        let grew = changed.allSatisfy { (nm.placement[$0]?.size ?? 0) > (om.placement[$0]?.size ?? 0) }
        if grew && Self.namesOwnRecord(nm.type, n.unit) {
          // The record's own changes are reported with it; what its growth does here (members
          // after it moving, this record growing) is reported below.
          add(
            .memberResized, .compatible, symbol, old: om.spelled, new: nm.spelled,
            note: "grew with \(nm.spelled), whose changes are reported with it", abis: changed, facts: facts, at: at)
        } else {
          add(
            .memberResized, .abiBreak, symbol, old: om.spelled, new: nm.spelled, note: "the type changed size",
            abis: changed, facts: facts, at: at)
        }
      }
      if wasMoved {
        let oOff = om.placement[abis[0]]?.offset ?? 0
        let nOff = nm.placement[abis[0]]?.offset ?? 0
        add(
          .memberMoved, .abiBreak, symbol, old: "offset \(oOff)", new: "offset \(nOff)",
          note: "existing binaries use the old offset",
          abis: abis.filter { om.placement[$0]?.offset != nm.placement[$0]?.offset }, facts: facts, at: at)
      }
    }

    // Added members: appended (compatible), in a union (compatible), or inserted before
    // members that moved (a break).
    let movedCommon = common.filter { moved($0.0, $0.1) }.map(\.1)
    for a in addedMembers {
      let nm = n.members[a]
      let symbol = prefix + (nm.path ?? "?")
      let facts = ABIFact.grouped(abis.map { ($0, placementText(nil, nm.placement[$0])) })
      let at = location(n.unit, nm.location)
      let later = common.map(\.1).filter { $0 > a && !n.isInside($0, a) && n.members[$0].parent == nm.parent }
      let pushed = movedCommon.filter { j in
        abis.contains { abi in (n.members[j].placement[abi]?.offset ?? 0) >= (nm.placement[abi]?.offset ?? 0) }
          && !n.isInside(j, a)
      }
      if nm.parentIsUnion {
        var note = "added to a union"
        if let p = nm.parent, let up = n.members[p].path { note += " (\(up))" }
        let grows = abis.filter { abi in (nm.placement[abi]?.size ?? 0) > (oldContainerSize(o, n, a, abi) ?? Int.max) }
        if !grows.isEmpty { note += "; larger than the union was, so the union grows" }
        add(.memberAdded, .compatible, symbol, new: nm.spelled, note: note, facts: facts, at: at)
      } else if !later.isEmpty && !pushed.isEmpty {
        add(
          .memberInserted, .abiBreak, symbol, new: nm.spelled,
          note: "inserted before existing members, which moved: "
            + later.compactMap { n.members[$0].path }.joined(separator: ", "),
          facts: facts, at: at)
      } else if later.isEmpty {
        let container = nm.parent.flatMap { n.members[$0].path }.map { "appended to \($0)" } ?? "appended at the end"
        add(.memberAdded, .compatible, symbol, new: nm.spelled, note: container, facts: facts, at: at)
      } else {
        add(
          .memberAdded, .compatible, symbol, new: nm.spelled,
          note: "placed in former padding; old userspace may leave garbage there", facts: facts, at: at)
      }
    }
    for r in removedMembers {
      let om = o.members[r]
      add(
        .memberRemoved, .abiBreak, prefix + (om.path ?? "?"), old: om.spelled,
        note: "existing binaries still read or write it",
        facts: ABIFact.grouped(abis.map { ($0, placementText(om.placement[$0], nil)) }),
        at: location(o.unit, om.location))
    }

    // Reordering: two members that did not overlap swapped places.
    let ref = abis[0]
    var flipped: Set<Int> = []
    for (x, (i1, j1)) in common.enumerated() {
      for (i2, j2) in common[(x + 1)...] {
        guard let a = o.members[i1].placement[ref], let b = o.members[i2].placement[ref],
          let c = n.members[j1].placement[ref], let d = n.members[j2].placement[ref],
          a.offset + a.size <= b.offset || b.offset + b.size <= a.offset,
          !o.isInside(i2, i1), !o.isInside(i1, i2)
        else { continue }
        if (a.offset < b.offset) != (c.offset < d.offset) && c.offset != d.offset {
          flipped.insert(i1)
          flipped.insert(i2)
        }
      }
    }
    if !flipped.isEmpty {
      let names = flipped.sorted {
        (o.members[$0].placement[ref]?.offset ?? 0) < (o.members[$1].placement[ref]?.offset ?? 0)
      }
      .compactMap { o.members[$0].path }
      func newOffset(_ p: String) -> Int { newByPath[p].flatMap { n.members[$0].placement[ref]?.offset } ?? 0 }
      let newOrder = names.sorted { newOffset($0) < newOffset($1) }
      add(
        .membersReordered, .abiBreak, n.name, old: names.joined(separator: ", "), new: newOrder.joined(separator: ", "),
        note: "never reorder existing members", at: location(n.unit, n.location))
    }

    // The record's size.
    var perABI: [(ABI, String)] = []
    var shrank = false
    for abi in abis {
      guard let a = o.size[abi], let b = n.size[abi], a != b else { continue }
      perABI.append((abi, "size \(a) → \(b)"))
      if b < a { shrank = true }
    }
    if !perABI.isEmpty {
      let changedABIs = perABI.map(\.0)
      let oldText = sizeText(o.size, abis)
      let newText = sizeText(n.size, abis)
      let verdict: CompatVerdict
      let note: String
      if !shrank {
        verdict = .compatible
        note = "grew; ioctls taking it change number (I8)"
      } else if flexConverted {
        verdict = .compatible
        note = "shrank by a trailing array turned flexible"
      } else {
        verdict = .abiBreak
        note = "shrank; existing binaries pass the old size"
      }
      add(
        .typeSizeChanged, verdict, n.name, old: oldText, new: newText, note: note, abis: changedABIs,
        facts: ABIFact.grouped(perABI).count == 1 && changedABIs == abis ? [] : ABIFact.grouped(perABI),
        at: location(n.unit, n.location))
    }
  }

  /// True when `type` is one of the header's own named records (compared on its own).
  static func namesOwnRecord(_ type: CType, _ unit: HeaderUnit) -> Bool {
    var t = type
    while case .array(let e, _) = t { t = e }
    while case .typedef(let i) = t { t = unit.typedefs[i].type }
    guard case .record(let r) = t else { return false }
    return unit.ownRecords.contains(r)
  }

  /// `a.b.c` → `a.b`; top-level members have the parent path "".
  func parentPath(_ path: String?) -> String {
    guard let path, let dot = path.lastIndex(of: ".") else { return "" }
    return String(path[..<dot])
  }

  /// The size, in the old record, of the container the new member `a` was added to.
  func oldContainerSize(_ o: FlatRecord, _ n: FlatRecord, _ a: Int, _ abi: ABI) -> Int? {
    guard let p = n.members[a].parent else { return o.size[abi] }
    if let path = n.members[p].path, let i = o.index(ofPath: path) { return o.members[i].placement[abi]?.size }
    // An anonymous container: the old anonymous member holding most of the same names.
    let names = Set(n.members.indices.filter { n.members[$0].parent == p }.compactMap { n.members[$0].path })
    let candidates = o.members.indices.filter { o.members[$0].isInline && o.members[$0].path == nil }
    let best = candidates.max { x, y in
      let cx = o.members.indices.filter { o.members[$0].parent == x && names.contains(o.members[$0].path ?? "") }.count
      let cy = o.members.indices.filter { o.members[$0].parent == y && names.contains(o.members[$0].path ?? "") }.count
      return cx < cy
    }
    return best.flatMap { o.members[$0].placement[abi]?.size }
  }

  /// The verdict on a member whose type spelling changed, from what it does to its bytes.
  func classifyRetype(_ o: FlatRecord, _ i: Int, _ n: FlatRecord, _ j: Int) -> (CompatVerdict, String) {
    let om = o.members[i]
    let nm = n.members[j]
    let sameBytes = abis.allSatisfy { om.placement[$0] == nm.placement[$0] }
    let oldSigned = o.unit.integerSignedness(om.type)
    let newSigned = n.unit.integerSignedness(nm.type)
    let bothIntegers = oldSigned != nil && newSigned != nil
    var notes: [String] = []
    if let os = oldSigned, let ns = newSigned, os != ns {
      notes.append(os ? "signed → unsigned" : "unsigned → signed")
    }
    if sameBytes {
      if bothIntegers {
        return (.compatible, (["same offset and size on every ABI"] + notes).joined(separator: "; "))
      }
      return (.abiBreak, "same offset and size, but a different representation")
    }
    let oSize = om.placement[abis[0]]?.size ?? 0
    let nSize = nm.placement[abis[0]]?.size ?? 0
    let sizeNote = "size \(oSize) → \(nSize)"
    // An integer that kept its offset, in a record that kept its size, whose freed (or newly
    // taken) bytes no sequential neighbour uses: on little-endian ABIs the narrower of the two
    // reads the low bytes of the wider. Union alternatives may overlap those bytes; a member
    // laid out after it in the same struct may not.
    let sameOffset = abis.allSatisfy { om.placement[$0]?.offset == nm.placement[$0]?.offset }
    let containerKept = abis.allSatisfy { oldContainerSize(o, n, j, $0) == n.containerSize(of: j, on: $0) }
    let recordKept = abis.allSatisfy { o.size[$0] == n.size[$0] }
    let bytesFree = abis.allSatisfy { abi in
      guard let op = om.placement[abi], let np = nm.placement[abi] else { return false }
      let range = min(op.offset + op.size, np.offset + np.size)..<max(op.offset + op.size, np.offset + np.size)
      return !sequentialNeighbourUses(n, j, range, abi) && !sequentialNeighbourUses(o, i, range, abi)
    }
    let unionStart = nm.parentIsUnion && om.parentIsUnion && containerKept
    if sameOffset && bothIntegers && nSize > oSize && (unionStart || (recordKept && bytesFree && hasUnionAncestor(n, j))) {
      // Widening is not the mirror image: old userspace fills only the low bytes it knows,
      // and a kernel reading the wider member takes whatever lies above them.
      return (
        .abiBreak,
        (["widened: old userspace writes only the low \(oSize) bytes and the kernel would read \(nSize - oSize) it never set", sizeNote] + notes)
          .joined(separator: "; ")
      )
    }
    if sameOffset && bothIntegers && (unionStart || (recordKept && bytesFree && (nm.parentIsUnion || hasUnionAncestor(n, j)))) {
      var note =
        "little-endian only: the union's size is unchanged and the narrower type reads the wider one's low bytes"
      note += "; " + ([sizeNote] + notes).joined(separator: "; ")
      if nSize < oSize {
        note += "; the kernel must zero the upper bytes old userspace reads (L9), and an input value beyond the new range is truncated"
      }
      return (.compatible, note)
    }
    return (.abiBreak, ([sizeNote] + notes).joined(separator: "; "))
  }

  /// Whether a member other than `m`, not a union alternative to it, occupies any of `bytes`.
  func sequentialNeighbourUses(_ r: FlatRecord, _ m: Int, _ bytes: Range<Int>, _ abi: ABI) -> Bool {
    guard !bytes.isEmpty else { return false }
    var chain: [Int?] = []
    var at: Int? = m
    while let x = at {
      chain.append(x)
      at = r.members[x].parent
    }
    chain.append(nil)
    for k in r.members.indices where k != m && !chain.contains(k) {
      guard let p = r.members[k].placement[abi], p.offset < bytes.upperBound, p.offset + p.size > bytes.lowerBound else { continue }
      // Where the two paths part: that container decides whether they overlap by design.
      var up: Int? = k
      var child = k
      while let x = up, !chain.contains(x) {
        child = x
        up = r.members[x].parent
      }
      if !r.members[child].parentIsUnion { return true }
    }
    return false
  }

  func hasUnionAncestor(_ r: FlatRecord, _ m: Int) -> Bool {
    var at: Int? = m
    while let x = at {
      if r.members[x].parentIsUnion { return true }
      at = r.members[x].parent
    }
    return r.kind == .union
  }
}
