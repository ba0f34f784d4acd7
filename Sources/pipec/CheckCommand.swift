import Diagnostics
import Syntax

let checkCommand = Command(
  name: "check",
  summary: "report every problem in configs, with line:col, the source and a fix",
  usage: "pipec check [--format FORMAT] [--warnings-as-errors] FILE|DIR|- ...",
  help: """
    Reads each config as TensorFlow would and reports every problem found, not
    just the first: syntax errors (with where a missing '}' probably belongs),
    and syntax that only one of protobuf's parsers accepts (TensorFlow reads
    configs with the Python one). A directory stands for every *.config,
    *.pbtxt and *.sweep file below it; '-' reads standard input.

    Options:
      --format FORMAT        text (default; rustc-like, to standard error),
                             json (an array of objects with file, line, column,
                             end_line, end_column, severity, code, message),
                             sarif (SARIF 2.1.0, for code-scanning tools), or
                             github (GitHub Actions annotations)
      --warnings-as-errors   exit 1 on warnings too

    Examples:
      pipec check pipeline.config
      pipec check --format github configs/

    Exit status: 0 no errors (warnings and notes do not fail a run); 1 errors
    found; 2 usage or I/O error.
    """,
  spec: ArgumentSpec(flags: ["--warnings-as-errors"], options: ["--format": formatOption]),
  run: runCheck)

func runCheck(_ arguments: ParsedArguments) -> Int32 {
  guard !arguments.positionals.isEmpty else {
    return usageError("no input files", help: "pass config files or directories, or '-' for standard input")
  }
  var reporter = Reporter(format: OutputFormat(rawValue: arguments.value("--format") ?? "text") ?? .text)
  for argument in arguments.positionals {
    switch expandPath(argument, extensions: configExtensions) {
    case .success(let paths):
      for path in paths {
        guard let source = reporter.load(path) else { continue }
        reporter.add(Parser.parse(source).diagnostics)
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
