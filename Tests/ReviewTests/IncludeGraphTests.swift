import Foundation
@testable import Review
import Testing

@Suite struct IncludeGraphTests {
  @Test func includeLinesAreFoundInAnySpacing() {
    let text = """
      #include <linux/types.h>
        #  include_next "local.h"
      #\tinclude\t<asm/ioctl.h>
      #define X 1 /* #include <not/this.h> */
      #include <unterminated.h
      #includefoo.h
      #if 0
      # include "inside-if.h"
      #endif
      """
    #expect(
      IncludeGraph.includedNames(text) == [
        "linux/types.h", "local.h", "asm/ioctl.h", "unterminated.h", "inside-if.h",
      ])
    #expect(IncludeGraph.includedNames("") == [])
    #expect(IncludeGraph.includedNames("#include <a.h>\r\n#include \"b.h\"") == ["a.h", "b.h"])
  }

  @Test func dependentsFollowIncludesTransitivelyAndByTail() {
    func header(_ key: String, _ text: String) -> HeaderSet.Header { .init(key: key, displayPath: "/x/" + key, text: text) }
    let graph = IncludeGraph([
      header("linux/a.h", "#include <linux/b.h>\n"),
      header("linux/b.h", "#include \"c.h\"\n"),
      header("linux/c.h", "struct c { int x; };\n"),
      header("misc/d.h", "#include <e.h>\n"),
    ])
    #expect(graph.dependents(of: ["linux/c.h"]) == ["linux/a.h", "linux/b.h", "linux/c.h"])
    #expect(graph.dependents(of: ["misc/d.h"]) == ["misc/d.h"])
  }

  @Test func todayIsTheUTCDate() {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withFullDate]
    f.timeZone = TimeZone(identifier: "UTC")
    let before = f.string(from: Date())
    let today = DiffPipeline.today()
    let after = f.string(from: Date())
    #expect(today == before || today == after)
  }
}
