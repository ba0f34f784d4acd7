import Check
import Diagnostics
import Schema
import Syntax
import Testing

@testable import Stdlib

/// Parses and checks a stdlib config as TensorFlow's reader would.
private func checked(_ config: StdlibConfig) -> (SyntaxTree, [Diagnostic]) {
  var sources = SourceMap()
  let id = sources.add(path: config.reference, bytes: Array(config.text.utf8))
  let (tree, syntax) = Parser.parse(sources[id])
  let schema = Schema.bundled()
  guard let root = schema.message(named: Schema.pipelineRoot) else {
    preconditionFailure("the bundled schema has TrainEvalPipelineConfig (SchemaTests check it)")
  }
  return (tree, syntax + check(tree, against: schema, root: root).diagnostics)
}

/// Every stdlib config is valid: no diagnostic at all, not even a warning.
@Test(arguments: Stdlib.names)
func stdlibConfigChecksClean(_ name: String) throws {
  let config = try #require(Stdlib.config(named: name))
  let (_, diagnostics) = checked(config)
  #expect(diagnostics.isEmpty, "\(diagnostics.map { "\($0.code): \($0.message)" })")
}

/// Every stdlib config is in canonical style, and its formatted text parses to the same tree.
@Test(arguments: Stdlib.names)
func stdlibConfigIsFormattedAndRoundTrips(_ name: String) throws {
  let config = try #require(Stdlib.config(named: name))
  let (tree, _) = checked(config)
  let formatted = Formatter.format(tree)
  #expect(formatted == Array(config.text.utf8), "not in canonical style; run pipec fmt --write stdlib-configs")
  var sources = SourceMap()
  let id = sources.add(path: "again", bytes: formatted)
  let again = Parser.parse(sources[id]).0
  #expect(again.dump == tree.dump)
  #expect(again.comments.count == tree.comments.count)
}

/// Every stdlib config opens with the header the README promises: what it is,
/// its input size, where its numbers come from, what to change.
@Test(arguments: Stdlib.names)
func stdlibConfigHasItsHeader(_ name: String) throws {
  let config = try #require(Stdlib.config(named: name))
  #expect(!config.title.isEmpty)
  let header = config.text.split(separator: "\n").prefix { $0.hasPrefix("#") }.joined(separator: "\n")
  for expected in ["Input: ", "Numbers from: ", "num_classes", "PATH_TO_BE_CONFIGURED", "pipec new \(name) "] {
    #expect(header.contains(expected), "the header of \(name) lacks '\(expected)'")
  }
  // Placeholders, never a real path: every path field waits for the user.
  for line in config.text.split(separator: "\n") where line.contains("_path: \"") || line.contains("checkpoint: \"") {
    #expect(line.contains("\"PATH_TO_BE_CONFIGURED/"), "\(name): \(line)")
  }
}

struct LookupCase: Sendable, CustomTestStringConvertible {
  let input: String
  let found: String?
  var suggestions: [String] = []
  var testDescription: String { input }
}

@Test(arguments: [
  LookupCase(input: "ssd_mobilenet_v2_320x320", found: "ssd_mobilenet_v2_320x320"),
  LookupCase(input: "stdlib:ssd_mobilenet_v2_320x320", found: "ssd_mobilenet_v2_320x320"),
  LookupCase(input: "stdlib:", found: nil),
  LookupCase(
    input: "ssd_mobilenet_v2_300x300", found: nil,
    suggestions: ["ssd_mobilenet_v1_300x300", "ssd_mobilenet_v2_320x320"]),
  LookupCase(input: "ssd_mobilenet_v2_320", found: nil, suggestions: ["ssd_mobilenet_v2_320x320"]),
  LookupCase(input: "efficientdet", found: nil, suggestions: ["ssd_efficientdet_d0_512x512", "ssd_efficientdet_d1_640x640"]),
  LookupCase(input: "yolo_v8", found: nil, suggestions: []),
])
func lookupByName(_ c: LookupCase) {
  #expect(Stdlib.config(named: c.input)?.name == c.found)
  if c.found == nil { #expect(Stdlib.suggestions(for: c.input) == c.suggestions) }
}

@Test func namesAreSortedUniqueAndSourcesCarryTheReference() throws {
  #expect(Stdlib.names == Stdlib.names.sorted())
  #expect(Set(Stdlib.names).count == Stdlib.names.count)
  let source = try #require(Stdlib.source(named: "stdlib:pipec_tiny_ssd_128x128", id: FileID(0)))
  #expect(source.path == "stdlib:pipec_tiny_ssd_128x128")
  #expect(Stdlib.config(named: "ssd_resnet50_v1_fpn_640x640")?.title == "SSD ResNet-50 v1 FPN 640x640, better known as RetinaNet")
}
