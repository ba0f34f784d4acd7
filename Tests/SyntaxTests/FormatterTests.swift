import Diagnostics
import Foundation
import Testing

@testable import Syntax

/// Folder of this test target, for fixtures and goldens kept beside the sources.
let syntaxTestsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

func files(in folder: String, ext: String) -> [String] {
  let url = syntaxTestsDirectory.appendingPathComponent(folder)
  let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
  return names.filter { $0.hasSuffix(ext) }.sorted()
}

func readBytes(_ relativePath: String) -> [UInt8]? {
  FileManager.default.contents(atPath: syntaxTestsDirectory.appendingPathComponent(relativePath).path).map(Array.init)
}

/// Compares `actual` with a golden file, or rewrites it when UPDATE_GOLDEN=1.
func expectGolden(_ actual: String, _ relativePath: String, sourceLocation: SourceLocation = #_sourceLocation) {
  let url = syntaxTestsDirectory.appendingPathComponent(relativePath)
  if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
    try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try? Data(actual.utf8).write(to: url)
    return
  }
  guard let expected = readBytes(relativePath) else {
    Issue.record("missing golden \(relativePath); run UPDATE_GOLDEN=1 swift test", sourceLocation: sourceLocation)
    return
  }
  #expect(actual == String(decoding: expected, as: UTF8.self), "golden \(relativePath)", sourceLocation: sourceLocation)
}

func format(_ bytes: [UInt8], path: String = "test.config") -> (String, SyntaxTree, [Diagnostic]) {
  var sources = SourceMap()
  let id = sources.add(path: path, bytes: bytes)
  let (tree, diagnostics) = Parser.parse(sources[id])
  let formatted = Formatter.canFormat(diagnostics) ? String(decoding: Formatter.format(tree), as: UTF8.self) : ""
  return (formatted, tree, diagnostics)
}

@Test(arguments: files(in: "Fixtures/fmt", ext: ".config"))
func formatsToGolden(_ name: String) throws {
  let input = try #require(readBytes("Fixtures/fmt/\(name)"))
  let (once, tree, diagnostics) = format(input)
  #expect(Formatter.canFormat(diagnostics), "\(diagnostics.map(\.message))")
  expectGolden(once, "Golden/fmt/\(name)")
  // Idempotent, and the tree means the same before and after.
  let (twice, treeAfter, _) = format(Array(once.utf8))
  #expect(twice == once)
  #expect(treeAfter.dump == tree.dump)
  #expect(treeAfter.comments.map { treeAfter.text($0.range) } == tree.comments.map { tree.text($0.range) })
}

@Test func canonicalInputIsUnchanged() throws {
  let input = try #require(readBytes("Fixtures/fmt/already.config"))
  #expect(format(input).0 == String(decoding: input, as: UTF8.self))
}

struct FormatCase: Sendable, CustomTestStringConvertible {
  let input: String
  let output: String
  var testDescription: String { input.debugDescription }
}

@Test(arguments: [
  FormatCase(input: "", output: ""),
  FormatCase(input: "\n\n# c\n\n", output: "# c\n"),
  FormatCase(input: "a:1", output: "a: 1\n"),
  FormatCase(input: "a:-  1", output: "a: -1\n"),
  FormatCase(input: "m<a:1>", output: "m {\n  a: 1\n}\n"),
  FormatCase(input: "m:{}", output: "m {\n}\n"),
  FormatCase(input: "a:1\n\n\n\nb:2", output: "a: 1\n\nb: 2\n"),
  FormatCase(input: "m {\n\n a: 1\n\n}", output: "m {\n  a: 1\n}\n"),
  FormatCase(input: "a: 1;b: 2,", output: "a: 1\nb: 2\n"),
  FormatCase(input: "f:[1,2 ,3]", output: "f: [1, 2, 3]\n"),
  FormatCase(input: "a: 1\r\nb: 2\r\n", output: "a: 1\nb: 2\n"),
  // Regression (pipec-fuzz): a comment ending in two carriage returns lost one per run.
  FormatCase(input: "##\r\r", output: "##\n"),
  FormatCase(input: "a: 1  # x\r\r\r\n", output: "a: 1  # x\n"),
])
func formatsSmallInputs(_ c: FormatCase) {
  #expect(format(Array(c.input.utf8)).0 == c.output)
}
