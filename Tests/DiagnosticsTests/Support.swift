import Diagnostics
import Foundation
import Testing

/// Source files for a test, with spans found by the text they cover.
struct Fixture: Sendable {
  private(set) var sources = SourceMap()
  let file: FileID

  init(_ text: String, path: String = "pipeline.config") {
    file = sources.add(path: path, text: text)
  }

  init(bytes: [UInt8], path: String = "pipeline.config") {
    file = sources.add(path: path, bytes: bytes)
  }

  /// Adds another file; spans in it come from `span(_:in:)`.
  mutating func add(_ text: String, path: String) -> FileID {
    sources.add(path: path, text: text)
  }

  /// The span of the `occurrence`-th (1-based) `needle` in `file`.
  func span(_ needle: String, occurrence: Int = 1, in file: FileID? = nil) -> SourceSpan {
    let id = file ?? self.file
    let haystack = sources[id].bytes
    let pattern = Array(needle.utf8)
    var seen = 0
    var i = 0
    while i + pattern.count <= haystack.count {
      if Array(haystack[i..<i + pattern.count]) == pattern {
        seen += 1
        if seen == occurrence { return SourceSpan(file: id, start: i, end: i + pattern.count) }
      }
      i += 1
    }
    preconditionFailure("\(needle.debugDescription) occurs fewer than \(occurrence) times")
  }

  /// From the start of `from` to the end of `to`.
  func span(from: String, to: String, toOccurrence: Int = 1) -> SourceSpan {
    span(from).union(span(to, occurrence: toOccurrence))
  }

  func point(_ offset: Int) -> SourceSpan { SourceSpan(file: file, start: offset, end: offset) }

  var endOfFile: SourceSpan { point(sources[file].bytes.count) }
}

/// Compares `actual` with `Golden/<name>`; `UPDATE_GOLDEN=1 swift test` rewrites it.
///
/// Goldens are read through `#filePath` rather than bundle resources so that
/// updating writes to the checked-in file, whose diff is then reviewed.
func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
  let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
  let url = directory.appendingPathComponent(name)
  if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] != nil {
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    #expect(throws: Never.self) { try actual.write(to: url, atomically: true, encoding: .utf8) }
    return
  }
  guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
    Issue.record("missing golden \(name); run UPDATE_GOLDEN=1 swift test", sourceLocation: sourceLocation)
    return
  }
  #expect(actual == expected, "golden \(name) differs", sourceLocation: sourceLocation)
}

extension DiagnosticCode {
  static let unknownField = DiagnosticCode("unknown-field")
  static let duplicateField = DiagnosticCode("duplicate-field")
  static let unclosedBlock = DiagnosticCode("unclosed-block")
  static let badValue = DiagnosticCode("bad-value")
  static let invalidUTF8 = DiagnosticCode("invalid-utf8")
}
