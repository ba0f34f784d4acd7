import Diagnostics
import Foundation
import Testing

@testable import Syntax

/// One `(* example …: TEXT *)` line of `grammar/textproto.ebnf`.
struct GrammarExample: Sendable, CustomTestStringConvertible {
  let line: Int
  /// Codes the example must produce, and only these; empty means no diagnostic at all.
  let codes: [String]
  let text: String
  var testDescription: String { "line \(line): \(text.prefix(60).debugDescription)" }

  /// The input bytes: U+2424 stands for a line feed, U+FFFD for the byte 0xFF.
  var bytes: [UInt8] {
    var out: [UInt8] = []
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\u{2424}": out.append(UInt8(ascii: "\n"))
      case "\u{FFFD}": out.append(0xFF)
      default: out.append(contentsOf: String(scalar).utf8)
      }
    }
    return out
  }
}

private let grammarPath = syntaxTestsDirectory
  .deletingLastPathComponent().deletingLastPathComponent()
  .appendingPathComponent("grammar/textproto.ebnf").path

private func grammarText() -> String {
  FileManager.default.contents(atPath: grammarPath).map { String(decoding: $0, as: UTF8.self) } ?? ""
}

func grammarExamples() -> [GrammarExample] {
  // `(* example: TEXT *)` or `(* example code[,code]: TEXT *)`; TEXT may span lines.
  let examplePattern = #/\(\* example(?: ([a-z0-9,-]+))?: ?((?:.|\n)*?) ?\*\)/#
  let text = grammarText()
  return text.matches(of: examplePattern).map { match in
    let line = text[..<match.range.lowerBound].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
    let codes = match.output.1.map { $0.split(separator: ",").map(String.init) } ?? []
    return GrammarExample(line: line, codes: codes, text: String(match.output.2))
  }
}

@Test func grammarHasExamples() {
  // Guards the extraction itself: an empty list would make the next test vacuous.
  let examples = grammarExamples()
  #expect(examples.count >= 75)
  #expect(examples.contains { $0.codes.isEmpty && $0.text == "num_classes: 90" })
  #expect(examples.contains { $0.codes == ["cpp-only-syntax"] && $0.text == "momentum: - 0.9" })
}

@Test(arguments: grammarExamples())
func grammarExampleParses(_ example: GrammarExample) {
  var sources = SourceMap()
  let id = sources.add(path: "example.config", bytes: example.bytes)
  let (_, diagnostics) = Parser.parse(sources[id])
  let found = diagnostics.map(\.code.rawValue)
  if example.codes.isEmpty {
    #expect(found.isEmpty, "\(diagnostics.map(\.message))")
  } else {
    #expect(Set(found) == Set(example.codes), "\(diagnostics.map(\.message))")
  }
}

/// Every production (`name = …`) has an example before the next production.
@Test func everyProductionHasAnExample() {
  var missing: [String] = []
  var pending: String?
  var depth = 0  // inside a `(* … *)` comment that spans lines
  for line in grammarText().split(separator: "\n", omittingEmptySubsequences: false) {
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    if depth == 0, let name = trimmed.firstMatch(of: #/^([A-Za-z_]+)\s*=/#)?.output.1 {
      if let p = pending { missing.append(p) }
      pending = String(name)
    }
    if trimmed.hasPrefix("(* example") { pending = nil }
    depth += line.ranges(of: "(*").count - line.ranges(of: "*)").count
  }
  if let p = pending { missing.append(p) }
  #expect(missing.isEmpty, "productions without an example: \(missing)")
}

/// Every syntax diagnostic code appears in some grammar example.
@Test func everySyntaxCodeIsExemplified() {
  let used = Set(grammarExamples().flatMap(\.codes))
  let missing = syntaxCodeCatalog.map(\.code.rawValue).filter { !used.contains($0) }
  #expect(missing.isEmpty, "\(missing)")
}
