public import Diagnostics
import Foundation
public import UAPIModel

/// The two rules that compare a header before and after a patch (I8, I9), on the model only.
/// They are kept simple: the ABI classifier does the full comparison.
public enum HeaderEvolution {
  /// How the driver matches commands, which decides I8's level.
  public enum Dispatch: String, Sendable, Hashable, Codable {
    /// The driver compares full command numbers: a changed number is an ABI break (error).
    case fullNumber
    /// The driver dispatches on `_IOC_NR` and copies min/max of the user and kernel sizes (the
    /// DRM core, habanalabs `_hl_ioctl`): a warning.
    case byNumberField
  }

  /// I8 and I9 on every ABI both states were loaded for; the same finding on several ABIs is
  /// reported once, with the ABIs as evidence.
  public static func run(
    old: HeaderModel, new: HeaderModel, newText: String? = nil, dispatch: Dispatch = .fullNumber
  ) -> [RuleFinding] {
    var merged: [RuleFinding] = []
    var abisOf: [RuleFinding: [String]] = [:]
    for newUnit in new.units {
      guard let oldUnit = old.unit(newUnit.abi) else { continue }
      let found = ioctlNumbers(old: oldUnit, new: newUnit, newText: newText, dispatch: dispatch)
        + appendOnly(old: oldUnit, new: newUnit, newText: newText)
      for f in found {
        if abisOf[f] == nil { merged.append(f) }
        abisOf[f, default: []].append(newUnit.abi.rawValue)
      }
    }
    return HeaderRules.sorted(
      merged.map { f in
        var f = f
        let on = abisOf[f] ?? []
        f.evidence.append(on.count == new.units.count ? "on every ABI" : "on " + on.joined(separator: ", "))
        return f
      })
  }

  /// I8: every command in both states whose number changed in any `_IOC` encoding because the
  /// argument size changed.
  public static func ioctlNumbers(old: HeaderUnit, new: HeaderUnit, newText: String? = nil, dispatch: Dispatch = .fullNumber)
    -> [RuleFinding]
  {
    let c = context(new, newText)
    var out: [RuleFinding] = []
    for m in new.macros {
      guard let io = m.ioctl, let before = old.macros.first(where: { $0.name == m.name })?.ioctl, before.size != io.size
      else { continue }
      let changed = IoctlEncoding.allCases.filter { before.numbers[$0] != io.numbers[$0] }
      guard !changed.isEmpty else { continue }
      let generic = (before.numbers[.generic], io.numbers[.generic])
      let severity: Severity = dispatch == .fullNumber ? .error : .warning
      var message = "'\(m.name)' changes its argument from \(before.size) to \(io.size) bytes, so its number changes"
      if let a = generic.0, let b = generic.1 { message += " (0x\(String(a, radix: 16)) → 0x\(String(b, radix: 16)))" }
      message += dispatch == .fullNumber
        ? "; old binaries get ENOTTY" : "; the driver must accept both sizes and new userspace must detect old kernels"
      out.append(
        c.finding(
          RuleCatalogue.i8, message, at: m.location, severity: severity,
          evidence: changed.map { e in
            "\(e.rawValue): 0x\(String(before.numbers[e] ?? 0, radix: 16)) → 0x\(String(io.numbers[e] ?? 0, radix: 16))"
          }))
    }
    return out
  }

