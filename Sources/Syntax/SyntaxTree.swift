import Diagnostics

/// The syntax tree of one text-format file: its fields and every comment.
///
/// Nodes hold `TextRange`s into `source`; comments are kept in a side list in
/// source order (the formatter places each by position), so the tree loses
/// nothing of the input but whitespace.
package struct SyntaxTree: Sendable {
  package let source: SourceFile
  package var fields: [Field]
  package var comments: [Comment]

  package init(source: SourceFile, fields: [Field], comments: [Comment]) {
    self.source = source
    self.fields = fields
    self.comments = comments
  }

  package var file: FileID { source.id }

  package func span(_ range: TextRange) -> SourceSpan { range.span(in: source.id) }

  /// The source text of `range`.
  package func text(_ range: TextRange) -> String {
    String(decoding: source.bytes[range.lowerBound..<range.upperBound], as: UTF8.self)
  }

  /// Compares the bytes of `range` with `name` without building a `String`.
  package func text(_ range: TextRange, equals name: StaticString) -> Bool {
    let count = name.utf8CodeUnitCount
    guard range.upperBound - range.lowerBound == count else { return false }
    return name.withUTF8Buffer { expected in
      var i = 0
      while i < count {
        if source.bytes[range.lowerBound + i] != expected[i] { return false }
        i += 1
      }
      return true
    }
  }
}

/// A `#` comment; `range` excludes the newline.
package struct Comment: Sendable, Hashable {
  package var range: TextRange
  /// True when code precedes the comment on its line (`batch_size: 8  # per GPU`).
  package var isTrailing: Bool
}

/// `name: value`, `name { … }` or `name: [ … ]`, with an optional `,`/`;` after it.
package struct Field: Sendable {
  package var name: FieldName
  /// Offset of the `:` when present.
  package var colon: UInt32?
  package var value: Value
  /// Offset of a trailing `,` or `;` when present.
  package var separator: UInt32?

  /// From the first byte of the name to the last byte of the value.
  package var range: TextRange { name.range.union(value.range) }
}

/// A field's name: `num_classes`, `[pkg.ext]` or `[type.googleapis.com/pkg.Type]`.
package struct FieldName: Sendable {
  package enum Kind: Sendable {
    case identifier
    case `extension`
    case any
  }

  package var kind: Kind
  /// For an identifier, the name; for bracketed names, from `[` to `]`.
  package var range: TextRange
  /// Bracketed names only: the identifiers, in order; for `.any`, those of
  /// the domain come before `slashIndex`.
  package var components: [TextRange] = []
  /// `.any` only: the index in `components` of the first type-name identifier.
  package var slashIndex: Int = 0
}

/// The value of a field.
package enum Value: Sendable {
  case scalar(Scalar)
  case message(MessageValue)
  case list(ListValue)
  /// Something that failed to parse; already reported, later stages skip it.
  case error(TextRange)

  package var range: TextRange {
    switch self {
    case .scalar(let s): s.range
    case .message(let m): m.range
    case .list(let l): l.range
    case .error(let r): r
    }
  }
}

/// A literal: identifier (enum value, `true`, `inf`), number, or string.
package struct Scalar: Sendable {
  package enum Kind: Sendable {
    case identifier
    case integer
    case float
    case string
  }

  package enum Sign: Sendable {
    case minus
    /// Accepted by TensorFlow's Python parser only (reported).
    case plus
  }

  package var kind: Kind
  package var sign: Sign?
  /// Offset of the sign when present.
  package var signOffset: UInt32 = 0
  /// The literal token, without sign; for joined strings, the first part.
  package var literal: TextRange
  package var flags: TokenFlags
  /// Joined string literals (`"a" "b"`) after the first; usually empty.
  package var moreStrings: [TextRange] = []

  /// From the sign (if any) to the end of the last string part.
  package var range: TextRange {
    let start = sign == nil ? literal.start : signOffset
    let end = moreStrings.last?.end ?? literal.end
    return TextRange(Int(start), Int(end))
  }

  /// Every string literal token of the value, in order.
  package var stringParts: [TextRange] { [literal] + moreStrings }
}

/// `{ … }` or `< … >`.
package struct MessageValue: Sendable {
  package var fields: [Field]
  package var open: UInt32
  /// Offset of the closing delimiter; nil when it is missing (reported).
  package var close: UInt32?
  package var isAngle: Bool

  package var range: TextRange {
    TextRange(Int(open), Int(close.map { $0 + 1 } ?? fields.last?.range.end ?? open + 1))
  }
}

/// `[a, b]` or `[{…}, {…}]`.
package struct ListValue: Sendable {
  package var elements: [Value]
  package var open: UInt32
  package var close: UInt32?

  package var range: TextRange {
    TextRange(Int(open), Int(close.map { $0 + 1 } ?? elements.last?.range.end ?? open + 1))
  }
}
