/// A picture of a layout: a byte ruler and one bar per member at its offset and size, holes
/// hatched, members of inline records indented below their parent, so overlap (unions) and gaps
/// show at a glance. Plain SVG with classes the stylesheet colours; all text escaped.
enum ByteMapSVG {
  static let rowHeight = 18
  static let maxWidth = 720
  /// Room right of the record for the labels of bars too narrow to hold them.
  static let labelRoom = 180

  static func svg(_ layout: LayoutReport, id: String) -> String {
    let size = max(layout.size, 1)
    // Pixels per byte: whole numbers keep edges crisp; long records are scaled down.
    let scale = max(1, min(24, maxWidth / size))
    let width = size * scale
    let rows = layout.rows
    let height = 22 + rows.count * rowHeight + 4
    var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width + 2 + labelRoom) \(height)\" width=\"\(width + 2 + labelRoom)\" height=\"\(height)\" role=\"img\" aria-labelledby=\"\(id)-t\">"
    out += "<title id=\"\(id)-t\">\(HTML.escape("\(layout.abi): \(layout.size) bytes"))</title>"
    out += "<defs><pattern id=\"\(id)-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
    out += "<rect width=\"6\" height=\"6\" fill=\"none\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"currentColor\" stroke-opacity=\"0.5\" stroke-width=\"2\"/></pattern></defs>"
    // Ruler: a tick every 8 bytes (every byte when small), labelled.
    let step = size <= 16 ? 1 : size <= 64 ? 4 : size <= 256 ? 8 : 32
    var tick = 0
    while tick <= size {
      let x = tick * scale + 1
      out += "<line class=\"bm-grid\" x1=\"\(x)\" y1=\"14\" x2=\"\(x)\" y2=\"\(height - 4)\"/>"
      if tick < size || size <= 16 { out += "<text class=\"bm-axis\" x=\"\(x + 1)\" y=\"10\">\(tick)</text>" }
      tick += step
    }
    for (k, r) in rows.enumerated() {
      let y = 18 + k * rowHeight
      let x = r.offset * scale + 1
      let w = max(r.size * scale, 2)
      let cls = r.isHole ? "bm-hole" : "bm-field"
      let name = r.isHole ? r.type : r.name.isEmpty ? r.type : r.name
      out += "<g><title>\(HTML.escape("\(name): offset \(r.offset), \(r.size) byte\(r.size == 1 ? "" : "s")\(r.isHole ? "" : ", \(r.type)")"))</title>"
      // The hatch is this picture's own pattern: ids must be unique in the page.
      let fill = r.isHole ? " fill=\"url(#\(id)-hatch)\"" : ""
      out += "<rect class=\"\(cls)\"\(fill) x=\"\(x)\" y=\"\(y)\" width=\"\(w)\" height=\"\(rowHeight - 4)\" rx=\"2\"/>"
      // The label sits inside the bar when it fits, else after it, else before it.
      let label = HTML.escape(name)
      let textWidth = name.count * 7 + 6
      let ty = y + rowHeight - 8
      if textWidth <= w {
        out += "<text class=\"bm-text\" x=\"\(x + 3)\" y=\"\(ty)\">\(label)</text></g>"
      } else if x + w + 4 + textWidth <= width + labelRoom || x < textWidth + 4 {
        out += "<text class=\"bm-text\" x=\"\(x + w + 4)\" y=\"\(ty)\">\(label)</text></g>"
      } else {
        out += "<text class=\"bm-text\" x=\"\(x - 4)\" y=\"\(ty)\" text-anchor=\"end\">\(label)</text></g>"
      }
    }
    out += "</svg>"
    return out
  }
}
