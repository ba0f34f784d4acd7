import Check
import Diagnostics
import Foundation
import Schema
import Sweep
import Syntax

let sweepTestsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
let packageRoot = sweepTestsDirectory.deletingLastPathComponent().deletingLastPathComponent()
let schema = Schema.bundled()

struct Expansion {
  var sources = SourceMap()
  var study: Study?
  var points: [ExpandedPoint] = []
  var diagnostics: [Diagnostic] = []
  var codes: [String] { diagnostics.map(\.code.rawValue) }
  var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
}

/// Parses, loads and expands a sweep; bases are read relative to `directory`.
func expandSweep(
  _ text: String, path: String = "test.sweep", directory: URL = packageRoot, files: Bool = true,
  workers: Int? = nil, chunkSize: Int? = nil
) -> Expansion {
  var result = Expansion()
  let id = result.sources.add(path: path, text: text)
  let (tree, syntax) = Parser.parse(result.sources[id], options: ParseOptions(sweep: true))
  result.diagnostics += syntax
  guard !syntax.hasErrors, let root = schema.message(named: Schema.pipelineRoot) else { return result }
  result.study = Study.load(
    tree, schema: schema, root: root, sources: &result.sources,
    loadBase: { reference in
      if reference.hasPrefix("stdlib:") {
        return .failure(BaseLoadError("unknown stdlib config '\(reference.dropFirst(7))'"))
      }
      let url = directory.appendingPathComponent(reference)
      guard let data = FileManager.default.contents(atPath: url.path) else {
        return .failure(BaseLoadError("cannot read '\(reference)'"))
      }
      return .success((reference, Array(data)))
    },
    diagnostics: &result.diagnostics)
  guard let study = result.study else { return result }
  var points: [ExpandedPoint] = []
  var options = ExpandOptions(sourceName: (path as NSString).lastPathComponent, produceFiles: files)
  if let workers { options.workers = workers }
  if let chunkSize { options.chunkSize = chunkSize }
  _ = study.expand(options, diagnostics: &result.diagnostics) { points.append($0) }
  result.points = points
  return result
}

/// Compares `actual` with `Golden/<name>`, or rewrites it with UPDATE_GOLDEN=1.
func assertGolden(_ actual: String, _ name: String) -> String? {
  let url = sweepTestsDirectory.appendingPathComponent("Golden/\(name)")
  if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
    try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try? Data(actual.utf8).write(to: url)
    return nil
  }
  guard let data = FileManager.default.contents(atPath: url.path) else { return "missing golden \(name)" }
  return String(decoding: data, as: UTF8.self) == actual ? nil : "golden \(name) differs (UPDATE_GOLDEN=1 to review)"
}
