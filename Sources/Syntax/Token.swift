import Diagnostics

/// The kinds of token of protobuf text format, plus the few the `.proto`
/// language and the sweep extension add (`=`, `(`, `)`, `@`, `*`).
package enum TokenKind: UInt8, Sendable, CaseIterable {
  case identifier
  case integer
  case float
  case string
  case comment
  case colon
  case leftBrace
  case rightBrace
  case leftAngle
  case rightAngle
  case leftBracket
  case rightBracket
  case leftParen
  case rightParen
  case comma
  case semicolon
  case slash
  case dot
  case minus
  case plus
  case star
  case equals
  case at
  /// A malformed token (bad number, unterminated string, stray character).
  /// The lexer has already reported it; later stages stay silent about it.
  case invalid
  case eof

  /// How the kind reads in a message: `'}'`, `identifier`, `end of file`.
  package var displayName: String {
    switch self {
    case .identifier: "identifier"
    case .integer: "integer"
    case .float: "number"
    case .string: "string"
    case .comment: "comment"
    case .colon: "':'"
    case .leftBrace: "'{'"
    case .rightBrace: "'}'"
    case .leftAngle: "'<'"
    case .rightAngle: "'>'"
    case .leftBracket: "'['"
    case .rightBracket: "']'"
    case .leftParen: "'('"
    case .rightParen: "')'"
    case .comma: "','"
    case .semicolon: "';'"
    case .slash: "'/'"
    case .dot: "'.'"
    case .minus: "'-'"
    case .plus: "'+'"
    case .star: "'*'"
    case .equals: "'='"
    case .at: "'@'"
    case .invalid: "invalid token"
    case .eof: "end of file"
    }
  }
}

extension TokenKind {
  // Without these, `kind == .colon` in another module (the `.proto` reader) called the
  // `rawValue` getter for each side (2% of loading the bundled schema, and as much
  // again at the call sites). The kind is one byte, its case, so comparing the bytes
  // is comparing the cases. (The release build still calls this across modules
  // rather than inlining it; the `.proto` reader's hottest tests match by pattern.)
  @inlinable
  package static func == (lhs: TokenKind, rhs: TokenKind) -> Bool {
    unsafeBitCast(lhs, to: UInt8.self) == unsafeBitCast(rhs, to: UInt8.self)
  }

  @inlinable
  package static func != (lhs: TokenKind, rhs: TokenKind) -> Bool {
    unsafeBitCast(lhs, to: UInt8.self) != unsafeBitCast(rhs, to: UInt8.self)
  }
}

/// Facts about a literal that later stages need without re-lexing it.
package struct TokenFlags: OptionSet, Sendable, Hashable {
  package let rawValue: UInt8
  package init(rawValue: UInt8) { self.rawValue = rawValue }

  package static let hex = TokenFlags(rawValue: 1 << 0)
  package static let octal = TokenFlags(rawValue: 1 << 1)
  /// `1_000`: digit separators, which only Python's parser accepts.
  package static let digitSeparators = TokenFlags(rawValue: 1 << 2)
  /// A float literal with an `f`/`F` suffix.
  package static let floatSuffix = TokenFlags(rawValue: 1 << 3)
  /// A string literal containing at least one backslash escape.
  package static let escapes = TokenFlags(rawValue: 1 << 4)
  /// A string literal containing a `\u`/`\U` escape or non-ASCII text.
  package static let unicode = TokenFlags(rawValue: 1 << 5)
}

/// One token: its kind and byte range. Line and column are derived on demand.
package struct Token: Sendable, Equatable {
  package var kind: TokenKind
  package var flags: TokenFlags
  package var start: Int
  package var end: Int

  package init(_ kind: TokenKind, _ start: Int, _ end: Int, flags: TokenFlags = []) {
    self.kind = kind
    self.flags = flags
    self.start = start
    self.end = end
  }

  package var range: TextRange { TextRange(start, end) }
}

/// A compact half-open byte range inside the file a `SyntaxTree` belongs to.
///
/// Trees store these (8 bytes) rather than `SourceSpan` (24 bytes), which keeps
/// a 100 MB input's tree a small multiple of its size; `SyntaxTree.span(_:)`
/// turns one into a `SourceSpan` for diagnostics.
package struct TextRange: Hashable, Sendable {
  package var start: UInt32
  package var end: UInt32

  package init(_ start: Int, _ end: Int) {
    precondition(start <= end && end <= Int(UInt32.max), "ranges fit the 4 GiB input limit")
    self.start = UInt32(truncatingIfNeeded: start)
    self.end = UInt32(truncatingIfNeeded: end)
  }

  package var lowerBound: Int { Int(start) }
  package var upperBound: Int { Int(end) }
  package var isEmpty: Bool { start == end }

  package func union(_ other: TextRange) -> TextRange {
    TextRange(Swift.min(lowerBound, other.lowerBound), Swift.max(upperBound, other.upperBound))
  }

  package func span(in file: FileID) -> SourceSpan {
    SourceSpan(file: file, start: lowerBound, end: upperBound)
  }
}
