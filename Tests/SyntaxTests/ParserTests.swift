import Diagnostics
import Testing

@testable import Syntax

func parse(_ text: String, options: ParseOptions = ParseOptions()) -> (SyntaxTree, [Diagnostic]) {
  var sources = SourceMap()
  let id = sources.add(path: "test.config", text: text)
  let (tree, diagnostics) = Parser.parse(sources[id], options: options)
  return (tree, diagnostics)
}

struct ParseCase: Sendable, CustomTestStringConvertible {
  let source: String
  let dump: String
  var testDescription: String { source.debugDescription }
}

@Test(arguments: [
  ParseCase(source: "", dump: ""),
  ParseCase(source: "# only a comment\n", dump: ""),
  ParseCase(source: "model { ssd { num_classes: 90 } }", dump: "model{ssd{num_classes:90}}"),
  ParseCase(source: "model: { ssd < num_classes: 90 > }", dump: "model{ssd{num_classes:90}}"),
  ParseCase(source: "a: 1, b: 2; c: 3", dump: "a:1 b:2 c:3"),
  ParseCase(source: "a: -1.5e-3 b: -inf c: nan", dump: "a:-1.5e-3 b:-inf c:nan"),
  ParseCase(source: "s: 'x' \"y\"\n  'z'", dump: "s:'x' \"y\" 'z'"),
  ParseCase(source: "type: SIGMOID", dump: "type:SIGMOID"),
  ParseCase(source: "f: [1, 2, 3]", dump: "f:[1,2,3]"),
  ParseCase(source: "f: []", dump: "f:[]"),
  ParseCase(source: "f: [{a: 1}, <b: 2>]", dump: "f:[{a:1},{b:2}]"),
  ParseCase(source: "f [{a: 1}]", dump: "f:[{a:1}]"),
  ParseCase(source: "[pkg.ext] { a: 1 }", dump: "[pkg.ext]{a:1}"),
  ParseCase(source: "[ pkg . ext ]: 5", dump: "[pkg.ext]:5"),
  ParseCase(source: "any { [type.googleapis.com/pkg.Msg] { x: 1 } }", dump: "any{[type.googleapis.com/pkg.Msg]{x:1}}"),
  ParseCase(source: "a: 0x1F b: 017 c: 1.5f", dump: "a:0x1F b:017 c:1.5f"),
  ParseCase(source: "a: 0.5 b: 0e3 c: 0f d: 0 e: 00", dump: "a:0.5 b:0e3 c:0f d:0 e:00"),
  ParseCase(source: "f [{a: 1}] g: [] h []", dump: "f:[{a:1}] g:[] h:[]"),
])
func parsesToTree(_ c: ParseCase) {
  let (tree, diagnostics) = parse(c.source)
  #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
  #expect(tree.dump == c.dump)
}

struct ParseErrorCase: Sendable, CustomTestStringConvertible {
  let source: String
  /// (code, start offset, message fragment) for each diagnostic, in order.
  let expected: [(DiagnosticCode, Int, String)]
  var dump: String? = nil
  var testDescription: String { source.debugDescription }
}

