import Diagnostics
import Testing

private func twoDiagnostics() -> (Fixture, [Diagnostic]) {
  let f = Fixture("a: 1\nb: 2\n")
  // Deliberately out of order: the entry point sorts by position.
  return (f, [.warning(.badValue, at: f.span("b"), "second"), .error(.badValue, at: f.span("a"), "first")])
}

@Test(arguments: OutputFormat.allCases)
func everyFormatRendersInPositionOrder(_ format: OutputFormat) throws {
  let (f, diagnostics) = twoDiagnostics()
  let out = DiagnosticRenderer.render(diagnostics, in: f.sources, as: format)
  let first = try #require(out.range(of: "first"))
  let second = try #require(out.range(of: "second"))
  #expect(first.lowerBound < second.lowerBound)
  #expect(out.hasSuffix("\n"))
  if format == .json || format == .sarif { _ = try Parsed.parse(out) }
}

@Test func formatsAreNamedAsOnTheCommandLine() {
  #expect(OutputFormat.allCases.map(\.rawValue) == ["text", "json", "sarif", "github"])
  #expect(OutputFormat(rawValue: "sarif") == .sarif)
}

@Test func textEndsWithTheSummaryUnlessTurnedOff() {
  let (f, diagnostics) = twoDiagnostics()
  let with = DiagnosticRenderer.render(diagnostics, in: f.sources, as: .text)
  #expect(with.hasSuffix("\n\nerror: 1 error and 1 warning emitted\n"))
  let without = DiagnosticRenderer.render(diagnostics, in: f.sources, as: .text, options: RenderOptions(summary: false))
  #expect(!without.contains("emitted"))
  #expect(DiagnosticRenderer.render([], in: f.sources, as: .text) == "")
}

@Test func optionsReachTheRenderers() {
  let (f, diagnostics) = twoDiagnostics()
  let colored = DiagnosticRenderer.render(diagnostics, in: f.sources, as: .text, options: RenderOptions(color: true))
  #expect(colored.contains("\u{1B}["))
  let sarif = DiagnosticRenderer.render(
    diagnostics, in: f.sources, as: .sarif,
    options: RenderOptions(
      toolVersion: "9.9.9", rules: [.badValue: RuleMetadata(shortDescription: "a bad value")]))
  #expect(sarif.contains("\"version\": \"9.9.9\""))
  #expect(sarif.contains("\"text\": \"a bad value\""))
}
