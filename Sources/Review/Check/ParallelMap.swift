import Foundation

/// `map` over every core, results in input order.
enum ParallelMap {
  static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
    guard items.count > 1 else { return items.map(transform) }
    let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
    results.initialize(repeating: nil)
    defer {
      _ = results.deinitialize()
      results.deallocate()
    }
    // Each iteration writes only its own slot, so no lock is needed.
    nonisolated(unsafe) let slots = results
    DispatchQueue.concurrentPerform(iterations: items.count) { k in slots[k] = transform(items[k]) }
    return results.compactMap { $0 }
  }
}
