import Check
import Diagnostics
import Foundation
import Lint
import Schema
import Syntax

let lintTestsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

/// Parses, checks and lints `text`; the example files stand in for the file system.
func lintText(
  _ text: String, path: String = "test.config", target: Target? = nil, rules: [LintRule] = allLintRules,
  disabled: Set<String> = [], severities: [String: Severity] = [:], deviceMemory: Int? = nil,
  memory: MemoryEstimator = fakeMemory
) -> (lint: [Diagnostic], check: [Diagnostic], sources: SourceMap) {
  var sources = SourceMap()
  let id = sources.add(path: path, bytes: Array(text.utf8))
  let (tree, syntax) = Parser.parse(sources[id])
  let schema = Schema.bundled()
  let rootName = path.hasSuffix(".pbtxt") ? Schema.labelMapRoot : Schema.pipelineRoot
  guard let root = schema.message(named: rootName) else { preconditionFailure("bundled roots exist") }
  let (config, diagnostics) = check(tree, against: schema, root: root)
  let files = exampleFiles
  let options = LintOptions(
    target: target, readFile: { files[$0].map { Array($0.utf8) } }, disabled: disabled, severities: severities,
    deviceMemory: deviceMemory, memoryEstimator: memory)
  return (lint(config, options: options, rules: rules), syntax + diagnostics, sources)
}

/// Compares `actual` with `Golden/<name>`, rewriting it when UPDATE_GOLDEN is set.
func matchesGolden(_ actual: String, _ name: String) throws -> Bool {
  let url = lintTestsDirectory.appendingPathComponent("Golden").appendingPathComponent(name)
  if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] != nil {
    try actual.write(to: url, atomically: true, encoding: .utf8)
    return true
  }
  let expected = try String(contentsOf: url, encoding: .utf8)
  return expected == actual
}

let gib = 1 << 30
let mib = 1 << 20

/// A stand-in for the planner: 1 GiB of state plus 200 MiB per image, for any config.
let fakeMemory = MemoryEstimator(
  stepBytes: { _ in { batch in gib + batch * 200 * mib } },
  describe: { bytes in bytes % gib == 0 ? "\(bytes / gib) GiB" : "\(bytes / mib) MiB" })
