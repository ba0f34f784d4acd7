import Diagnostics
import Testing

@testable import Schema

private let pkg = "object_detection.protos."

@Test func bundledSchemaLoadsWithoutDiagnostics() {
  let load = Schema.loadBundled()
  let rendered = DiagnosticRenderer.render(load.diagnostics, in: load.sources, as: .text)
  #expect(load.diagnostics.isEmpty, "\(rendered)")
  // Every bundled file is a root of the load: target_assigner.proto is imported by no other.
  #expect(load.sources.files.count == 34)
  var reached = SourceMap()
  var diagnostics: [Diagnostic] = []
  _ = Schema.load(roots: Schema.standardRoots, sources: &reached, diagnostics: &diagnostics, searchPath: []) { path in
    bundledProtos.first { $0.path == path }.map { .found(displayPath: path, bytes: Array($0.text.utf8)) } ?? .missing
  }
  #expect(diagnostics.isEmpty)
  #expect(
    bundledProtos.map(\.path).filter { path in !reached.files.contains { $0.path == path } }
      == ["object_detection/protos/target_assigner.proto"],
    "the standard roots reach every bundled file but target_assigner.proto")
  #expect(load.schema.message(named: Schema.pipelineRoot) != nil)
  #expect(load.schema.message(named: Schema.labelMapRoot) != nil)
}

@Test func bundledIsCachedAndEqualToAFreshLoad() {
  let schema = Schema.bundled()
  let fresh = Schema.loadBundled()
  #expect(fresh.diagnostics.isEmpty)
  #expect(schema.messages.map(\.fullName) == fresh.schema.messages.map(\.fullName))
  #expect(schema.enums.map(\.fullName) == fresh.schema.enums.map(\.fullName))
}
