import Diagnostics
import Testing

struct EscapeCase: Sendable, CustomTestStringConvertible {
  let input: String
  let property: String
  let data: String
  var testDescription: String { input.debugDescription }
}

@Test(arguments: [
  EscapeCase(input: "plain text", property: "plain text", data: "plain text"),
  EscapeCase(input: "100%", property: "100%25", data: "100%25"),
  EscapeCase(input: "a\nb", property: "a%0Ab", data: "a%0Ab"),
  EscapeCase(input: "a\r\nb", property: "a%0D%0Ab", data: "a%0D%0Ab"),
  EscapeCase(input: "x:y,z", property: "x%3Ay%2Cz", data: "x:y,z"),
  EscapeCase(input: "%0A", property: "%250A", data: "%250A"),  // no double decoding
  EscapeCase(input: "::error::", property: "%3A%3Aerror%3A%3A", data: "::error::"),
  EscapeCase(input: "数 🙂", property: "数 🙂", data: "数 🙂"),
])
func escapesWorkflowCommands(_ c: EscapeCase) {
  #expect(GitHubRenderer.escapeProperty(c.input) == c.property)
  #expect(GitHubRenderer.escapeData(c.input) == c.data)
}

struct AnnotationCase: Sendable, CustomTestStringConvertible {
  let name: String
  let source: String
  let path: String
  let diagnostic: @Sendable (Fixture) -> Diagnostic
  let expected: String
  var testDescription: String { name }
}

@Test(arguments: [
  AnnotationCase(
    name: "error", source: "a: 1\nnum_clases: 2\n", path: "pipeline.config",
    diagnostic: { f in .error(.unknownField, at: f.span("num_clases"), "unknown field `num_clases`") },
    expected:
      "::error file=pipeline.config,line=2,col=1,endLine=2,endColumn=10,title=unknown-field::unknown field `num_clases`"
  ),
  AnnotationCase(
    name: "warning with help, note and fix", source: "a: 1\n", path: "dir,1/a:b.config",
    diagnostic: { f in
      .warning(
        .duplicateField, at: f.span("a"), "50% off", notes: [Note("first"), Note("there", at: f.span("1"))],
        help: "remove it", fixes: [Fix("drop `a`", edits: [Edit(f.span("a: 1\n"), "")], isSafe: false)])
    },
    expected:
      "::warning file=dir%2C1/a%3Ab.config,line=1,col=1,endLine=1,endColumn=1,title=duplicate-field::50%25 off"
      + "%0Anote: first%0Anote: there (dir,1/a:b.config:1:4)%0Ahelp: remove it%0Afix (unsafe): drop `a`"
  ),
  AnnotationCase(
    name: "note becomes notice, label listed", source: "x: 1 y: 2\n", path: "p.config",
    diagnostic: { f in
      Diagnostic(.badValue, .note, at: f.span("y"), "default", labels: [Label(f.span("x"), "because of this")])
    },
    expected:
      "::notice file=p.config,line=1,col=6,endLine=1,endColumn=6,title=bad-value::default"
      + "%0Alabel: because of this (p.config:1:1)"
  ),
  AnnotationCase(
    name: "multi-line span has no columns", source: "ssd {\n  a: 1\n}\n", path: "p.config",
    diagnostic: { f in .error(.badValue, at: f.span(from: "ssd", to: "}"), "block") },
    expected: "::error file=p.config,line=1,endLine=3,title=bad-value::block"
  ),
  AnnotationCase(
    name: "empty span and wide characters", source: "s: \"数🙂\"", path: "p.config",
    diagnostic: { f in .error(.unclosedBlock, at: f.endOfFile, "message with\r\nCRLF") },
    expected: "::error file=p.config,line=1,col=8,endLine=1,endColumn=8,title=unclosed-block::message with%0D%0ACRLF"
  ),
])
func rendersGitHubAnnotations(_ c: AnnotationCase) {
  let f = Fixture(c.source, path: c.path)
  #expect(GitHubRenderer(sources: f.sources).render(c.diagnostic(f)) == c.expected)
}

@Test func githubOutputIsOneLinePerDiagnostic() {
  let f = Fixture("a: 1\nb: 2\n")
  let out = GitHubRenderer(sources: f.sources).render([
    .error(.badValue, at: f.span("a"), "one\ntwo"), .warning(.badValue, at: f.span("b"), "three"),
  ])
  let lines = out.split(separator: "\n", omittingEmptySubsequences: false)
  #expect(lines.count == 3)
  #expect(lines[0].hasPrefix("::error "))
  #expect(lines[1].hasPrefix("::warning "))
  #expect(lines[2].isEmpty)
}
