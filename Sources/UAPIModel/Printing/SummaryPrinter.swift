/// `--format summary`: one line per header with what was read, for scanning many headers.
public enum SummaryPrinter {
  public static func line(_ header: HeaderModel) -> String {
    guard let unit = header.units.first else { return "\(header.path): nothing read" }
    let constants = unit.macros.filter { $0.value != nil && $0.ioctl == nil }.count
    let ioctls = unit.macros.filter { $0.ioctl != nil }.count
    let types = unit.ownRecords.count
    let unlaid = header.units.reduce(0) { n, u in n + u.ownRecords.filter { u.layouts[$0] == nil }.count }
    var line = "\(header.path): \(types) types, \(constants) constants, \(ioctls) ioctls, \(unit.ownEnums.count) enums"
    if unlaid > 0 { line += ", \(unlaid) layouts missing" }
    return line
  }
}
