import Foundation
import Testing

struct CLICase: Sendable, CustomTestStringConvertible {
  let arguments: [String]
  var stdin: String? = nil
  let status: Int32
  /// Substrings expected in standard output and standard error.
  var stdout: [String] = []
  var stderr: [String] = []
  var testDescription: String { "pipec " + arguments.joined(separator: " ") }
}

@Test(arguments: [
  CLICase(arguments: [], status: 2, stderr: ["Usage: pipec <command>"]),
  CLICase(arguments: ["--help"], status: 0, stdout: ["Commands:", "check", "fmt", "Exit status: 0 clean"]),
  CLICase(arguments: ["--version"], status: 0, stdout: ["pipec 0."]),
  CLICase(arguments: ["fmt", "--help"], status: 0, stdout: ["Usage: pipec fmt", "--check", "--write"]),
  CLICase(arguments: ["help", "check"], status: 0, stdout: ["Usage: pipec check", "--format FORMAT"]),
  CLICase(arguments: ["chek"], status: 2, stderr: ["unknown command 'chek'; did you mean 'check'?"]),
  CLICase(arguments: ["fmt", "--chek", "x"], status: 2, stderr: ["unknown option '--chek' (did you mean --check?)"]),
  CLICase(arguments: ["check", "--format", "xml", "x"], status: 2, stderr: ["--format must be one of text, json, sarif, github"]),
  CLICase(arguments: ["check"], status: 2, stderr: ["no input files"]),
  CLICase(arguments: ["check", "no/such.config"], status: 2, stderr: ["cannot read 'no/such.config': no such file or directory"]),
  CLICase(arguments: ["check", "Sources"], status: 0),
  CLICase(arguments: ["fmt", "--check", "--write", "x"], status: 2, stderr: ["cannot be combined"]),
  CLICase(arguments: ["fmt", "--write", "-"], status: 2, stderr: ["--write cannot rewrite standard input"]),
  CLICase(arguments: ["fmt", "-"], stdin: "a:1 b{c:2}", status: 0, stdout: ["a: 1\nb {\n  c: 2\n}\n"]),
  CLICase(arguments: ["fmt", "--check", "-"], stdin: "a:1", status: 1, stdout: ["<stdin>"], stderr: ["1 file not formatted"]),
  CLICase(arguments: ["fmt", "--check", "-"], stdin: "a: 1\n", status: 0),
  CLICase(arguments: ["fmt", "-"], stdin: "a: {", status: 1, stderr: ["error[unclosed-delimiter]", "<stdin>:1:5"]),
  CLICase(arguments: ["check", "-"], stdin: "train_config { num_steps 1 }", status: 1,
          stderr: ["<stdin>:1:25: error[missing-colon]", "error: 1 error"]),
  CLICase(arguments: ["check", "--format", "json", "-"], stdin: "train_config { batch_size: +1 }", status: 0,
          stdout: ["\"code\": \"python-only-syntax\"", "\"severity\": \"warning\"", "\"line\": 1"]),
  CLICase(arguments: ["check", "--warnings-as-errors", "-"], stdin: "train_config { batch_size: +1 }", status: 1),
  CLICase(arguments: ["check", "--format", "github", "-"], stdin: "a: ", status: 1, stdout: ["::error file=<stdin>,line=1"]),
  CLICase(arguments: ["check", "--format=sarif", "-"], stdin: "train_config { }", status: 0, stdout: ["\"version\": \"2.1.0\""]),
  CLICase(arguments: ["check", "--format", "sarif", "no/such.config"], status: 2,
          stdout: ["\"executionSuccessful\": false", "cannot read 'no/such.config'"]),
  CLICase(arguments: ["check", "-"], stdin: "model { sdd { } }", status: 1,
          stderr: ["error[unknown-field]: unknown field 'sdd' in DetectionModel", "did you mean 'ssd'?"]),
  CLICase(arguments: ["check", "--type", "labelmap", "-"], stdin: "item { id: 1 name: 'cat' }", status: 0),
  CLICase(arguments: ["check", "--type", "TrainConfig", "-"], stdin: "batch_size: 8", status: 0),
  CLICase(arguments: ["check", "--type", "TrainConfg", "-"], stdin: "", status: 2,
          stderr: ["no message 'object_detection.protos.TrainConfg' (did you mean 'object_detection.protos.TrainConfig'?)"]),
  CLICase(arguments: ["check", "--proto-path", "no/such/dir", "-"], stdin: "", status: 2,
          stderr: ["proto path 'no/such/dir' is not a directory"]),
])
func commandLineBehaves(_ c: CLICase) throws {
  let result = try runPipec(c.arguments, stdin: c.stdin)
  #expect(result.status == c.status, "stderr: \(result.stderr)")
  for s in c.stdout { #expect(result.stdout.contains(s), "stdout: \(result.stdout)") }
  for s in c.stderr { #expect(result.stderr.contains(s), "stderr: \(result.stderr)") }
}

@Test func fmtWriteRewritesOnlyWhatChangesAndKeepsComments() throws {
  let directory = try temporaryDirectory()
  defer { try? FileManager.default.removeItem(at: directory) }
  let messy = directory.appendingPathComponent("messy.config")
  let clean = directory.appendingPathComponent("clean.config")
  try Data("# keep me\nmodel{ssd{num_classes:3}}  # and me\n".utf8).write(to: messy)
  try Data("a: 1\n".utf8).write(to: clean)
  try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: messy.path)
  let cleanBefore = try FileManager.default.attributesOfItem(atPath: clean.path)[.modificationDate] as? Date

  let check = try runPipec(["fmt", "--check", "."], in: directory)
  #expect(check.status == 1)
  #expect(check.stdout == "./messy.config\n")

  let write = try runPipec(["fmt", "--write", "."], in: directory)
  #expect(write.status == 0)
  #expect(write.stderr.contains("reformatted 1 file"))
  let text = try String(contentsOf: messy, encoding: .utf8)
  #expect(text == "# keep me\nmodel {\n  ssd {\n    num_classes: 3\n  }\n}  # and me\n")
  let permissions = try FileManager.default.attributesOfItem(atPath: messy.path)[.posixPermissions] as? Int
  #expect(permissions == 0o640)
  let cleanAfter = try FileManager.default.attributesOfItem(atPath: clean.path)[.modificationDate] as? Date
  #expect(cleanBefore == cleanAfter)
  // No temporary files are left behind.
  let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
  #expect(names == ["clean.config", "messy.config"])

  #expect(try runPipec(["fmt", "--check", "."], in: directory).status == 0)
}

@Test func fmtLeavesFilesWithSyntaxErrorsAlone() throws {
  let directory = try temporaryDirectory()
  defer { try? FileManager.default.removeItem(at: directory) }
  let broken = directory.appendingPathComponent("broken.config")
  let original = "model {\n  ssd {\n"
  try Data(original.utf8).write(to: broken)
  let result = try runPipec(["fmt", "--write", "broken.config"], in: directory)
  #expect(result.status == 1)
  #expect(try String(contentsOf: broken, encoding: .utf8) == original)
}

/// Every shipped config parses, is in canonical style, and formats to an equal tree.
@Test func shippedConfigsCheckAndAreFormatted() throws {
  let result = try runPipec(["fmt", "--check", "examples", "stdlib-configs"])
  #expect(result.status == 0, "not formatted: \(result.stdout)")
  let check = try runPipec(["check", "examples", "stdlib-configs"])
  #expect(check.status == 0, "\(check.stderr)")
}

/// A team's fork with an extra field: accepted with --proto-path, rejected without.
@Test func protoPathChangesWhatIsAccepted() throws {
  let directory = try temporaryDirectory()
  defer { try? FileManager.default.removeItem(at: directory) }
  let protos = directory.appendingPathComponent("protos/object_detection/protos")
  try FileManager.default.createDirectory(at: protos, withIntermediateDirectories: true)
  let trainProto = packageRoot.appendingPathComponent("Sources/Schema/Protos/object_detection/protos/train.proto")
  var text = try String(contentsOf: trainProto, encoding: .utf8)
  let anchor = "message TrainConfig {\n"
  let range = try #require(text.range(of: anchor))
  text.replaceSubrange(range, with: anchor + "  optional uint32 our_warmup_epochs = 9001;\n")
  try Data(text.utf8).write(to: protos.appendingPathComponent("train.proto"))
  let config = "train_config { our_warmup_epochs: 3 }\n"

  let bundled = try runPipec(["check", "-"], stdin: config, in: directory)
  #expect(bundled.status == 1)
  #expect(bundled.stderr.contains("unknown field 'our_warmup_epochs' in TrainConfig"))

  let fork = try runPipec(["check", "--proto-path", "protos", "-"], stdin: config, in: directory)
  #expect(fork.status == 0, "\(fork.stderr)")

  let wrongType = try runPipec(["check", "--proto-path", "protos", "-"], stdin: "train_config { our_warmup_epochs: -3 }", in: directory)
  #expect(wrongType.status == 1)
  #expect(wrongType.stderr.contains("'our_warmup_epochs' is uint32, which cannot be negative"))

  // The protos directory itself instead of the import root: its pipeline.proto clashes with
  // the bundled imports; the errors are followed by the root to give instead.
  let original = packageRoot.appendingPathComponent("Sources/Schema/Protos/object_detection/protos/pipeline.proto")
  try FileManager.default.copyItem(at: original, to: protos.appendingPathComponent("pipeline.proto"))
  let inner = try runPipec(["check", "--proto-path", "protos/object_detection/protos", "-"], stdin: config,
                           in: directory)
  #expect(inner.status == 2)
  let root = directory.appendingPathComponent("protos").resolvingSymlinksInPath().path
  #expect(inner.stderr.contains("give the directory that holds 'object_detection/' ('--proto-path \(root)')"),
          "\(inner.stderr)")
}

/// The acceptance case: a misspelt field, a bad enum and a duplicated
/// oneof in one file, all three reported with line:col, underline and suggestion.
@Test func threeSchemaErrorsAreReportedTogether() throws {
  let config = """
    model {
      ssd {
        num_clases: 3
        post_processing {
          score_converter: SIGMOD
        }
      }
    }
    train_config {
      optimizer {
        momentum_optimizer { }
        adam_optimizer { }
      }
    }

    """
  let result = try runPipec(["check", "-"], stdin: config)
  #expect(result.status == 1)
  for expected in [
    "<stdin>:3:5: error[unknown-field]: unknown field 'num_clases' in Ssd", "did you mean 'num_classes'?",
    "<stdin>:5:24: error[unknown-enum-value]: ScoreConverter has no value 'SIGMOD'", "did you mean SIGMOID?",
    "<stdin>:12:5: error[oneof-conflict]", "'momentum_optimizer' set here", "^^^^^^^^^^",
    "error: 3 errors",
  ] {
    #expect(result.stderr.contains(expected), "missing: \(expected)\n\(result.stderr)")
  }
}
