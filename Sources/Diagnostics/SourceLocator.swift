/// A span as a reader sees it: a path and 1-based start and end positions.
///
/// Columns count Unicode scalars (`LineIndex.location`), the unit of SARIF's
/// `unicodeCodePoints`, LSP-like editors and GitHub annotations. The end is
/// exclusive: `(endLine, endColumn)` is the position just after the last
/// character, so an empty span has `end == start` and `a` in `a: 1` spans
/// column 1 to 2.
package struct SourceRange: Sendable, Equatable {
  package var path: String
  package var line: Int
  package var column: Int
  package var endLine: Int
  package var endColumn: Int

  package var isMultiline: Bool { endLine != line }
}

/// Resolves spans of a `SourceMap` to line and column positions.
///
/// Builds each file's `LineIndex` once. Offsets past the end of a file are
/// clamped to its end, so diagnostics at or beyond EOF still render.
package struct SourceLocator: Sendable {
  package let sources: SourceMap
  private let indexes: [LineIndex]

  package init(_ sources: SourceMap) {
    self.sources = sources
    self.indexes = sources.files.map { LineIndex($0.bytes) }
  }

  package func file(_ id: FileID) -> SourceFile { sources[id] }

  package func lineIndex(_ id: FileID) -> LineIndex {
    precondition(Int(id.raw) < indexes.count, "spans come from files of this map")
    return indexes[Int(id.raw)]
  }

  /// `span`'s offsets clamped to the file's bytes.
  package func clamped(_ span: SourceSpan) -> (start: Int, end: Int) {
    let count = file(span.file).bytes.count
    let start = Swift.min(span.start, count)
    return (start, Swift.max(start, Swift.min(span.end, count)))
  }

  package func range(of span: SourceSpan) -> SourceRange {
    let index = lineIndex(span.file)
    let (start, end) = clamped(span)
    let first = index.location(of: start)
    let last = index.location(of: end)
    return SourceRange(
      path: file(span.file).path,
      line: first.line, column: first.column,
      endLine: last.line, endColumn: last.column
    )
  }
}
