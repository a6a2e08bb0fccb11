public import Diagnostics
import Foundation
import Synchronization

/// What to read: a file on disk or text in memory (the bundled header, tests).
public enum HeaderInput: Sendable, Hashable {
  case file(String)
  case text(path: String, text: String)

  public var path: String {
    switch self {
    case .file(let p), .text(let p, _): p
    }
  }
}

public struct LoadResult: Sendable {
  public var headers: [HeaderModel]
  /// Every diagnostic once, in input order; those seen on only some ABIs say which.
  public var diagnostics: [Diagnostic]
}

/// Reads uAPI headers into `HeaderModel`s: each header is its own translation unit (as a
/// standalone compile sees it) on each ABI, run in parallel.
public enum UAPILoader {
  public static func load(
    _ inputs: [HeaderInput], abis: [ABI], includeRoots: [String] = [], limits: InputLimits = .standard
  ) -> LoadResult {
    let jobs = inputs.flatMap { input in abis.map { (input, $0) } }
    let results = Mutex<[Int: (HeaderUnit, [Diagnostic])]>([:])
    let headerPaths = inputs.compactMap { if case .file(let p) = $0 { p } else { nil } }
    let rootsByABI = Dictionary(
      uniqueKeysWithValues: abis.map { ($0, IncludeSearch.roots(for: $0, userRoots: includeRoots, headers: headerPaths)) })
    // Each worker reads a contiguous share of the jobs taken ABI by ABI, with its own cache: a
    // worker then sees few ABIs, so its memos and parser snapshots are reused, not made twice.
    let cores = getenv("UAPI_REVIEW_WORKERS").flatMap { Int(String(cString: $0)) }
      ?? ProcessInfo.processInfo.activeProcessorCount
    let workers = max(1, min(jobs.count, cores))
    let abiMajor = abis.indices.flatMap { a in inputs.indices.map { i in i * abis.count + a } }
    // Every worker on a thread of its own with a large stack (not Dispatch's, whose stacks are
    // small): the depth limits, which the user may raise, are then what stops deep input.
    runOnLargeStacks(workers) { w in
      let cache = SourceCache(limits: limits)
      let share = abiMajor[(abiMajor.count * w / workers)..<(abiMajor.count * (w + 1) / workers)]
      for k in share {
        let (input, abi) = jobs[k]
        let result = loadUnit(input, abi: abi, roots: rootsByABI[abi]!, cache: cache)
        results.withLock { $0[k] = result }
      }
    }
    let all = results.withLock { $0 }
    var headers: [HeaderModel] = []
    var diagnostics: [Diagnostic] = []
    var k = 0
    for input in inputs {
      var units: [HeaderUnit] = []
      var seen: [Diagnostic: [ABI]] = [:]
      var order: [Diagnostic] = []
      for abi in abis {
        guard let (unit, diags) = all[k] else { continue }
        k += 1
        units.append(unit)
        for d in diags {
          if seen[d] == nil { order.append(d) }
          seen[d, default: []].append(abi)
        }
      }
      for var d in order {
        let on = seen[d]!
        if on.count < abis.count { d.message += " (on \(on.map(\.rawValue).joined(separator: ", ")))" }
        diagnostics.append(d)
      }
      headers.append(HeaderModel(path: input.path, units: units))
    }
    return LoadResult(headers: headers, diagnostics: diagnostics)
  }

  /// Runs `body(0)` … `body(count - 1)` each on a thread of its own with a 512 MiB stack, and
  /// joins them all. Joined, not just waited for: what `body` captured is released before this
  /// returns (a thread still tearing down would hold the results, and leak checkers then see
  /// them as lost). A thread that cannot be made runs its share on the calling thread.
  private static func runOnLargeStacks(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    final class Job {
      let body: @Sendable (Int) -> Void
      let index: Int
      init(_ body: @escaping @Sendable (Int) -> Void, _ index: Int) {
        self.body = body
        self.index = index
      }
    }
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    pthread_attr_setstacksize(&attributes, 512 << 20)
    var threads: [pthread_t] = []
    for w in 0..<count {
      var thread = pthread_t()
      let job = Unmanaged.passRetained(Job(body, w))
      let started = pthread_create(
        &thread, &attributes,
        { raw in
          let job = Unmanaged<Job>.fromOpaque(raw!).takeRetainedValue()
          job.body(job.index)
          return nil
        }, job.toOpaque())
      if started == 0 {
        threads.append(thread)
      } else {
        job.takeRetainedValue().body(w)
      }
    }
    for t in threads { pthread_join(t, nil) }
  }

  /// Read once: `ProcessInfo.environment` builds the whole dictionary on every call.
  private static let printsStats = getenv("UAPI_REVIEW_STATS") != nil

  static func loadUnit(_ input: HeaderInput, abi: ABI, roots: [IncludeRoot], cache: SourceCache) -> (HeaderUnit, [Diagnostic]) {
    let pp = Preprocessor(abi: abi, roots: roots, cache: cache)
    let main: Int32?
    switch input {
    case .file(let path): main = pp.preprocessMain(path: path)
    case .text(let path, let text): main = pp.preprocessMain(source: SourceFile(path: path, text: text))
    }
    if printsStats {
      let own = main.map { m in pp.output.filter { $0.file == m }.count } ?? 0
      FileHandle.standardError.write(Data("stats \(input.path) \(abi) tokens=\(pp.output.count) own=\(own)\n".utf8))
    }
    let parser = UnitParser(pp: pp, tokens: pp.output)
    parser.mainFile = main ?? -1
    parser.parseUnit(
      prefix: ParserSnapshotKey(abi: abi, chain: pp.prefixChain), prefixTokens: pp.prefixTokenCount, cache: cache)
    var macros: [MacroDecl] = []
    if let main { macros = MacroEvaluation(pp: pp, parser: parser).evaluate(mainFile: main) }
    // Layouts of the header's own records; included ones are laid out only as far as these need.
    var layouts: [Int: RecordLayout] = [:]
    for r in parser.records.indices where parser.records[r].isComplete && parser.records[r].location.file == Int(main ?? -1) {
      if let l = parser.recordLayout(r) { layouts[r] = l.layout }
    }
    var diagnostics = pp.diagnostics + parser.diagnostics
    if let main {
      for (r, why) in parser.layoutFailures.sorted(by: { $0.key < $1.key }) where parser.records[r].location.file == Int(main) {
        let rec = parser.records[r]
        let source = pp.cache[Int32(rec.location.file)].source
        let offset = source.lineStarts[rec.location.line - 1] + rec.location.column - 1
        diagnostics.append(
          source.diagnostic(
            .warning, "layout.unsupported",
            "cannot lay out '\(TypeSpeller(unit: parser).recordName(r))': \(why)", at: offset))
      }
    }
    let includes = pp.includes.map { inc in
      let l = pp.cache[inc.file].source.location(of: Int(inc.offset))
      return IncludeDecl(
        spelling: inc.spelling, isAngled: inc.isAngled, resolved: inc.target.map { pp.cache[$0].source.path },
        location: DeclLocation(file: Int(inc.file), line: l.line, column: l.column))
    }
    let unit = HeaderUnit(
      abi: abi, path: input.path, files: pp.cache.paths, mainFile: main.map(Int.init) ?? -1,
      records: parser.records, layouts: layouts, layoutFailures: parser.layoutFailures, enums: parser.enums,
      typedefs: parser.typedefs, functions: parser.functions, macros: macros, includes: includes)
    return (unit, diagnostics)
  }
}
