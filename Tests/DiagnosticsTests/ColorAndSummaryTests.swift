import Diagnostics
import Testing

struct ColorCase: Sendable, CustomTestStringConvertible {
  let name: String
  let isTerminal: Bool
  let environment: [String: String]
  let expected: Bool
  var testDescription: String { name }
}

@Test(arguments: [
  ColorCase(name: "terminal", isTerminal: true, environment: ["TERM": "xterm-256color"], expected: true),
  ColorCase(name: "terminal without TERM", isTerminal: true, environment: [:], expected: true),
  ColorCase(name: "pipe", isTerminal: false, environment: ["TERM": "xterm"], expected: false),
  ColorCase(name: "NO_COLOR=1", isTerminal: true, environment: ["NO_COLOR": "1"], expected: false),
  ColorCase(name: "NO_COLOR empty", isTerminal: true, environment: ["NO_COLOR": ""], expected: false),
  ColorCase(name: "TERM=dumb", isTerminal: true, environment: ["TERM": "dumb"], expected: false),
  ColorCase(name: "CLICOLOR=0", isTerminal: true, environment: ["CLICOLOR": "0"], expected: false),
  ColorCase(name: "CLICOLOR_FORCE on a pipe", isTerminal: false, environment: ["CLICOLOR_FORCE": "1"], expected: true),
  ColorCase(name: "CLICOLOR_FORCE with dumb", isTerminal: true, environment: ["CLICOLOR_FORCE": "1", "TERM": "dumb"], expected: true),
  ColorCase(name: "CLICOLOR_FORCE=0", isTerminal: false, environment: ["CLICOLOR_FORCE": "0"], expected: false),
  ColorCase(
    name: "NO_COLOR beats CLICOLOR_FORCE", isTerminal: true, environment: ["NO_COLOR": "1", "CLICOLOR_FORCE": "1"],
    expected: false),
])
func decidesColour(_ c: ColorCase) {
  #expect(shouldUseColor(isTerminal: c.isTerminal, environment: c.environment) == c.expected)
}

struct SummaryCase: Sendable, CustomTestStringConvertible {
  let severities: [Severity]
  let expected: String?
  var testDescription: String { expected ?? "nothing" }
}

@Test(arguments: [
  SummaryCase(severities: [], expected: nil),
  SummaryCase(severities: [.error], expected: "error: 1 error emitted"),
  SummaryCase(severities: [.error, .error, .warning, .error], expected: "error: 3 errors and 1 warning emitted"),
  SummaryCase(severities: [.warning, .warning], expected: "warning: 2 warnings emitted"),
  SummaryCase(severities: [.note, .warning], expected: "warning: 1 warning and 1 note emitted"),
  SummaryCase(severities: [.note, .error, .warning, .note], expected: "error: 1 error, 1 warning and 2 notes emitted"),
  SummaryCase(severities: [.note], expected: "note: 1 note emitted"),
])
func summarises(_ c: SummaryCase) {
  let f = Fixture("a\n")
  let diagnostics = c.severities.map { Diagnostic(.badValue, $0, at: f.span("a"), "m") }
  #expect(summaryLine(for: diagnostics) == c.expected)
}

@Test func colouredSummaryLeadsWithTheWorstSeverity() {
  let f = Fixture("a\n")
  let line = summaryLine(for: [.warning(.badValue, at: f.span("a"), "m")], color: true)
  #expect(line == "\u{1B}[1;33mwarning\u{1B}[0m\u{1B}[1m: 1 warning emitted\u{1B}[0m")
}
