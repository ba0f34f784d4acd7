/// One source line as a terminal shows it, with a map from bytes to display columns.
///
/// The raw bytes may hold anything: tabs become `tabWidth` spaces, bytes that
/// are not valid UTF-8 become U+FFFD (one per byte, so carets stay put), and
/// control characters become their Control Pictures (`␛` for ESC) so that a
/// config cannot move the cursor or recolour the terminal. Bidirectional
/// overrides are shown as U+FFFD for the same reason (they reorder what is
/// displayed). Wide characters take two columns, combining marks none.
package struct DisplayLine: Sendable {
  /// The text to print.
  package let text: String
  /// `startColumns[i]` is the 0-based display column where the character
  /// holding byte `i` begins; `startColumns[count]` is the line's width.
  private let startColumns: [Int]
  /// `endColumns[i]` is the column just past the character holding byte `i - 1`.
  private let endColumns: [Int]

  package init(_ bytes: ArraySlice<UInt8>, tabWidth: Int = 4) {
    var text = ""
    var starts: [Int] = []
    var ends: [Int] = [0]
    starts.reserveCapacity(bytes.count + 1)
    ends.reserveCapacity(bytes.count + 1)
    var column = 0
    var i = bytes.startIndex
    while i < bytes.endIndex {
      let (decoded, length) = DisplayLine.decode(bytes, at: i)
      let shown: String
      var width: Int
      switch decoded {
      case nil:
        shown = "\u{FFFD}"
        width = 1
      case let scalar?:
        switch scalar.value {
        case 0x09:
          shown = String(repeating: " ", count: tabWidth)
          width = tabWidth
        case 0x00..<0x20:
          shown = String(Character(Unicode.Scalar(0x2400 + scalar.value) ?? "\u{FFFD}"))
          width = 1
        case 0x7F:
          shown = "\u{2421}"
          width = 1
        case 0x202A...0x202E, 0x2066...0x2069:
          shown = "\u{FFFD}"
          width = 1
        default:
          shown = String(Character(scalar))
          width = DisplayWidth.of(scalar)
        }
      }
      text += shown
      for _ in 0..<length { starts.append(column) }
      column += width
      for _ in 0..<length { ends.append(column) }
      i += length
    }
    starts.append(column)
    self.text = text
    self.startColumns = starts
    self.endColumns = ends
  }

  /// Display width of the whole line.
  package var width: Int { startColumns[startColumns.count - 1] }

  /// Column where the character at byte `offset` (relative to the line) starts.
  /// Offsets past the end continue one column per byte, e.g. for the newline.
  package func startColumn(ofByte offset: Int) -> Int {
    let last = startColumns.count - 1
    if offset <= last { return startColumns[Swift.max(0, offset)] }
    return startColumns[last] + (offset - last)
  }

  /// Column just past the character holding byte `offset - 1`.
  package func endColumn(ofByte offset: Int) -> Int {
    let last = endColumns.count - 1
    if offset <= last { return endColumns[Swift.max(0, offset)] }
    return endColumns[last] + (offset - last)
  }

  /// Decodes one scalar at `i`; `nil` with length 1 for a byte that does not
  /// start a well-formed UTF-8 sequence (overlong forms and surrogates included).
  private static func decode(_ bytes: ArraySlice<UInt8>, at i: Int) -> (Unicode.Scalar?, Int) {
    let lead = bytes[i]
    if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
    let length: Int
    var value: UInt32
    var minimum: UInt32
    switch lead {
    case 0xC2...0xDF: (length, value, minimum) = (2, UInt32(lead & 0x1F), 0x80)
    case 0xE0...0xEF: (length, value, minimum) = (3, UInt32(lead & 0x0F), 0x800)
    case 0xF0...0xF4: (length, value, minimum) = (4, UInt32(lead & 0x07), 0x10000)
    default: return (nil, 1)
    }
    guard i + length <= bytes.endIndex else { return (nil, 1) }
    for k in 1..<length {
      let byte = bytes[i + k]
      guard byte & 0xC0 == 0x80 else { return (nil, 1) }
      value = value << 6 | UInt32(byte & 0x3F)
    }
    guard value >= minimum, let scalar = Unicode.Scalar(value) else { return (nil, 1) }
    return (scalar, length)
  }
}