@Test(arguments: [
  ParseErrorCase(
    source: "train_config {\n  batch_size: 8\n", expected: [(.unclosedDelimiter, 31, "expected '}' to close 'train_config' opened at 1:14, found end of file")]),
  ParseErrorCase(source: "a: 1 }", expected: [(.unmatchedDelimiter, 5, "'}' has no matching opening delimiter")], dump: "a:1"),
  ParseErrorCase(source: "m { a: 1 >", expected: [(.mismatchedDelimiter, 9, "'{' is closed by '>'")], dump: "m{a:1}"),
  ParseErrorCase(source: "num_steps 1000", expected: [(.missingColon, 9, "expected ':' between field name 'num_steps' and its value")], dump: "num_steps:1000"),
  ParseErrorCase(source: "a: : b: 2\nc: 3", expected: [(.unexpectedToken, 3, "expected a value after ':', found ':'")], dump: "a:<error> c:3"),
  ParseErrorCase(source: "a:\nb: 2", expected: [(.unexpectedToken, 3, "expected a value after ':', found 'b'")]),
  ParseErrorCase(source: "a b: 1", expected: [(.unexpectedToken, 0, "field 'a' has no value")], dump: "a:<error> b:1"),
  ParseErrorCase(source: "a: +2", expected: [(.pythonOnlySyntax, 3, "accepts a leading '+'")], dump: "a:+2"),
  ParseErrorCase(source: "a: 1_000", expected: [(.pythonOnlySyntax, 3, "accepts '_' between digits")], dump: "a:1_000"),
  ParseErrorCase(source: "a: - 4.6", expected: [(.cppOnlySyntax, 3, "rejects a space between '-' and '4.6'")], dump: "a:-4.6"),
  ParseErrorCase(source: "a: -\n  # why\n  2", expected: [(.cppOnlySyntax, 3, "rejects a space between '-' and '2'")], dump: "a:-2"),
  ParseErrorCase(source: "f: [1, 2,]", expected: [(.unexpectedToken, 8, "a list cannot end with ','")]),
  ParseErrorCase(source: "f: [1 2]", expected: [(.unexpectedToken, 6, "expected ',' or ']' in a list, found '2'")]),
  ParseErrorCase(source: "x: @choice(1, 2)\ny: 1", expected: [(.sweepSyntaxInConfig, 3, "'@' starts sweep syntax")], dump: "x:<error> y:1"),
  ParseErrorCase(source: "[a.]: 1", expected: [(.unexpectedToken, 3, "expected an extension or type name inside '[ ]', found ']'")]),
  ParseErrorCase(source: "; a: 1", expected: [(.unexpectedToken, 0, "';' must follow a field")], dump: "a:1"),
  ParseErrorCase(source: "a: 10bar\nb: 2", expected: [(.badNumber, 3, "number '10' is immediately followed by 'bar'")], dump: "a:<error> b:2"),
  ParseErrorCase(source: "a: “x”\nb: 2", expected: [(.unexpectedCharacter, 3, "typographic quote")], dump: "a:<error> b:2"),
  // Regressions: a mixed list used to parse cleanly and then trap in the formatter.
  ParseErrorCase(source: "f: [{a: 1}, 2]", expected: [(.unexpectedToken, 12, "a list of messages cannot hold a scalar value")], dump: "f:[{a:1},<error>]"),
  ParseErrorCase(source: "f: [1, {a: 1}]", expected: [(.unexpectedToken, 7, "a list of scalar values cannot hold a message")], dump: "f:[1,<error>]"),
  // Regression: only message lists may omit ':' (spec and TensorFlow's parser).
  ParseErrorCase(source: "f [1, 2]", expected: [(.missingColon, 1, "expected ':' between field name 'f' and its list of values")], dump: "f:[1,2]"),
  // Regression: a float with a leading 0 is an octal float, which every parser rejects.
  ParseErrorCase(source: "a: 01.5\nb: 00e3\nc: 07f", expected: [(.badNumber, 3, "'01.5'"), (.badNumber, 11, "'00e3'"), (.badNumber, 19, "'07f'")]),
  // Regression: TensorFlow's parser rejects a byte-order mark.
  ParseErrorCase(source: "\u{FEFF}a: 1", expected: [(.unexpectedCharacter, 0, "byte-order mark (U+FEFF)")], dump: "a:1"),
  // Unicode spaces are whitespace to Python only: one warning per run.
  ParseErrorCase(source: "a:\u{A0}\u{A0}1\u{3000}b: 2", expected: [(.pythonOnlySyntax, 2, "U+00A0 is whitespace"), (.pythonOnlySyntax, 7, "U+3000 is whitespace")], dump: "a:1 b:2"),
  ParseErrorCase(source: "a: 1\u{1C}", expected: [(.pythonOnlySyntax, 4, "U+001C")], dump: "a:1"),
])
func reportsSyntaxErrors(_ c: ParseErrorCase) {
  let (tree, diagnostics) = parse(c.source)
  #expect(diagnostics.count == c.expected.count, "\(diagnostics.map(\.message))")
  for (diagnostic, (code, start, fragment)) in zip(diagnostics, c.expected) {
    #expect(diagnostic.code == code)
    #expect(diagnostic.span.start == start)
    #expect(diagnostic.message.contains(fragment), "\(diagnostic.message)")
  }
  if let dump = c.dump { #expect(tree.dump == dump) }
}

@Test func threeUnrelatedErrorsAreAllReported() {
  let source = """
    model {
      ssd {
        num_classes 90
      }
    }
    train_config {
      batch_size: 8,,
      optimizer { momentum_optimizer { momentum_optimizer_value: 0.9 } }
    }
    eval_config {
      num_examples: 8000
      metrics_set: "coco_detection_metrics
    }
    """
  let (_, diagnostics) = parse(source)
  #expect(diagnostics.map(\.code) == [.missingColon, .unexpectedToken, .unterminatedString])
  let index = LineIndex(Array(source.utf8))
  let places = diagnostics.map { index.location(of: $0.span.start) }
  #expect(places.map(\.line) == [3, 7, 12])
  #expect(places.map(\.column) == [16, 17, 16])
}

@Test func missingBraceSuggestsWhereTheBlockEnds() {
  let source = "model {\n  ssd {\n    num_classes: 3\n}\ntrain_config {\n  batch_size: 1\n}\n"
  let (_, diagnostics) = parse(source)
  #expect(diagnostics.map(\.code) == [.unclosedDelimiter])
  #expect(
    diagnostics.first?.notes.first?.message
      == "'train_config' on line 5 is indented like 'model' but is read as part of it; a '}' is probably missing before line 5")
}

