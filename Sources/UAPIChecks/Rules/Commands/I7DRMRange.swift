import Diagnostics

/// I7: in a DRM or accel header (a path under `drm/`, or one that includes `drm.h`; not drm.h
/// itself) commands use `DRM_IO*` and driver numbers 0x40..0x9f.
enum DRMRangeRule: HeaderCheck {
  static let rule = RuleCatalogue.i7

  static func isDRMHeader(_ c: HeaderContext) -> Bool {
    let path = c.path
    if path.hasSuffix("/drm.h") || path == "drm.h" { return false }
    return path.contains("/drm/")
      || c.primary.includes.contains { c.primary.isMain($0.location) && ($0.spelling == "drm.h" || $0.spelling.hasSuffix("/drm.h")) }
  }

  static func check(_ c: HeaderContext) -> [RuleFinding] {
    guard isDRMHeader(c) else { return [] }
    var out: [RuleFinding] = []
    for m in c.primary.macros {
      guard let io = m.ioctl else { continue }
      if !m.body.contains("DRM_IO") || io.type != 0x64 {
        out.append(c.finding(rule, "'\(m.name)' in a DRM header is not built with DRM_IO*", at: m.location))
      } else if !(0x40...0x9f).contains(io.nr) {
        out.append(
          c.finding(
            rule, "'\(m.name)' uses nr 0x\(String(io.nr, radix: 16)), outside the driver range 0x40..0x9f", at: m.location))
      }
    }
    return out
  }
}
