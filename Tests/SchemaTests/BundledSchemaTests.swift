import Diagnostics
import Testing

@testable import Schema

private let pkg = "object_detection.protos."

@Test func bundledSchemaLoadsWithoutDiagnostics() {
  let load = Schema.loadBundled()
  let rendered = DiagnosticRenderer.render(load.diagnostics, in: load.sources, as: .text)
  #expect(load.diagnostics.isEmpty, "\(rendered)")
  #expect(load.sources.files.count == 34, "every bundled file is reachable from the standard roots")
  #expect(load.schema.message(named: Schema.pipelineRoot) != nil)
  #expect(load.schema.message(named: Schema.labelMapRoot) != nil)
}

@Test func bundledIsCachedAndEqualToAFreshLoad() {
  let (schema, diagnostics) = Schema.bundled()
  #expect(diagnostics.isEmpty)
  let fresh = Schema.loadBundled().schema
  #expect(schema.messages.map(\.fullName) == fresh.messages.map(\.fullName))
  #expect(schema.enums.map(\.fullName) == fresh.enums.map(\.fullName))
}
