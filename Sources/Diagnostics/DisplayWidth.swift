/// Terminal display width of Unicode scalars: 0, 1 or 2 columns.
///
/// A compact version of `wcwidth`: East Asian Wide and Fullwidth ranges and
/// emoji with default emoji presentation are 2 columns, combining marks and
/// zero-width format characters 0, everything else 1. Exact tables change with
/// each Unicode release; this one only has to keep carets under the right
/// character for the text that shows up in configs (identifiers, comments,
/// string literals), so it lists blocks rather than single code points.
/// Control characters are not handled here: `DisplayLine` replaces them first.
package enum DisplayWidth {
  package static func of(_ scalar: Unicode.Scalar) -> Int {
    let v = scalar.value
    if v < 0x300 { return 1 }  // fast path: ASCII and Latin
    if contains(zeroWidth, v) { return 0 }
    if contains(wide, v) { return 2 }
    return 1
  }

  /// Sum of the widths of `text`'s scalars.
  package static func of(_ text: String) -> Int {
    text.unicodeScalars.reduce(0) { $0 + of($1) }
  }

  /// Binary search over sorted, disjoint closed ranges.
  private static func contains(_ table: [ClosedRange<UInt32>], _ v: UInt32) -> Bool {
    var low = 0
    var high = table.count - 1
    while low <= high {
      let mid = (low + high) / 2
      if v < table[mid].lowerBound {
        high = mid - 1
      } else if v > table[mid].upperBound {
        low = mid + 1
      } else {
        return true
      }
    }
    return false
  }

  private static let zeroWidth: [ClosedRange<UInt32>] = [
    0x0300...0x036F,  // combining diacritical marks
    0x0483...0x0489,
    0x0591...0x05BD,
    0x0610...0x061A,
    0x064B...0x065F,
    0x1AB0...0x1AFF,
    0x1DC0...0x1DFF,
    0x200B...0x200D,  // zero width space, non-joiner, joiner
    0x2060...0x2064,
    0x20D0...0x20FF,  // combining marks for symbols
    0xFE00...0xFE0F,  // variation selectors
    0xFE20...0xFE2F,
    0xFEFF...0xFEFF,  // byte order mark
    0x1F3FB...0x1F3FF,  // skin tone modifiers, drawn inside the preceding emoji
    0xE0000...0xE007F,  // tags
    0xE0100...0xE01EF,  // variation selectors supplement
  ]

  private static let wide: [ClosedRange<UInt32>] = [
    0x1100...0x115F,  // Hangul Jamo initial consonants
    0x231A...0x231B,
    0x2329...0x232A,
    0x23E9...0x23EC,
    0x23F0...0x23F0,
    0x23F3...0x23F3,
    0x25FD...0x25FE,
    0x2614...0x2615,
    0x2648...0x2653,
    0x267F...0x267F,
    0x2693...0x2693,
    0x26A1...0x26A1,
    0x26AA...0x26AB,
    0x26BD...0x26BE,
    0x26C4...0x26C5,
    0x26CE...0x26CE,
    0x26D4...0x26D4,
    0x26EA...0x26EA,
    0x26F2...0x26F3,
    0x26F5...0x26F5,
    0x26FA...0x26FA,
    0x26FD...0x26FD,
    0x2705...0x2705,
    0x270A...0x270B,
    0x2728...0x2728,
    0x274C...0x274C,
    0x274E...0x274E,
    0x2753...0x2755,
    0x2757...0x2757,
    0x2795...0x2797,
    0x27B0...0x27B0,
    0x27BF...0x27BF,
    0x2B1B...0x2B1C,
    0x2B50...0x2B50,
    0x2B55...0x2B55,
    0x2E80...0x303E,  // CJK radicals, punctuation
    0x3041...0x33FF,  // kana, CJK compatibility
    0x3400...0x4DBF,  // CJK extension A
    0x4E00...0x9FFF,  // CJK unified ideographs
    0xA000...0xA4CF,  // Yi
    0xA960...0xA97F,
    0xAC00...0xD7A3,  // Hangul syllables
    0xF900...0xFAFF,  // CJK compatibility ideographs
    0xFE10...0xFE19,
    0xFE30...0xFE6F,
    0xFF00...0xFF60,  // fullwidth forms
    0xFFE0...0xFFE6,
    0x16FE0...0x16FE4,
    0x17000...0x18CFF,  // Tangut
    0x1B000...0x1B2FF,  // kana supplement
    0x1F004...0x1F004,
    0x1F0CF...0x1F0CF,
    0x1F18E...0x1F18E,
    0x1F191...0x1F19A,
    0x1F200...0x1F202,
    0x1F210...0x1F23B,
    0x1F240...0x1F248,
    0x1F250...0x1F251,
    0x1F260...0x1F265,
    0x1F300...0x1F3FA,  // pictographs (skin tones 1F3FB-1F3FF are zero width)
    0x1F400...0x1F64F,  // pictographs, emoticons
    0x1F680...0x1F6FF,  // transport and map symbols
    0x1F7E0...0x1F7EB,
    0x1F90C...0x1F9FF,  // supplemental symbols and pictographs
    0x1FA70...0x1FAFF,
    0x20000...0x2FFFD,  // CJK extensions B and later
    0x30000...0x3FFFD,
  ]
}
