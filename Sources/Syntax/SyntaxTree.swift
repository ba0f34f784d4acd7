import Diagnostics

/// The syntax tree of one text-format file: its fields and every comment.
///
/// An arena: every field of the file lives in `fieldStorage`, a message's
/// fields contiguous, and messages and lists refer to their children by index
/// range, so nodes are plain values (copied without reference counting) and a
/// tree is a few flat arrays. Nodes hold `TextRange`s into `source`; comments
/// are kept in a side list in source order (the formatter places each by
/// position), so the tree loses nothing of the input but whitespace.
package struct SyntaxTree: Sendable {
  package let source: SourceFile
  package var comments: [Comment]
  package var fieldStorage: [Field]
  package var valueStorage: [Value]
  /// Identifiers of bracketed field names and joined string literals.
  package var rangeStorage: [TextRange]
  /// The top-level fields, within `fieldStorage`.
  package var rootFields: IndexRange
  /// Sweep files only (`SweepSyntax.swift`): the expressions `Value.sweep` refers to,
  /// their items, the nodes of derived values, and the directives at the top.
  package var sweepStorage: [SweepExpression]
  package var sweepItems: [SweepItem]
  package var exprStorage: [SweepExprNode]
  package var directives: [Directive]

  package init(
    source: SourceFile, comments: [Comment], fieldStorage: [Field], valueStorage: [Value],
    rangeStorage: [TextRange], rootFields: IndexRange, sweepStorage: [SweepExpression] = [],
    sweepItems: [SweepItem] = [], exprStorage: [SweepExprNode] = [], directives: [Directive] = []
  ) {
    self.source = source
    self.comments = comments
    self.fieldStorage = fieldStorage
    self.valueStorage = valueStorage
    self.rangeStorage = rangeStorage
    self.rootFields = rootFields
    self.sweepStorage = sweepStorage
    self.sweepItems = sweepItems
    self.exprStorage = exprStorage
    self.directives = directives
  }

  package var file: FileID { source.id }

  /// The top-level fields, in source order.
  package var fields: ArraySlice<Field> { fieldStorage[rootFields.range] }

  /// A message's fields, in source order.
  package func fields(of message: MessageValue) -> ArraySlice<Field> { fieldStorage[message.fields.range] }

  /// A list's elements, in source order.
  package func elements(of list: ListValue) -> ArraySlice<Value> { valueStorage[list.elements.range] }

  /// The identifiers of a bracketed field name (empty for a plain name).
  package func components(of name: FieldName) -> ArraySlice<TextRange> { rangeStorage[name.components.range] }

  /// Every string literal of a string value, in order (one unless joined: `"a" "b"`).
  package func stringParts(of scalar: Scalar) -> [TextRange] {
    [scalar.literal] + rangeStorage[scalar.moreStrings.range]
  }

  package func span(_ range: TextRange) -> SourceSpan { range.span(in: source.id) }

  /// The source text of `range`.
  package func text(_ range: TextRange) -> String {
    String(decoding: source.bytes[range.lowerBound..<range.upperBound], as: UTF8.self)
  }
}

/// A half-open range of indices into one of a tree's storage arrays.
package struct IndexRange: Hashable, Sendable {
  package var start: UInt32
  package var end: UInt32

  package init(_ start: Int, _ end: Int) {
    self.start = UInt32(truncatingIfNeeded: start)
    self.end = UInt32(truncatingIfNeeded: end)
  }

  package static let empty = IndexRange(0, 0)
  package var range: Range<Int> { Int(start)..<Int(end) }
  package var count: Int { Int(end - start) }
  package var isEmpty: Bool { start == end }
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
  /// Sweep files only: offset of the `@append` before a repeated field, which
  /// adds to the base's elements instead of replacing them.
  package var appendMarker: UInt32? = nil

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
  /// Bracketed names only: the identifiers, in order (`SyntaxTree.components(of:)`);
  /// for `.any`, those of the domain come before `slashIndex`.
  package var components: IndexRange = .empty
  /// `.any` only: the position in `components` of the first type-name identifier.
  package var slashIndex: UInt32 = 0
}

/// The value of a field.
package enum Value: Sendable {
  case scalar(Scalar)
  case message(MessageValue)
  case list(ListValue)
  /// Something that failed to parse; already reported, later stages skip it.
  case error(TextRange)
  /// A sweep expression (sweep files only); the checker skips it, `Sweep` expands it.
  case sweep(SweepRef)

  package var range: TextRange {
    switch self {
    case .scalar(let s): s.range
    case .message(let m): m.range
    case .list(let l): l.range
    case .error(let r): r
    case .sweep(let s): s.range
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
  /// Joined string literals (`"a" "b"`) after the first, in `SyntaxTree.rangeStorage`.
  package var moreStrings: IndexRange = .empty
  /// End of the last string part (or of `literal`).
  package var end: UInt32

  /// From the sign (if any) to the end of the last string part.
  package var range: TextRange {
    TextRange(Int(sign == nil ? literal.start : signOffset), Int(end))
  }
}

/// `{ … }` or `< … >`.
package struct MessageValue: Sendable {
  /// The message's fields in `SyntaxTree.fieldStorage` (`SyntaxTree.fields(of:)`).
  package var fields: IndexRange
  package var open: UInt32
  /// Offset of the closing delimiter; nil when it is missing (reported).
  package var close: UInt32?
  /// End of the last byte that belongs to the message, even when `close` is missing.
  package var end: UInt32
  package var isAngle: Bool

  package var range: TextRange { TextRange(Int(open), Int(end)) }
}

/// `[a, b]` or `[{…}, {…}]`.
package struct ListValue: Sendable {
  /// The elements in `SyntaxTree.valueStorage` (`SyntaxTree.elements(of:)`).
  package var elements: IndexRange
  package var open: UInt32
  package var close: UInt32?
  /// End of the last byte that belongs to the list, even when `close` is missing.
  package var end: UInt32

  package var range: TextRange { TextRange(Int(open), Int(end)) }
}
