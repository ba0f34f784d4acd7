import Diagnostics
import Syntax

let fmtCommand = Command(
  name: "fmt",
  summary: "print configs in pipec's one canonical style, or check or rewrite them",
  usage: "pipec fmt [--check | --write] [--format FORMAT] FILE|DIR|- ...",
  help: """
    The style: two-space indent, 'name: value', 'name {', one field per line, no
    ',' or ';' separators, '<>' written as '{}', at most one blank line. Every
    comment is kept where it was. Values are printed as written, so the result
    means exactly what the input meant; formatting twice changes nothing.

    Without a flag the formatted text goes to standard output (as gofmt does).
    A directory stands for every *.config, *.pbtxt and *.sweep file below it;
    '-' reads standard input. Files with syntax errors are reported and left alone.

    Options:
      --check            change nothing; list the files that are not formatted
                         and exit 1 if there are any (for CI and pre-commit)
      --write, -w        rewrite files in place (atomically: a temporary file,
                         then rename; a failed write leaves the file as it was)
      --format FORMAT    how to print syntax errors: text, json, sarif, github

    Examples:
      pipec fmt pipeline.config > pretty.config
      pipec fmt --check configs/
      pipec fmt --write configs/*.config

    Exit status: 0 done (or, with --check, all formatted); 1 syntax errors, or
    files --check would change; 2 usage or I/O error.
    """,
  spec: ArgumentSpec(
    flags: ["--check", "--write"], options: ["--format": formatOption], aliases: ["-w": "--write"]),
  run: runFmt)

let configExtensions = [".config", ".pbtxt", ".sweep", ".textproto", ".pbtext"]

func runFmt(_ arguments: ParsedArguments) -> Int32 {
  let check = arguments.has("--check")
  let write = arguments.has("--write")
  if check && write { return usageError("--check and --write cannot be combined") }
  guard !arguments.positionals.isEmpty else {
    return usageError("no input files", help: "pass config files or directories, or '-' for standard input")
  }
  if write && arguments.positionals.contains("-") {
    return usageError("--write cannot rewrite standard input", help: "drop --write to print the result")
  }
  var reporter = Reporter(format: OutputFormat(rawValue: arguments.value("--format") ?? "text") ?? .text)
  var unformatted: [String] = []
  var rewritten = 0
  for argument in arguments.positionals {
    let paths: [String]
    switch expandPath(argument, extensions: configExtensions) {
    case .success(let found): paths = found
    case .failure(let error):
      reporter.ioError(error)
      continue
    }
    for path in paths {
      guard let source = reporter.load(path) else { continue }
      let (tree, diagnostics) = Parser.parse(source, options: .forPath(path))
      guard Formatter.canFormat(diagnostics) else {
        reporter.add(diagnostics.filter { $0.severity == .error })
        continue
      }
      let formatted = Formatter.format(tree)
      if check {
        if formatted != source.bytes { unformatted.append(source.path) }
      } else if write {
        guard formatted != source.bytes else { continue }
        switch writeAtomically(path, formatted) {
        case .success: rewritten += 1
        case .failure(let error): reporter.ioError(error)
        }
      } else {
        writeStdout(formatted)
      }
    }
  }
  reporter.flush()
  for path in unformatted { writeStdout(path + "\n") }
  if check && !unformatted.isEmpty {
    writeStderr("pipec: \(unformatted.count) file\(unformatted.count == 1 ? "" : "s") not formatted; run 'pipec fmt --write' on \(unformatted.count == 1 ? "it" : "them")\n")
  }
  if write && rewritten > 0 {
    writeStderr("pipec: reformatted \(rewritten) file\(rewritten == 1 ? "" : "s")\n")
  }
  if reporter.hadIOError { return ExitStatus.usage }
  if reporter.diagnostics.hasErrors || !unformatted.isEmpty { return ExitStatus.problems }
  return ExitStatus.clean
}
