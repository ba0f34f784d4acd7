/// Identifies one source file within a `SourceMap`.
package struct FileID: Hashable, Sendable, Comparable {
  package let raw: Int32
  package init(_ raw: Int32) { self.raw = raw }
  package static func < (a: FileID, b: FileID) -> Bool { a.raw < b.raw }
}

/// A half-open byte range in one source file.
package struct SourceSpan: Hashable, Sendable {
  package var file: FileID
  package var start: Int  // offset of the first byte
  package var end: Int    // offset just past the last byte

  package init(file: FileID, start: Int, end: Int) {
    precondition(start <= end, "a span never ends before it starts")
    self.file = file
    self.start = start
    self.end = end
  }

  package var isEmpty: Bool { start == end }

  /// The smallest span covering both; both must lie in the same file.
  package func union(_ other: SourceSpan) -> SourceSpan {
    precondition(file == other.file, "spans of different files have no union")
    return SourceSpan(file: file, start: Swift.min(start, other.start), end: Swift.max(end, other.end))
  }
}

/// The bytes of one input, with the path it is shown under.
///
/// `path` is what the user typed (or `<stdin>`); renderers print it as is so
/// that goldens do not depend on the working directory.
package struct SourceFile: Sendable {
  package let id: FileID
  package let path: String
  package let bytes: [UInt8]

  package init(id: FileID, path: String, bytes: [UInt8]) {
    self.id = id
    self.path = path
    self.bytes = bytes
  }

  package func text(_ span: SourceSpan) -> String {
    precondition(span.file == id, "span of another file")
    let end = Swift.min(span.end, bytes.count)
    let start = Swift.min(span.start, end)
    return String(decoding: bytes[start..<end], as: UTF8.self)
  }
}

/// Every file a run has read, addressed by `FileID`.
package struct SourceMap: Sendable {
  package private(set) var files: [SourceFile] = []

  package init() {}

  @discardableResult
  package mutating func add(path: String, bytes: [UInt8]) -> FileID {
    let id = FileID(Int32(files.count))
    files.append(SourceFile(id: id, path: path, bytes: bytes))
    return id
  }

  package mutating func add(path: String, text: String) -> FileID {
    add(path: path, bytes: Array(text.utf8))
  }

  package subscript(id: FileID) -> SourceFile { files[Int(id.raw)] }
}
