import Diagnostics
import Foundation
import Testing

@testable import Check

func fixtureNames(_ folder: String) -> [String] {
  let url = checkTestsDirectory.appendingPathComponent("Fixtures/\(folder)")
  let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
  return names.filter { $0.hasSuffix(".config") }.sorted()
}

/// `(line, code)` pairs from `# expect: code[, code]` markers.
func expectations(in text: String) -> [String] {
  var found: [String] = []
  for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
    guard let marker = line.range(of: "# expect: ") else { continue }
    for code in line[marker.upperBound...].split(separator: ",") {
      found.append("\(index + 1): \(code.trimmingCharacters(in: .whitespaces))")
    }
  }
  return found.sorted()
}

/// Each invalid fixture yields exactly the diagnostics its markers name, on
/// their lines, and renders as its golden file says.
@Test(arguments: fixtureNames("invalid"))
func invalidFixtureMatchesItsMarkers(_ name: String) throws {
  let url = checkTestsDirectory.appendingPathComponent("Fixtures/invalid/\(name)")
  let text = try String(contentsOf: url, encoding: .utf8)
  let (_, diagnostics, sources) = checkPipeline(text, path: "invalid/\(name)")
  let index = LineIndex(Array(text.utf8))
  let actual = diagnostics.map { "\(index.location(of: $0.span.start).line): \($0.code.rawValue)" }.sorted()
  #expect(actual == expectations(in: text))
  let rendered = DiagnosticRenderer.render(diagnostics, in: sources, as: .text, options: RenderOptions(color: false))
  expectCheckGolden(rendered, "Golden/\(name.replacingOccurrences(of: ".config", with: ".diagnostics"))")
}

@Test(arguments: fixtureNames("valid"))
func validFixtureChecksClean(_ name: String) throws {
  let url = checkTestsDirectory.appendingPathComponent("Fixtures/valid/\(name)")
  let text = try String(contentsOf: url, encoding: .utf8)
  let (_, diagnostics, _) = checkPipeline(text, path: "valid/\(name)")
  #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
}

/// Every documented checker code has an example that produces it.
@Test(arguments: checkCodeCatalog.filter { $0.code != .missingRequiredField }.map(\.code.rawValue))
func checkCatalogExampleProducesItsCode(_ raw: String) throws {
  let info = try #require(checkCodeCatalog.first { $0.code.rawValue == raw })
  let (_, diagnostics, _) = checkPipeline(info.example)
  #expect(diagnostics.contains { $0.code == info.code }, "\(diagnostics.map(\.code.rawValue))")
}

func expectCheckGolden(_ actual: String, _ relativePath: String, sourceLocation: SourceLocation = #_sourceLocation) {
  let url = checkTestsDirectory.appendingPathComponent(relativePath)
  if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
    try? Data(actual.utf8).write(to: url)
    return
  }
  guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
    Issue.record("missing golden \(relativePath); run UPDATE_GOLDEN=1 swift test", sourceLocation: sourceLocation)
    return
  }
  #expect(actual == expected, "golden \(relativePath)", sourceLocation: sourceLocation)
}
