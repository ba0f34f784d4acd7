import Diagnostics
import Testing

/// One text rendering, compared with `Golden/<name>.diagnostics`.
struct TextCase: Sendable, CustomTestStringConvertible {
  let name: String
  let fixture: Fixture
  let diagnostic: @Sendable (Fixture) -> Diagnostic
  var testDescription: String { name }

  init(_ name: String, _ fixture: Fixture, _ diagnostic: @escaping @Sendable (Fixture) -> Diagnostic) {
    self.name = name
    self.fixture = fixture
    self.diagnostic = diagnostic
  }
}

private let ssd = """
  model {
    ssd {
      num_clases: 90
    }
  }

  """

private let textCases: [TextCase] = [
  TextCase("primary-label-help-fix", Fixture(ssd)) { f in
    Diagnostic(
      .unknownField, .error, at: f.span("num_clases"), "unknown field `num_clases` in `SsdModel`",
      labels: [Label(f.span("num_clases"), "did you mean `num_classes`?")],
      help: "fields of `SsdModel` are listed by `pipec schema ssd`",
      fixes: [Fix("replace with `num_classes`", edits: [Edit(f.span("num_clases"), "num_classes")])],
      path: "model.ssd")
  },
  TextCase("label-same-line", Fixture("num_classes: 90 num_classes: 91\n")) { f in
    .error(
      .duplicateField, at: f.span("num_classes", occurrence: 2), "field `num_classes` is set twice",
      labels: [
        Label(f.span("num_classes", occurrence: 2), "set again here"),
        Label(f.span("num_classes"), "first set here"),
      ])
  },
  TextCase("three-labels-same-line", Fixture("a: 1 b: 2 c: 3\n")) { f in
    .error(
      .badValue, at: f.span("3"), "sum exceeds the limit",
      labels: [Label(f.span("1"), "first term"), Label(f.span("2"), "second term")])
  },
  TextCase(
    "labels-other-lines",
    Fixture(
      """
      model {
        ssd {
          num_classes: 90
          image_resizer {}
          num_classes: 91
        }
        # Two models in one config: the
        # checker reports the second one.
        faster_rcnn {
          num_classes: 3
        }
      }

      """)
  ) { f in
    .error(
      .duplicateField, at: f.span("num_classes", occurrence: 2), "field `num_classes` is set twice",
      labels: [
        Label(f.span("num_classes"), "first set here"),
        Label(f.span("faster_rcnn"), "another model type"),
      ])
  },
  TextCase("notes-with-and-without-span", Fixture(ssd + "# tail\n")) { f in
    .warning(
      .duplicateField, at: f.span("num_clases"), "field is deprecated",
      notes: [
        Note("the detection head ignores it"),
        Note("the replacement is declared here", at: f.span("ssd")),
        Note("see the migration guide\nfor the full list"),
      ])
  },
  TextCase("empty-span-at-eof", Fixture("model {\n  ssd {\n  }\n")) { f in
    .error(
      .unclosedBlock, at: f.endOfFile, "expected `}` at end of file",
      labels: [Label(f.span("{"), "to close this block")],
      fixes: [Fix("insert `}`", edits: [Edit(f.endOfFile, "}")])])
  },
  TextCase("empty-span-at-eof-without-newline", Fixture("model {\n  ssd {}")) { f in
    .error(.unclosedBlock, at: f.endOfFile, "expected `}` at end of file")
  },
  TextCase("span-past-eof", Fixture("model {}\n")) { f in
    .error(
      .badValue, at: SourceSpan(file: f.file, start: 40, end: 50), "span past the end is clamped")
  },
  TextCase("empty-file", Fixture("")) { f in
    .error(.badValue, at: f.point(0), "expected a message, found end of file")
  },
  TextCase(
    "multi-line-span",
    Fixture(
      """
      model {
        ssd {
          num_classes: 90
          box_coder {}
        }
      }

      """)
  ) { f in
    .error(
      .badValue, at: f.span(from: "ssd {", to: "}", toOccurrence: 2), "`ssd` needs a `feature_extractor`",
      labels: [Label(f.span(from: "ssd {", to: "}", toOccurrence: 2), "this block has none")])
  },
  TextCase("tabs", Fixture("model {\n\tssd {\n\t\tnum_clases:\t90\n\t}\n}\n")) { f in
    .error(
      .unknownField, at: f.span("num_clases"), "unknown field `num_clases`",
      labels: [Label(f.span("90"), "value here")],
      fixes: [Fix("replace with `num_classes`", edits: [Edit(f.span("num_clases"), "num_classes")])])
  },
  TextCase("wide-characters", Fixture("label_map { name: \"数据集🙂\" bad: 1 }\n")) { f in
    .error(
      .unknownField, at: f.span("bad"), "unknown field `bad` in `LabelMap`",
      labels: [Label(f.span("\"数据集🙂\""), "wide string")])
  },
  TextCase("combining-mark", Fixture("name: \"e\u{301}te\u{301}\" oops: 1\n")) { f in
    .error(.unknownField, at: f.span("oops"), "unknown field `oops`")
  },
  TextCase(
    "invalid-utf8",
    Fixture(bytes: Array("name: \"a".utf8) + [0xFF, 0xC3, 0x28, 0xE2, 0x82] + Array("\" bad: 1\n".utf8))
  ) { f in
    .error(
      .invalidUTF8, at: SourceSpan(file: f.file, start: 8, end: 13), "string is not valid UTF-8",
      labels: [Label(f.span("bad"), "next field")])
  },
  TextCase("control-characters", Fixture("name: \"a\u{1B}[31mb\" x: 1\n")) { f in
    .error(.badValue, at: f.span("x"), "a field after a string with an escape \u{1B}")
  },
  TextCase("unsafe-multi-line-fix", Fixture(ssd)) { f in
    .error(
      .unknownField, at: f.span("num_clases"), "unknown field `num_clases`",
      fixes: [
        Fix(
          "remove the field", edits: [Edit(f.span(from: "num_clases", to: "}"), "}")], isSafe: false)
      ])
  },
  TextCase("crlf-line-endings", Fixture("a: 1\r\nnum_clases: 2\r\nb: 3\r\n")) { f in
    .error(
      .unknownField, at: f.span("num_clases"), "unknown field `num_clases`",
      labels: [Label(f.span("b: 3\r\n"), "whole line with its CRLF")],
      fixes: [Fix("replace with `num_classes`", edits: [Edit(f.span("num_clases"), "num_classes")])])
  },
  TextCase("note-severity", Fixture("a: 1\n")) { f in
    Diagnostic(.badValue, .note, at: f.span("a"), "default applied")
  },
]

