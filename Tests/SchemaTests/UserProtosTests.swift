import Diagnostics
import Testing

@testable import Schema

#if canImport(Glibc)
  import Glibc
#endif

/// A fresh directory under /tmp holding `files` (relative path -> text).
private func temporaryDirectory(_ files: [String: String]) throws -> String {
  var template = Array("/tmp/pipec-schema-XXXXXX".utf8CString)
  let made = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }
  try #require(made != nil)
  let root = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  for (path, text) in files {
    var directory = root
    for part in path.split(separator: "/").dropLast() {
      directory += "/" + part
      mkdir(directory, 0o755)
    }
    try #require(writeBytes(root + "/" + path, Array(text.utf8)))
  }
  return root
}

private func removeTree(_ path: String) {
  _ = path.withCString { _ in system("rm -rf '\(path)'") }
}

private let pkg = "object_detection.protos."

/// A fork of the bundled train.proto with one extra field.
private func forkedTrainProto() throws -> String {
  let original = try #require(bundledProtos.first { $0.path == "object_detection/protos/train.proto" }).text
  let marker = "message TrainConfig {\n"
  let range = try #require(original.firstRange(of: marker))
  return original[..<range.upperBound]
    + "  // Our fork: mixed precision policy.\n  optional string precision_policy = 900 [default = \"float32\"];\n"
    + original[range.upperBound...]
}

@Test func forkOfTrainProtoAddsItsField() throws {
  let root = try temporaryDirectory(["object_detection/protos/train.proto": try forkedTrainProto()])
  defer { removeTree(root) }
  let load = try Schema.load(protoPath: [root])
  #expect(load.diagnostics.isEmpty, "\(describeDiagnostics(load))")
  let train = try #require(load.schema.message(pkg + "TrainConfig"))
  let extra = try #require(train.field(named: "precision_policy"))
  #expect(extra.number == 900)
  #expect(extra.type == .string)
  #expect(extra.defaultValue == .string("float32"))
  #expect(extra.site?.file == root + "/object_detection/protos/train.proto")
  // The rest comes from the bundled files, and the pipeline root reaches the fork.
  #expect(train.field(named: "batch_size")?.defaultValue == .integer(32))
  let pipeline = try #require(load.schema.message(Schema.pipelineRoot))
  #expect(pipeline.field(named: "train_config")?.type == .message(try #require(load.schema.message(named: pkg + "TrainConfig"))))
  #expect(Schema.bundled().message(pkg + "TrainConfig")?.field(named: "precision_policy") == nil)
}

@Test func namedFilesAndAnExtraFileOfTheUser() throws {
  let root = try temporaryDirectory([
    "object_detection/protos/train.proto": try forkedTrainProto(),
    "team/extras.proto": """
      syntax = "proto2";
      package team;
      import "object_detection/protos/pipeline.proto";
      extend object_detection.protos.TrainEvalPipelineConfig { optional string owner = 1000; }
      """,
  ])
  defer { removeTree(root) }
  // Every .proto under the directory is loaded when no files are named.
  let all = try Schema.load(protoPath: [root])
  #expect(all.diagnostics.isEmpty, "\(describeDiagnostics(all))")
  #expect(all.schema.extensions.map(\.fullName) == ["team.owner"])
  // Named files (given with the directory prefix, as a shell completes them).
  let named = try Schema.load(protoPath: [root + "/"], files: [root + "/team/extras.proto"])
  #expect(named.diagnostics.isEmpty, "\(describeDiagnostics(named))")
  #expect(named.schema.extensions.first?.field.number == 1000)
}

@Test func withoutBundledFallbackImportsMustBeOnThePath() throws {
  let root = try temporaryDirectory(["object_detection/protos/train.proto": try forkedTrainProto()])
  defer { removeTree(root) }
  let load = try Schema.load(
    protoPath: [root], files: ["object_detection/protos/train.proto"], fallbackToBundled: false)
  #expect(load.diagnostics.map(\.code) == [.importNotFound, .importNotFound])
  #expect(load.diagnostics.first?.notes.first?.message == "searched: \(root)")
}

@Test func brokenUserProtoIsReportedAtItsPath() throws {
  let root = try temporaryDirectory([
    "object_detection/protos/train.proto": "syntax = \"proto2\";\npackage object_detection.protos;\nmessage TrainConfig { optional Nope x = 1; }\n",
  ])
  defer { removeTree(root) }
  let load = try Schema.load(protoPath: [root])
  #expect(describeDiagnostics(load) == ["\(root)/object_detection/protos/train.proto:3:32 unresolved-type"])
}

@Test func ioProblemsThrow() throws {
  #expect(throws: SchemaLoadError.self) { try Schema.load(protoPath: ["/nonexistent/pipec"]) }
  let root = try temporaryDirectory([:])
  defer { removeTree(root) }
  #expect(throws: SchemaLoadError.self) { try Schema.load(protoPath: [root], files: ["missing.proto"]) }
}

@Test func userProtosJoinTheCallersSourceMap() throws {
  let root = try temporaryDirectory(["object_detection/protos/train.proto": try forkedTrainProto()])
  defer { removeTree(root) }
  var sources = SourceMap()
  let config = sources.add(path: "pipeline.config", text: "train_config {}")
  var diagnostics: [Diagnostic] = []
  let schema = try Schema.load(protoPath: [root], files: nil, sources: &sources, diagnostics: &diagnostics)
  #expect(diagnostics.isEmpty)
  #expect(sources[config].path == "pipeline.config")
  // The config, then the 33 files reachable from the standard roots (target_assigner.proto
  // is imported by none of them).
  #expect(sources.files.count == 34)
  #expect(sources.files.contains { $0.path == root + "/object_detection/protos/train.proto" })
  #expect(schema.message(pkg + "TrainConfig")?.field(named: "precision_policy") != nil)
}
