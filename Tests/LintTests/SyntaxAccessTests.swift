import Diagnostics
@testable import Lint
import Syntax
import Testing

/// Configs whose values take every shape: signed numbers, joined strings, lists of scalars
/// and messages, values that failed to parse, and sweep expressions.
private let shapes = [
  "a: -1 b: +2.5 c: - inf d: \"x\" \"y\" e: [1, -2] f { g: [{ h: 1 }, { h: 2 }] } i: 'z'",
  "a: { b: 1 } c < d: 2 > e: [] f: ",
  "lr: @choice(0.1, -0.01) steps: @range(1, 10, 2) { x: 1 }",
  "train_input_reader { label_map_path: C:\\data\\map.pbtxt }",
]

/// Lint's local copies of the syntax tree's accessors (`SyntaxAccess.swift`) give what the
/// originals give, for every value of the rule examples and of the configs above.
@Test func localAccessorsAgreeWithTheSyntaxTree() {
  var sources = SourceMap()
  var shapesSeen: Set<String> = []
  let texts = shapes + allLintRules.flatMap { [$0.bad, $0.good] }
  for (n, text) in texts.enumerated() {
    let id = sources.add(path: "\(n).config", text: text)
    let tree = Parser.parse(sources[id], options: ParseOptions(sweep: n < shapes.count)).tree
    for value in tree.fieldStorage.map(\.value) + tree.valueStorage {
      #expect(value.textRange == value.range, "\(text)")
      switch value {
      case .scalar(let scalar):
        #expect(scalar.textRange == scalar.range)
        shapesSeen.insert(scalar.sign == nil ? (scalar.moreStrings.isEmpty ? "scalar" : "joined") : "signed")
      case .message(let message):
        shapesSeen.insert("message")
        #expect(message.textRange == message.range)
        let fields = message.fields
        #expect(fields.indices == fields.range && fields.size == fields.count && fields.isVoid == fields.isEmpty)
      case .list(let list):
        shapesSeen.insert("list")
        let elements = list.elements
        #expect(elements.indices == elements.range && elements.size == elements.count && elements.isVoid == elements.isEmpty)
      case .error: shapesSeen.insert("error")
      case .sweep: shapesSeen.insert("sweep")
      }
    }
    for field in tree.fieldStorage {
      let range = field.name.range
      #expect(Lint.textRange(range.start, range.end) == TextRange(range.lowerBound, range.upperBound))
      #expect(range.lower == range.lowerBound && range.upper == range.upperBound)
    }
  }
  #expect(shapesSeen == ["scalar", "joined", "signed", "message", "list", "error", "sweep"])
  #expect(IndexRange.none == IndexRange.empty)
}
