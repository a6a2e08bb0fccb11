import Testing

@testable import UAPIChecks

@Suite struct RuleCatalogueTests {
  @Test func idsAreUniqueAndCited() {
    let ids = RuleCatalogue.all.map(\.id)
    #expect(Set(ids).count == ids.count)
    for rule in RuleCatalogue.all where rule.scope != .fragment {
      #expect(rule.help.contains("UAPI-RULES.md §1."), "\(rule.id) cites no section")
      #expect(!rule.title.isEmpty)
    }
    #expect(RuleCatalogue.rule("U8")?.severity == .warning)
    #expect(RuleCatalogue.rule("P5")?.severity == .note)
  }

  @Test func everyHeaderCheckIsCatalogued() {
    let checked = HeaderRules.checks.map { $0.rule.id }
    #expect(checked == RuleCatalogue.header.map(\.id))
    #expect(SeriesRules.checks.map { $0.rule.id } == RuleCatalogue.series.map(\.id))
  }
}
