import Check
import Diagnostics
import Schema
import Syntax

let checkCommand = Command(
  name: "check",
  summary: "report every problem in configs, with line:col, the source and a fix",
  usage: "pipec check [--format FORMAT] [--type TYPE] [--proto-path DIR] FILE|DIR|- ...",
  help: """
    Reads each config as TensorFlow would and reports every problem found, not
    just the first: syntax errors (with where a missing '}' probably belongs),
    then every schema error: unknown fields (with the nearest name, or where
    the field belongs), values of the wrong type, unknown enum values,
    integers out of range, a field or a oneof set twice (which TensorFlow's
    trainer silently merges). Where protobuf's Python parser (TensorFlow's)
    and its C++ parser disagree, pipec says what TensorFlow would do.

    Files are checked as TrainEvalPipelineConfig, and *.pbtxt files as label
    maps (StringIntLabelMap). A directory stands for every *.config, *.pbtxt
    and *.sweep file below it; '-' reads standard input.

    Options:
      --format FORMAT        text (default; rustc-like, to standard error),
                             json (an array of objects with file, line, column,
                             end_line, end_column, severity, code, message),
                             sarif (SARIF 2.1.0, for code-scanning tools), or
                             github (GitHub Actions annotations)
      --warnings-as-errors   exit 1 on warnings too
      --type TYPE            check every file as TYPE: pipeline, labelmap, or a
                             message name (e.g. TrainConfig, or a full name)
      --proto-path DIR       use the .proto files under DIR (repeatable) instead
                             of the bundled schema, for teams that run a fork of
                             the Object Detection API with extra fields; files
                             missing there come from the bundled schema

    Examples:
      pipec check pipeline.config
      pipec check --format github configs/

    Exit status: 0 no errors (warnings and notes do not fail a run); 1 errors
    found; 2 usage or I/O error.
    """,
  spec: ArgumentSpec(
    flags: ["--warnings-as-errors"],
    options: ["--format": formatOption, "--type": nil, "--proto-path": nil],
    repeatable: ["--proto-path"]),
  run: runCheck)

func runCheck(_ arguments: ParsedArguments) -> Int32 {
  guard !arguments.positionals.isEmpty else {
    return usageError("no input files", help: "pass config files or directories, or '-' for standard input")
  }
  guard let schema = selectSchema(protoPath: arguments.values("--proto-path")) else { return ExitStatus.usage }
  var reporter = Reporter(format: OutputFormat(rawValue: arguments.value("--format") ?? "text") ?? .text)
  for argument in arguments.positionals {
    switch expandPath(argument, extensions: configExtensions) {
    case .success(let paths):
      for path in paths {
        let root: MessageID
        switch rootMessage(for: path, type: arguments.value("--type"), in: schema) {
        case .success(let id): root = id
        case .failure(let error): return usageError(error.message)
        }
        if path.hasSuffix(".sweep") {
          checkSweep(path, schema: schema, reporter: &reporter)
          continue
        }
        guard let source = reporter.load(path) else { continue }
        let (tree, syntax) = Parser.parse(source)
        reporter.add(syntax)
        reporter.add(check(tree, against: schema, root: root).diagnostics)
      }
    case .failure(let error):
      reporter.ioError(error)
    }
  }
  reporter.flush()
  if reporter.hadIOError { return ExitStatus.usage }
  let failing = arguments.has("--warnings-as-errors")
    ? reporter.diagnostics.contains { $0.severity >= .warning } : reporter.diagnostics.hasErrors
  return failing ? ExitStatus.problems : ExitStatus.clean
}
