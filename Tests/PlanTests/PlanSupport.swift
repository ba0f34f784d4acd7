import Check
import Diagnostics
import Foundation
import Schema
import Syntax

@testable import Plan

let planTestsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
let packageRoot = planTestsDirectory.deletingLastPathComponent().deletingLastPathComponent()

/// Parses, checks and lowers `text` as a pipeline config against the bundled schema.
func planPipeline(_ text: String, options: LoweringOptions = .init()) -> (Plan, [Diagnostic], SourceMap) {
  var sources = SourceMap()
  let id = sources.add(path: "test.config", bytes: Array(text.utf8))
  let (tree, syntax) = Parser.parse(sources[id])
  let schema = Schema.bundled()
  guard let root = schema.message(named: Schema.pipelineRoot) else {
    preconditionFailure("the bundled schema has TrainEvalPipelineConfig (SchemaTests check it)")
  }
  let (config, checked) = check(tree, against: schema, root: root)
  let (plan, lowered) = lower(config, options: options)
  return (plan, syntax + checked + lowered, sources)
}

func planFile(_ url: URL) throws -> (Plan, [Diagnostic]) {
  let text = try String(contentsOf: url, encoding: .utf8)
  let (plan, diagnostics, _) = planPipeline(text)
  return (plan, diagnostics)
}

/// The quickstart example (SSD MobileNet v2 keras, 320 x 320) at another input size.
func quickstart(size: Int) throws -> String {
  let text = try String(
    contentsOf: packageRoot.appendingPathComponent("examples/quickstart/pipeline.config"), encoding: .utf8)
  return text.replacingOccurrences(of: "height: 320", with: "height: \(size)")
    .replacingOccurrences(of: "width: 320", with: "width: \(size)")
}

/// `|a - b| <= tolerance * b`.
func within(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool { abs(a - b) <= tolerance * abs(b) }
