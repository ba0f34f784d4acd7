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

/// The stdlib configs are starting points: no error and no warning but the
/// placeholder paths a user fills in (issue 7), under every lint rule.
@Test func stdlibConfigsWarnOnlyAboutPlaceholders() throws {
  let result = try runPipec(["check", "--format", "json", "stdlib-configs"])
  #expect(result.status == 0, "\(result.stdout)")
  let data = Data(result.stdout.utf8)
  let diagnostics = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
  let unexpected = diagnostics.filter { d in
    let severity = d["severity"] as? String
    return severity == "error" || (severity == "warning" && d["code"] as? String != "placeholder-path")
  }
  #expect(unexpected.isEmpty, "\(unexpected.map { "\($0["file"] ?? ""): \($0["message"] ?? "")" })")
  #expect(diagnostics.contains { $0["code"] as? String == "placeholder-path" })
}
