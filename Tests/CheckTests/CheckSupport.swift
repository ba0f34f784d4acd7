import Diagnostics
import Foundation
import Schema
import Syntax
import Testing

@testable import Check

let checkTestsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

/// Parses and checks `text` as a pipeline config against the bundled schema.
func checkPipeline(_ text: String, path: String = "test.config") -> (TypedConfig, [Diagnostic], SourceMap) {
  var sources = SourceMap()
  let id = sources.add(path: path, bytes: Array(text.utf8))
  let (tree, syntax) = Parser.parse(sources[id])
  let schema = Schema.bundled()
  guard let root = schema.message(named: Schema.pipelineRoot) else {
    preconditionFailure("the bundled schema has TrainEvalPipelineConfig (SchemaTests check it)")
  }
  let (config, diagnostics) = check(tree, against: schema, root: root)
  return (config, syntax + diagnostics, sources)
}
