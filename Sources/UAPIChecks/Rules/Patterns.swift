/// Patterns used on every line of a series, built once (a regex literal is parsed each time it
/// is evaluated, which dominated large series).
enum Patterns {
  nonisolated(unsafe) static let dmaBufCall = #/\b(dma_buf_[a-z_]+)\s*\(/#
  nonisolated(unsafe) static let namespaceImport = #/MODULE_IMPORT_NS\s*\(\s*"?DMA_BUF"?\s*\)/#
  nonisolated(unsafe) static let memberLine =
    #/^([ \t]+)((?:const\s+|volatile\s+)*)((?:struct|union|enum)\s+[A-Za-z_]\w*|[A-Za-z_]\w*(?:\s+(?:int|long|short|char))*)(\s*\**\s*)([A-Za-z_]\w*)\s*(\[[^\]]*\])?\s*(:\s*\d+)?\s*;\s*$/#
  nonisolated(unsafe) static let ioctlDefine = #/\b(_IOWR|_IOR|_IOW)\s*\(([^,]*),([^,]*),(.*)\)\s*$/#
}
