import Diagnostics

/// The parser's state between two declarations, for reuse: many headers start by including the
/// same headers, whose tokens parse to the same declarations every time.
struct ParserSnapshot {
  var records: [RecordDecl]
  var enums: [EnumDecl]
  var typedefs: [TypedefDecl]
  var tags: [Int32: UnitParser.Tag]
  var typedefNames: [Int32: Int]
  var enumConstants: [Int32: IntegerValue]
  var computedLayouts: [Int: UnitParser.ComputedLayout]
  var layoutFailures: [Int: String]
  var pragmaPack: Int?
  var pragmaPackStack: [Int?]
  var diagnostics: [Diagnostic]
}

/// The parse of a token prefix depends on those tokens only, and the tokens are named exactly by
/// the ABI and the chain of include memos that produced them.
struct ParserSnapshotKey: Hashable {
  var abi: ABI
  var chain: [Int]
}

extension UnitParser {
  func snapshot() -> ParserSnapshot {
    ParserSnapshot(
      records: records, enums: enums, typedefs: typedefs, tags: tags, typedefNames: typedefNames,
      enumConstants: enumConstants, computedLayouts: computedLayouts, layoutFailures: layoutFailures,
      pragmaPack: pragmaPack, pragmaPackStack: pragmaPackStack, diagnostics: diagnostics)
  }

  func restore(_ s: ParserSnapshot) {
    records = s.records
    enums = s.enums
    typedefs = s.typedefs
    tags = s.tags
    typedefNames = s.typedefNames
    enumConstants = s.enumConstants
    computedLayouts = s.computedLayouts
    layoutFailures = s.layoutFailures
    pragmaPack = s.pragmaPack
    pragmaPackStack = s.pragmaPackStack
    diagnostics = s.diagnostics
  }

  /// Parses the unit, starting from a snapshot of its leading includes when one exists and
  /// leaving one behind when it does not.
  func parseUnit(prefix key: ParserSnapshotKey?, prefixTokens: Int, cache: SourceCache) {
    guard let key, prefixTokens > 0, !key.chain.isEmpty else {
      parseUnit()
      return
    }
    if let saved = cache.parserSnapshots[key] {
      restore(saved)
      index = prefixTokens
    } else {
      while index < prefixTokens {
        let before = index
        parseExternalDeclaration()
        if index == before { index += 1 }
      }
      // A declaration that ran past the prefix depends on what follows: no snapshot then.
      if index == prefixTokens && nesting == 0 { cache.parserSnapshots[key] = snapshot() }
    }
    parseUnit()
  }
}