@Test func nestingBeyondTheLimitIsOneError() {
  let depth = 600
  let source = String(repeating: "a {", count: depth) + String(repeating: "}", count: depth)
  let (tree, diagnostics) = parse(source)
  #expect(diagnostics.map(\.code) == [.nestingTooDeep])
  #expect(!tree.fields.isEmpty)
}

@Test func warningsDoNotCountTowardsTheErrorCap() {
  let source = String(repeating: "a:\u{A0}1\n", count: 60)
  let (tree, diagnostics) = parse(source, options: ParseOptions(maxErrors: 10))
  #expect(diagnostics.count == 60 && diagnostics.allSatisfy { $0.code == .pythonOnlySyntax })
  #expect(tree.fields.count == 60)
}

@Test func errorsStopAtTheCap() {
  let source = String(repeating: "a: $\n", count: 200)
  let (_, diagnostics) = parse(source, options: ParseOptions(maxErrors: 10))
  #expect(diagnostics.filter { $0.severity == .error }.count == 10)
  #expect(diagnostics.last?.code == .tooManyErrors)
}

@Test func commentsAreKeptWithTheirPlacement() {
  let (tree, _) = parse("# head\na: 1  # trailing\n# own line\nb { # after brace\n}\n")
  #expect(tree.comments.map { tree.text($0.range) } == ["# head", "# trailing", "# own line", "# after brace"])
  #expect(tree.comments.map(\.isTrailing) == [false, true, false, true])
}

/// Every documented syntax code has an example that produces it.
@Test(arguments: syntaxCodeCatalog.map(\.code.rawValue))
func catalogExampleProducesItsCode(_ raw: String) {
  guard let info = syntaxCodeCatalog.first(where: { $0.code.rawValue == raw }) else {
    Issue.record("no catalogue entry")
    return
  }
  var bytes: [UInt8] = []
  for scalar in info.example.unicodeScalars {
    if scalar == "\u{FFFD}" { bytes.append(0xFF) } else { bytes.append(contentsOf: String(scalar).utf8) }
  }
  var sources = SourceMap()
  let id = sources.add(path: "example.config", bytes: bytes)
  let (_, diagnostics) = Parser.parse(sources[id])
  #expect(diagnostics.contains { $0.code == info.code }, "\(diagnostics.map(\.code.rawValue))")
}
