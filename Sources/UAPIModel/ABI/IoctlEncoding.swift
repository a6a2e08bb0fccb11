/// The `_IOC` bit layouts in use (`UAPI-RULES.md` §3.2). x86, arm and arm64 use `generic`.
public enum IoctlEncoding: String, Sendable, Codable, Hashable, CaseIterable, CodingKeyRepresentable {
  case generic
  /// powerpc, mips and alpha: 13 size bits, 3 direction bits, NONE = 1, WRITE = 4, READ = 2.
  case powerpc
  /// sparc: laid out like powerpc; `_IOC_SIZE` reads 14 bits when READ or WRITE is set.
  case sparc
  /// parisc: generic layout with READ and WRITE swapped.
  case parisc

  struct Layout {
    var sizeBits: UInt64
    var none: UInt64
    var write: UInt64
    var read: UInt64
  }

  var layout: Layout {
    switch self {
    case .generic: Layout(sizeBits: 14, none: 0, write: 1, read: 2)
    case .powerpc, .sparc: Layout(sizeBits: 13, none: 1, write: 4, read: 2)
    case .parisc: Layout(sizeBits: 14, none: 0, write: 2, read: 1)
    }
  }

  /// Largest argument size the encoding can carry.
  public var maxSize: UInt64 { self == .sparc ? 16383 : (1 << layout.sizeBits) - 1 }

  /// `_IOC(dir, type, nr, size)` in this encoding; the size is masked to its field as the
  /// kernel's macro would silently do.
  public func encode(_ direction: IoctlDirection, type: UInt64, nr: UInt64, size: UInt64) -> UInt64 {
    let l = layout
    var dir: UInt64
    switch direction {
    case .none: dir = l.none
    case .write: dir = l.write
    case .read: dir = l.read
    case .readWrite: dir = l.read | l.write
    }
    let sizeShift: UInt64 = 16
    let dirShift = sizeShift + l.sizeBits
    dir &= (1 << (32 - dirShift)) - 1
    let value = dir << dirShift | (type & 0xff) << 8 | (nr & 0xff) | (size & ((1 << l.sizeBits) - 1)) << sizeShift
    return value & 0xffff_ffff
  }

  /// Reads the direction out of a generic-encoding direction value (`_IOC_READ|_IOC_WRITE` = 3).
  static func genericDirection(_ bits: UInt64) -> IoctlDirection {
    switch bits & 3 {
    case 1: .write
    case 2: .read
    case 3: .readWrite
    default: .none
    }
  }
}
