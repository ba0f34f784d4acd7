import Diagnostics
import Testing

struct QuoteCase: Sendable, CustomTestStringConvertible {
  let input: String
  let expected: String
  var testDescription: String { input.debugDescription }
}

@Test(arguments: [
  QuoteCase(input: "plain", expected: #""plain""#),
  QuoteCase(input: "say \"hi\"", expected: #""say \"hi\"""#),
  QuoteCase(input: #"C:\path"#, expected: #""C:\\path""#),
  QuoteCase(input: "a\nb\rc\td", expected: #""a\nb\rc\td""#),
  QuoteCase(input: "\u{08}\u{0C}", expected: #""\b\f""#),
  QuoteCase(input: "\u{00}\u{1B}\u{1F}\u{7F}", expected: #""\u0000\u001b\u001f\u007f""#),
  QuoteCase(input: "\u{2028}\u{2029}", expected: #""\u2028\u2029""#),
  QuoteCase(input: "数据 🙂 /", expected: "\"数据 🙂 /\""),
  QuoteCase(input: String(decoding: [0x61, 0xFF, 0x62], as: UTF8.self), expected: "\"a\u{FFFD}b\""),
])
func quotesJSONStrings(_ c: QuoteCase) throws {
  #expect(JSONValue.quoted(c.input) == c.expected)
  #expect(try Parsed.parse(c.expected) == .string(c.input))
}

private func unknownField() -> (Fixture, Diagnostic) {
  let f = Fixture("model {\n  ssd {\n    num_clases: 90 # \"数\"\n  }\n}\n", path: "configs/ssd \"v2\".config")
  let d = Diagnostic(
    .unknownField, .error, at: f.span("num_clases"), "unknown field `num_clases` in \"SsdModel\"\n\tsecond line",
    labels: [Label(f.span("ssd"), "in this message")],
    notes: [Note("fields are listed in ssd.proto"), Note("the block", at: f.span(from: "ssd", to: "}"))],
    help: "did you mean `num_classes`?",
    fixes: [
      Fix("replace with `num_classes`", edits: [Edit(f.span("num_clases"), "num_classes")]),
      Fix("delete the line", edits: [Edit(f.span("    num_clases: 90 # \"数\"\n"), "")], isSafe: false),
    ],
    path: "model.ssd")
  return (f, d)
}

@Test func jsonGolden() throws {
  let (f, d) = unknownField()
  let warning = Diagnostic.warning(.duplicateField, at: f.endOfFile, "bare")
  let out = JSONRenderer(sources: f.sources).render([d, warning])
  _ = try Parsed.parse(out)
  expectGolden(out, "unknown-field.json")
}

@Test func jsonKeysAndPositions() throws {
  let (f, d) = unknownField()
  let bare = Diagnostic.warning(.duplicateField, at: f.endOfFile, "bare")
  let out = try Parsed.parse(JSONRenderer(sources: f.sources).render([d, bare]))
  let first = try #require(out[0])
  #expect(
    first.keys == [
      "file", "line", "column", "end_line", "end_column", "severity", "code", "message",
      "labels", "notes", "help", "fixes", "path",
    ])
  #expect(first["file"] == .string("configs/ssd \"v2\".config"))
  #expect(first["line"] == .number(3))
  #expect(first["column"] == .number(5))
  #expect(first["end_line"] == .number(3))
  #expect(first["end_column"] == .number(15))  // exclusive: just past `num_clases`
  #expect(first["message"] == .string(d.message))
  #expect(first["labels"]?[0]?["message"] == .string("in this message"))
  #expect(first["notes"]?[0]?.keys == ["message"])
  #expect(first["notes"]?[1]?.keys == ["message", "file", "line", "column", "end_line", "end_column"])
  #expect(first["notes"]?[1]?["end_line"] == .number(4))
  #expect(first["fixes"]?[0]?["safe"] == .bool(true))
  #expect(first["fixes"]?[1]?["safe"] == .bool(false))
  // Deleting a whole line ends at column 1 of the next line.
  #expect(first["fixes"]?[1]?["edits"]?[0]?["end_line"] == .number(4))
  #expect(first["fixes"]?[1]?["edits"]?[0]?["end_column"] == .number(1))
  #expect(first["fixes"]?[0]?["edits"]?[0]?["replacement"] == .string("num_classes"))

  // A bare diagnostic has only the required keys; an empty span ends where it starts.
  let second = try #require(out[1])
  #expect(second.keys == ["file", "line", "column", "end_line", "end_column", "severity", "code", "message"])
  #expect(second["severity"] == .string("warning"))
  #expect(second["line"] == .number(6))
  #expect(second["column"] == second["end_column"])
}

@Test func jsonColumnsCountUnicodeScalars() throws {
  let f = Fixture("name: \"数🙂\" x: 1\n")
  let out = try Parsed.parse(JSONRenderer(sources: f.sources).render([.error(.badValue, at: f.span("x"), "m")]))
  #expect(out[0]?["column"] == .number(12))
  #expect(out[0]?["end_column"] == .number(13))
}

@Test func jsonOfNothingIsAnEmptyArray() {
  #expect(JSONRenderer(sources: SourceMap()).render([]) == "[]\n")
}