@Test(arguments: textCases)
func rendersText(_ c: TextCase) {
  let renderer = TextRenderer(sources: c.fixture.sources)
  expectGolden(renderer.render(c.diagnostic(c.fixture)), "\(c.name).diagnostics")
}

@Test func labelInAnotherFileGetsItsOwnHeader() {
  var fixture = Fixture("model { ssd { num_classes: 90 } }\n")
  let base = fixture.add("# base\nnum_classes: 80\n", path: "base.config")
  let d = Diagnostic.warning(
    .duplicateField, at: fixture.span("num_classes"), "overrides the base config",
    labels: [Label(fixture.span("num_classes", in: base), "set here first")])
  expectGolden(TextRenderer(sources: fixture.sources).render(d), "other-file-label.diagnostics")
}

/// A path can hold any byte: in every place it is printed (the header, a label's
/// `:::` line, a note's `-->` line), control characters show as Control Pictures.
@Test func pathsCannotDriveTheTerminal() {
  var fixture = Fixture("a: 1\n", path: "x\u{1B}[2J.config")
  let other = fixture.add("b: 2\n", path: "y\u{1B}[31m.config")
  let d = Diagnostic.error(
    .badValue, at: fixture.span("a"), "m", labels: [Label(fixture.span("b", in: other), "label")],
    notes: [Note("note", at: fixture.span("1"))])
  let out = TextRenderer(sources: fixture.sources).render(d)
  #expect(!out.contains("\u{1B}"))
  #expect(out.contains("x\u{241B}[2J.config:1:1:"))
  #expect(out.contains("::: y\u{241B}[31m.config:1:1"))
  #expect(out.contains("--> x\u{241B}[2J.config:1:4"))
}

@Test func firstLineIsPathLineColumnSeverityCodeMessage() {
  let f = Fixture("model {\n\t数 num_clases: 1\n}\n")
  let d = Diagnostic.error(.unknownField, at: f.span("num_clases"), "unknown field")
  let first = TextRenderer(sources: f.sources).render(d).split(separator: "\n").first
  // Unicode-scalar column: tab and `数` count one each, plus the space.
  #expect(first == "pipeline.config:2:4: error[unknown-field]: unknown field")
}

@Test func manyDiagnosticsAreSeparatedByBlankLines() {
  let f = Fixture("a: 1\nb: 2\n")
  let out = TextRenderer(sources: f.sources).render([
    .error(.badValue, at: f.span("a"), "one"), .warning(.badValue, at: f.span("b"), "two"),
  ])
  #expect(out.components(separatedBy: "\n\n").count == 2)
  #expect(out.hasSuffix("^\n"))
}

@Test func colourIsOnlyEmittedWhenEnabled() {
  let f = Fixture(ssd)
  let d = Diagnostic.error(
    .unknownField, at: f.span("num_clases"), "unknown field",
    labels: [Label(f.span("ssd"), "in here")], help: "check the spelling")
  let plain = TextRenderer(sources: f.sources, color: false).render(d)
  let colored = TextRenderer(sources: f.sources, color: true).render(d)
  #expect(!plain.contains("\u{1B}"))
  #expect(colored.contains("\u{1B}[1;31merror[unknown-field]\u{1B}[0m"))  // red severity
  #expect(colored.contains("\u{1B}[1;34m  |\u{1B}[0m"))  // blue gutter
  #expect(colored.contains("\u{1B}[1;31m^^^^^^^^^^\u{1B}[0m"))  // primary in severity colour
  #expect(colored.contains("\u{1B}[1;34m---\u{1B}[0m"))  // secondary in blue
  // Stripping escapes gives back the plain rendering, so layout does not depend on colour.
  #expect(stripANSI(colored) == plain)
}

@Test func warningUsesYellow() {
  let f = Fixture("a: 1\n")
  let out = TextRenderer(sources: f.sources, color: true).render(.warning(.badValue, at: f.span("a"), "w"))
  #expect(out.contains("\u{1B}[1;33mwarning[bad-value]\u{1B}[0m"))
}

private func stripANSI(_ text: String) -> String {
  var out = ""
  var inEscape = false
  for scalar in text.unicodeScalars {
    if inEscape {
      if scalar == "m" { inEscape = false }
    } else if scalar == "\u{1B}" {
      inEscape = true
    } else {
      out.unicodeScalars.append(scalar)
    }
  }
  return out
}
