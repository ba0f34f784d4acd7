import Diagnostics
@testable import Schema

/// Loads in-memory `.proto` files (import path -> text), rooted at `roots` (default: all of them).
func loadProtos(_ files: [String: String], roots: [String]? = nil) -> SchemaLoad {
  var sources = SourceMap()
  var diagnostics: [Diagnostic] = []
  let schema = Schema.load(
    roots: roots ?? files.keys.sorted(), sources: &sources, diagnostics: &diagnostics, searchPath: ["<memory>"]
  ) { path in
    files[path].map { .found(displayPath: path, bytes: Array($0.utf8)) } ?? .missing
  }
  return SchemaLoad(schema: schema, diagnostics: diagnostics, sources: sources)
}

/// `path:line:column code` for each diagnostic, sorted, e.g. `t.proto:2:38 duplicate-field-number`.
func describeDiagnostics(_ load: SchemaLoad) -> [String] {
  load.diagnostics.sortedForOutput().map { d in
    let file = load.sources[d.span.file]
    let (line, column) = LineIndex(file.bytes).byteLocation(of: d.span.start)
    return "\(file.path):\(line):\(column) \(d.code)"
  }
}

extension Schema {
  func message(_ fullName: String) -> MessageDescriptor? { message(named: fullName).map { self[$0] } }
  func enumType(_ fullName: String) -> EnumDescriptor? { enumIDByName[fullName].map { self[$0] } }
}
