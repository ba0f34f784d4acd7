import Syntax

// The syntax tree's small computed properties (`Value.range`, `IndexRange.range`, …),
// spelled out here so they inline: across the module boundary each is a call (10 to
// 25 instructions), and the context's reads make one or more per field they look at.
// Same results as the originals in `Syntax`.

extension IndexRange {
  /// `range`, inlined.
  @inline(__always) var indices: Range<Int> { Int(start)..<Int(end) }
  /// `count`, inlined.
  @inline(__always) var size: Int { Int(end &- start) }
  /// `isEmpty`, inlined.
  @inline(__always) var isVoid: Bool { start == end }
  /// `IndexRange.empty`, without the lazy global's access check.
  @inline(__always) static var none: IndexRange {
    var range = unsafeBitCast(UInt64(0), to: IndexRange.self)
    range.start = 0
    range.end = 0
    return range
  }
}

/// `TextRange(start, end)` for offsets already in range (the public initialiser is not
/// inlinable). A `TextRange` is its two `UInt32` offsets (`unsafeBitCast` checks the
/// size); both are then set by name, so their order in memory does not matter.
@inline(__always) func textRange(_ start: UInt32, _ end: UInt32) -> TextRange {
  var range = unsafeBitCast(UInt64(start) | UInt64(end) << 32, to: TextRange.self)
  range.start = start
  range.end = end
  return range
}

extension Value {
  /// `range`, inlined.
  @inline(__always) var textRange: TextRange {
    switch self {
    case .scalar(let s): s.textRange
    case .message(let m): Lint.textRange(m.open, m.end)
    case .list(let l): Lint.textRange(l.open, l.end)
    case .error(let r): r
    case .sweep(let s): s.range
    }
  }
}

extension Scalar {
  /// `range`, inlined.
  @inline(__always) var textRange: TextRange { Lint.textRange(sign == nil ? literal.start : signOffset, end) }
}

extension MessageValue {
  /// `range`, inlined.
  @inline(__always) var textRange: TextRange { Lint.textRange(open, end) }
}

extension TextRange {
  /// `lowerBound`, inlined.
  @inline(__always) var lower: Int { Int(start) }
  /// `upperBound`, inlined.
  @inline(__always) var upper: Int { Int(end) }
}
