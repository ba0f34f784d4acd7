/// Maps byte offsets of one file to 1-based lines and columns.
///
/// Built on demand by renderers: tokens and nodes store only byte offsets.
/// Columns come in two kinds: `byteColumn` counts bytes, `column` counts
/// Unicode scalars (what editors, SARIF's `unicodeCodePoints` and GitHub show).
package struct LineIndex: Sendable {
  /// Offset of the first byte of each line; `lineStarts[0] == 0`.
  package let lineStarts: [Int]
  private let bytes: [UInt8]

  package init(_ bytes: [UInt8]) {
    self.bytes = bytes
    var starts = [0]
    starts.reserveCapacity(bytes.count / 32 + 1)
    bytes.withUnsafeBufferPointer { buffer in
      for i in 0..<buffer.count where buffer[i] == UInt8(ascii: "\n") {
        starts.append(i + 1)
      }
    }
    lineStarts = starts
  }

  package var lineCount: Int { lineStarts.count }

  /// 0-based line holding `offset`; offsets past the end map to the last line.
  package func lineIndex(of offset: Int) -> Int {
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
    }
    return low
  }

  /// 1-based line and Unicode-scalar column of `offset`.
  package func location(of offset: Int) -> (line: Int, column: Int) {
    let line = lineIndex(of: offset)
    let start = lineStarts[line]
    let clamped = Swift.min(Swift.max(offset, start), bytes.count)
    var column = 1
    var i = start
    while i < clamped {
      // Count every byte that does not continue a UTF-8 sequence.
      if bytes[i] & 0xC0 != 0x80 { column += 1 }
      i += 1
    }
    return (line + 1, column)
  }

  /// 1-based line and byte column of `offset`.
  package func byteLocation(of offset: Int) -> (line: Int, column: Int) {
    let line = lineIndex(of: offset)
    return (line + 1, offset - lineStarts[line] + 1)
  }

  /// Byte range of 0-based `line`, without its line terminator.
  package func lineRange(_ line: Int) -> Range<Int> {
    let start = lineStarts[line]
    var end = line + 1 < lineStarts.count ? lineStarts[line + 1] - 1 : bytes.count
    if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
    return start..<Swift.max(start, end)
  }
}
