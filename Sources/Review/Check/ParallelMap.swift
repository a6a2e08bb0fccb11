import Foundation

/// `map` over every core, results in input order.
enum ParallelMap {
  static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
    map(consuming: items, transform)
  }

  /// `map` that takes ownership of `items` and drops each on the core that transformed it:
  /// freeing a thousand header models is itself work worth sharing out.
  static func map<T: Sendable, R: Sendable>(consuming items: consuming [T], _ transform: @Sendable (T) -> R) -> [R] {
    guard items.count > 1 else { return items.map(transform) }
    let count = items.count
    let inputs = UnsafeMutableBufferPointer<T>.allocate(capacity: count)
    _ = inputs.initialize(from: items)
    items = []
    let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: count)
    results.initialize(repeating: nil)
    defer {
      _ = results.deinitialize()
      results.deallocate()
      inputs.deallocate()
    }
    // Each iteration moves out and writes only its own slot, so no lock is needed.
    nonisolated(unsafe) let slots = results
    nonisolated(unsafe) let sources = inputs
    DispatchQueue.concurrentPerform(iterations: count) { k in
      let item = sources.moveElement(from: k)
      slots[k] = transform(item)
    }
    return results.compactMap { $0 }
  }
}
