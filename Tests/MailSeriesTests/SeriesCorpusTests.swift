import Foundation
import MailSeries
import Testing

/// The real v6 mails of "Add p2p via dmabuf to habanalabs" assemble into one series.
@Suite struct SeriesCorpusTests {
  static func assembled() -> SeriesSet {
    var inputs = MailInputs()
    inputs.add(path: CorpusPatchTests.corpus)
    return SeriesAssembler().assemble(inputs.store)
  }

  @Test func oneSeriesOneVersionCoverAndTwoPatchesInOrder() throws {
    let set = Self.assembled()
    #expect(set.messageCount == 4)
    #expect(set.series.count == 1)
    let version = try #require(set.series.first?.versions.first)
    #expect(set.series[0].versions.count == 1)
    #expect(version.revision == SubjectPrefix.Revision(6))
    #expect(version.total == 2 && version.missing.isEmpty)
    #expect(version.cover?.prefix.title == "Add p2p via dmabuf to habanalabs")
    #expect(version.patches.map(\.index) == [1, 2])
    #expect(version.patches.map(\.prefix.title) == [
      "habanalabs: define uAPI to export FD for DMA-BUF", "habanalabs: add support for dma-buf exporter",
    ])
    #expect(set.unattached.isEmpty)
  }

  @Test func claimedDiffstatEqualsActual() throws {
    let version = try #require(Self.assembled().series.first?.versions.first)
    for patch in version.patches {
      let claimed = try #require(patch.claimedDiffstat)
      #expect(claimed.insertions == patch.files.reduce(0) { $0 + $1.added })
      #expect(claimed.deletions == patch.files.reduce(0) { $0 + $1.removed })
      #expect(claimed.entries.map(\.path) == patch.files.map(\.path))
      #expect(!patch.diagnostics.contains { $0.id == "diff.diffstat-mismatch" })
    }
  }

  @Test func coverDiffstatEqualsTheSumOfThePatches() throws {
    let version = try #require(Self.assembled().series.first?.versions.first)
    let claimed = try #require(version.cover?.claimedDiffstat)
    let files = version.patches.flatMap(\.files)
    #expect(claimed.filesChanged == 6 && claimed.filesChanged == files.count)
    #expect(claimed.insertions == files.reduce(0) { $0 + $1.added } && claimed.deletions == files.reduce(0) { $0 + $1.removed })
    #expect(!version.diagnostics.contains { $0.id == "diff.diffstat-mismatch" })
    let text = try String(contentsOfFile: CorpusPatchTests.corpus + "/0000-cover.eml", encoding: .utf8)
      .split(separator: "\n", omittingEmptySubsequences: false)
    #expect(text[claimed.line - 1].contains("6 files changed, 570 insertions(+), 5 deletions(-)"))
  }

  @Test func trailersOfEachPatch() throws {
    let version = try #require(Self.assembled().series.first?.versions.first)
    let first = version.patches[0].trailers.map { "\($0.key): \($0.value)" }
    #expect(first == [
      "Signed-off-by: Oded Gabbay <ogabbay@kernel.org>", "Reviewed-by: Tomer Tayar <ttayar@habana.ai>",
      "Reviewed-by: Greg Kroah-Hartman <gregkh@linuxfoundation.org>",
    ])
    #expect(version.patches[1].trailers.map(\.key) == ["Signed-off-by", "Reviewed-by", "Reviewed-by", "Reviewed-by", "Signed-off-by"])
    // Trailer lines point into the mail.
    let text = try String(contentsOfFile: CorpusPatchTests.corpus + "/0001-uapi.eml", encoding: .utf8)
      .split(separator: "\n", omittingEmptySubsequences: false)
    for t in version.patches[0].trailers { #expect(text[t.line - 1] == "\(t.key): \(t.value)") }
  }

  @Test func reviewReplyIsAttachedToTheCoverWithQuotedAndNewText() throws {
    let version = try #require(Self.assembled().series.first?.versions.first)
    let cover = try #require(version.cover)
    #expect(cover.replies.count == 1)
    let reply = cover.replies[0]
    #expect(reply.mail.author == "Daniel Vetter")
    #expect(reply.target == cover.mail.messageID && reply.depth == 0 && reply.attachedBy == .thread)
    #expect(reply.blocks.first?.kind == .new)
    #expect(reply.blocks.first?.lines.first?.hasPrefix("On Sun, Sep 12, 2021 at 07:53:07PM +0300, Oded Gabbay wrote:") == true)
    #expect(reply.blocks[1].kind == .quoted && reply.blocks[1].lines.first == "Hi,")
    #expect(reply.blocks[2].kind == .new && reply.blocks[2].lines.first?.hasPrefix("I think the big open we have is the entire revoke") == true)
    #expect(reply.new.contains { $0.text.contains("Cheers, Daniel") })
    #expect(reply.quoted.contains { $0.text.contains("habanalabs: define uAPI to export FD for DMA-BUF") })
    // Block lines point into the mail file.
    let text = try String(contentsOfFile: CorpusPatchTests.corpus + "/0003-review-reply.eml", encoding: .utf8)
      .split(separator: "\n", omittingEmptySubsequences: false)
    #expect(text[reply.blocks[2].line - 1].hasPrefix("I think the big open"))
    #expect(reply.trailers.isEmpty)
  }
}
