/// D11: skipping the CPU cache sync is only right for a reason, and the reason is written down.
///
/// Matches an added `DMA_ATTR_SKIP_CPU_SYNC` when neither the statement holding it (from its
/// first token, a loop or `if` head included, to its `;`) nor the line right above that
/// statement carries a comment.
/// Accepted as correct: a comment on the line directly above the statement (the end of a comment
/// block counts) or on any of the statement's own lines. A statement that starts above the hunk
/// is not judged.
enum SkipCPUSyncRule: DriverPatchRule {
  static let rule = DriverRule.d11

  static func check(_ patch: CPatch) -> [Hit] {
    var hits: [Hit] = []
    for file in patch.cFiles {
      for hunk in file.hunks {
        for i in hunk.tokens.indices where hunk.tokens[i].text == "DMA_ATTR_SKIP_CPU_SYNC" && hunk.isAdded(i) {
          if hunk.lines[hunk.tokens[i].line].isDirective { continue }
          let start = hunk.statementStart(i)
          let end = hunk.statementEnd(i)
          guard start > 0 else { continue }
          let first = hunk.tokens[start].line
          let last = hunk.tokens[end].line
          if (first...last).contains(where: { hunk.lines[$0].hasComment }) { continue }
          if first == 0 || hunk.lines[first - 1].hasComment { continue }
          hits.append(
            hunk.hit(
              i,
              "DMA_ATTR_SKIP_CPU_SYNC without a comment; say why no CPU cache sync is needed (for example: BAR memory never lives in the CPU domain)"
            ))
        }
      }
    }
    return hits
  }
}
