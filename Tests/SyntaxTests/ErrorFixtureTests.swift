import Diagnostics
import Foundation
import Testing

@testable import Syntax

/// What a fixture says it should produce, read from markers in its raw text:
/// `# expect: code[, code]` for its own line, `# expect-next-line: code` for
/// the line after (a line whose error is an unterminated string holds the
/// marker inside the string), `# expect-at-end: code` for the end of the file.
struct Expectation: Hashable {
  enum Place: Hashable {
    case line(Int)
    case end
  }
  let place: Place
  let code: String
}

func expectations(in bytes: [UInt8]) -> Set<Expectation> {
  let text = String(decoding: bytes, as: UTF8.self)
  var found: Set<Expectation> = []
  for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
    for match in line.matches(of: #/# expect(-next-line|-at-end)?: ([a-z0-9-]+(?:, ?[a-z0-9-]+)*)/#) {
      let place: Expectation.Place =
        switch match.output.1 {
        case "-next-line": .line(index + 2)
        case "-at-end": .end
        default: .line(index + 1)
        }
      for code in match.output.2.split(separator: ",") {
        found.insert(Expectation(place: place, code: code.trimmingCharacters(in: .whitespaces)))
      }
    }
  }
  return found
}

/// Parses `errors/NAME.config` as the CLI would show it.
func parseFixture(_ name: String) -> (SourceMap, [Diagnostic], [UInt8])? {
  guard let bytes = readBytes("Fixtures/errors/\(name)") else { return nil }
  var sources = SourceMap()
  let id = sources.add(path: "errors/\(name)", bytes: bytes)
  let (_, diagnostics) = Parser.parse(sources[id])
  return (sources, diagnostics, bytes)
}

/// Every diagnostic is marked where it lands, and every marker is met.
@Test(arguments: files(in: "Fixtures/errors", ext: ".config"))
func fixtureMarkersMatchDiagnostics(_ name: String) throws {
  let (_, diagnostics, bytes) = try #require(parseFixture(name))
  let expected = expectations(in: bytes)
  #expect(!expected.isEmpty, "a fixture with no marker tests nothing")
  let index = LineIndex(bytes)
  var met: Set<Expectation> = []
  for d in diagnostics {
    let place: Expectation.Place = d.span.start == bytes.count ? .end : .line(index.location(of: d.span.start).line)
    let actual = Expectation(place: place, code: d.code.rawValue)
    if expected.contains(actual) {
      met.insert(actual)
    } else {
      Issue.record("unexpected \(d.code) at \(place): \(d.message)")
    }
  }
  for missing in expected.subtracting(met).sorted(by: { "\($0)" < "\($1)" }) {
    Issue.record("expected \(missing.code) at \(missing.place), never reported")
  }
}

/// The rendered report of each fixture, as `pipec check` prints it.
@Test(arguments: files(in: "Fixtures/errors", ext: ".config"))
func fixtureRendersToGolden(_ name: String) throws {
  let (sources, diagnostics, _) = try #require(parseFixture(name))
  let text = DiagnosticRenderer.render(diagnostics, in: sources, as: .text, options: RenderOptions(color: false))
  expectGolden(text, "Golden/errors/\(name.dropLast(".config".count)).diagnostics")
}

@Test func threeErrorsRenderToJSONGolden() throws {
  let (sources, diagnostics, _) = try #require(parseFixture("three-errors.config"))
  #expect(diagnostics.map(\.code) == [.missingColon, .unexpectedToken, .unterminatedString])
  expectGolden(DiagnosticRenderer.render(diagnostics, in: sources, as: .json), "Golden/errors/three-errors.json")
}

/// The harness must catch both kinds of mismatch, or the fixtures prove nothing.
@Test func markerHarnessSeesMarkers() {
  let marks = expectations(in: Array("a: $  # expect: unexpected-character, bad-number\n# expect-next-line: unterminated-string\nb: \"x\n# expect-at-end: unclosed-delimiter".utf8))
  #expect(marks == [
    Expectation(place: .line(1), code: "unexpected-character"),
    Expectation(place: .line(1), code: "bad-number"),
    Expectation(place: .line(3), code: "unterminated-string"),
    Expectation(place: .end, code: "unclosed-delimiter"),
  ])
}

@Test func everySyntaxCodeHasAFixture() {
  var codes: Set<String> = []
  for name in files(in: "Fixtures/errors", ext: ".config") {
    if let (_, diagnostics, _) = parseFixture(name) { codes.formUnion(diagnostics.map(\.code.rawValue)) }
  }
  let missing = syntaxCodeCatalog.map(\.code.rawValue).filter { !codes.contains($0) }
  #expect(missing.isEmpty, "\(missing)")
}
