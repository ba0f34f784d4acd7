import Foundation
import Testing

/// The examples' READMEs promise outputs; each is pinned here.
@Test func lintSeedMistakesMatchTheirExpectedDiagnostics() throws {
  let expected = try String(
    contentsOf: packageRoot.appendingPathComponent("examples/lint/expected.diagnostics"), encoding: .utf8)
  let result = try runPipec(["check", "--target", "tf2", "examples/lint/seed-mistakes.config.txt"])
  #expect(result.status == 1)
  #expect(result.stderr == expected)
}
