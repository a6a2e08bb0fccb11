public import Diagnostics
import Foundation
public import UAPIModel

/// One header rule: its catalogue entry and its check. Each lives in its own file.
protocol HeaderCheck {
  static var rule: Rule { get }
  static func check(_ c: HeaderContext) -> [RuleFinding]
}

/// The header rules of `UAPI-RULES.md` (U, L, F, I, H) run on one header on every ABI it was
/// loaded for.
public enum HeaderRules {
  public struct Options: Sendable, Hashable {
    /// Run `gcc -std=c90 -fsyntax-only` for H7/H8 when gcc is installed.
    public var compile: Bool
    /// The compiler to run; found on `PATH` when nil.
    public var compiler: String?
    /// Extra `-I` directories for the compile check.
    public var includeDirectories: [String]

    public init(compile: Bool = true, compiler: String? = nil, includeDirectories: [String] = []) {
      self.compile = compile
      self.compiler = compiler
      self.includeDirectories = includeDirectories
    }
  }

  static var checks: [any HeaderCheck.Type] {
    [
      FixedWidthRule.self, LongRule.self, PointerRule.self, EnumBitfieldRule.self, BoolRule.self, CharRule.self,
      TimeRule.self, FileDescriptorRule.self, HandleWidthRule.self,
      SameLayoutRule.self, PaddingRule.self, NaturalAlignmentRule.self, SizeMultipleRule.self, Aligned64Rule.self,
      SizeMultipleOf4Rule.self, PackedRule.self, FlexibleArrayRule.self, UnionRule.self,
      MustBeZeroRule.self, NotInUseRule.self, FlagsMeaningRule.self,
      CommandBuilderRule.self, ArgumentTypeRule.self, NoArgumentRule.self, DirectionRule.self, ArgumentSizeRule.self,
      MagicRule.self, DRMRangeRule.self, VersionFieldRule.self,
      SPDXRule.self, ConfigLeakRule.self, KernelBlockRule.self, IncludeRule.self, TypesIncludeRule.self,
      DeclarationRule.self, StandaloneRule.self, IncludeGuardRule.self, DocumentationRule.self,
    ]
  }

  /// Runs every header rule.
  ///
  /// - Parameters:
  ///   - header: the header on every ABI (`UAPILoader.load(..., abis: ABI.allCases)`).
  ///   - text: the header's text; read from `header.path` when nil.
  ///   - options: whether and how to run the compile check.
  /// - Returns: the findings ordered by line, column and rule.
  public static func run(_ header: HeaderModel, text: String? = nil, options: Options = Options()) -> [RuleFinding] {
    guard !header.units.isEmpty else { return [] }
    let source = text ?? (try? String(contentsOfFile: header.path, encoding: .utf8)) ?? ""
    let context = HeaderContext(path: header.path, units: header.units, text: source, options: options)
    var findings: [RuleFinding] = []
    for check in checks { findings += check.check(context) }
    return sorted(findings)
  }

  static func sorted(_ findings: [RuleFinding]) -> [RuleFinding] {
    let order = RuleCatalogue.position
    return findings.sorted {
      let a = ($0.location?.line ?? 0, $0.location?.column ?? 0, order[$0.rule] ?? 999, $0.message)
      let b = ($1.location?.line ?? 0, $1.location?.column ?? 0, order[$1.rule] ?? 999, $1.message)
      return a < b
    }
  }
}