  /// I9: existing members keep offset, type and name; existing constants, commands and
  /// enumerators keep their values.
  public static func appendOnly(old: HeaderUnit, new: HeaderUnit, newText: String? = nil) -> [RuleFinding] {
    let c = context(new, newText)
    let before = context(old, "")
    let rule = RuleCatalogue.i9
    var out: [RuleFinding] = []
    for r0 in before.topRecords {
      guard let name = old.speller.cName(ofRecord: r0) else { continue }
      guard let r1 = c.topRecords.first(where: { new.speller.cName(ofRecord: $0) == name }) else {
        out.append(c.finding(rule, "'\(name)' was removed", line: 1, column: 1))
        continue
      }
      guard let l0 = old.layouts[r0], let l1 = new.layouts[r1] else { continue }
      let newFields = c.fields(of: r1)
      let recordLine = c.primary.records[r1].location
      for f0 in before.fields(of: r0) {
        guard let path = f0.path, f0.layoutIndex < l0.members.count else { continue }
        let m0 = l0.members[f0.layoutIndex]
        if let f1 = newFields.first(where: { $0.path == path }), f1.layoutIndex < l1.members.count {
          let m1 = l1.members[f1.layoutIndex]
          if m1.offset != m0.offset {
            out.append(c.finding(rule, "'\(name).\(path)' moved from offset \(m0.offset) to \(m1.offset)", field: f1))
          } else if m1.type != m0.type || m1.size != m0.size {
            out.append(
              c.finding(
                rule, "'\(name).\(path)' changed type from '\(m0.type)' (\(m0.size) bytes) to '\(m1.type)' (\(m1.size) bytes)",
                field: f1))
          }
          continue
        }
        // Same place and type under another name: a rename, which breaks source compatibility.
        if let f1 = newFields.first(where: { f in
          guard f.layoutIndex < l1.members.count, let p = f.path else { return false }
          let m1 = l1.members[f.layoutIndex]
          return m1.offset == m0.offset && m1.type == m0.type && m1.depth == m0.depth
            && !before.fields(of: r0).contains { $0.path == p }
        }) {
          out.append(
            c.finding(
              rule, "'\(name).\(path)' was renamed to '\(f1.path ?? "?")': the ABI is kept but code using the old name "
                + "no longer builds", field: f1))
        } else {
          out.append(c.finding(rule, "'\(name).\(path)' was removed", at: recordLine))
        }
      }
      if l1.size < l0.size {
        out.append(c.finding(rule, "'\(name)' shrank from \(l0.size) to \(l1.size) bytes", at: recordLine))
      }
    }
    for m0 in old.macros where !m0.isFunctionLike {
      guard let v0 = m0.value else { continue }
      guard let m1 = new.macros.first(where: { $0.name == m0.name }) else {
        out.append(c.finding(rule, "'\(m0.name)' was removed", line: 1, column: 1))
        continue
      }
      if let io0 = m0.ioctl, let io1 = m1.ioctl {
        if io0.type != io1.type || io0.nr != io1.nr || io0.direction != io1.direction {
          out.append(
            c.finding(
              rule, "'\(m0.name)' was renumbered (type 0x\(String(io0.type, radix: 16)) nr 0x\(String(io0.nr, radix: 16)) "
                + "\(io0.direction.rawValue) → type 0x\(String(io1.type, radix: 16)) nr 0x\(String(io1.nr, radix: 16)) "
                + "\(io1.direction.rawValue))", at: m1.location))
        }
      } else if m0.ioctl == nil, let v1 = m1.value, v1.bits != v0.bits {
        out.append(
          c.finding(rule, "'\(m0.name)' changed value from \(v0.description) to \(v1.description)", at: m1.location))
      }
    }
    for e0 in old.ownEnums {
      for en in old.enums[e0].enumerators ?? [] {
        guard let v0 = en.value else { continue }
        let now = new.ownEnums.lazy.compactMap { new.enums[$0].enumerators?.first { $0.name == en.name } }.first
        guard let now else {
          out.append(c.finding(rule, "enumerator '\(en.name)' was removed", line: 1, column: 1))
          continue
        }
        if let v1 = now.value, v1 != v0 {
          out.append(c.finding(rule, "enumerator '\(en.name)' changed value from \(v0) to \(v1)", at: now.location))
        }
      }
    }
    return out
  }

  private static func context(_ unit: HeaderUnit, _ text: String?) -> HeaderContext {
    let source = text ?? (try? String(contentsOfFile: unit.path, encoding: .utf8)) ?? ""
    return HeaderContext(path: unit.path, units: [unit], text: source, options: HeaderRules.Options(compile: false))
  }
}
