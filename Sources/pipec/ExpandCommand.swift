import Diagnostics
import Lint
import Schema
import Stdlib
import Sweep
import Syntax

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

let expandCommand = Command(
  name: "expand",
  summary: "expand a sweep file into one plain config per point, with a manifest",
  usage: "pipec expand SWEEP -o DIR [--dry-run] [--max-trials N] [--force] [--target tf1|tf2] [--device-memory SIZE] [--format FORMAT] [--proto-path DIR]",
  help: """
    Reads a *.sweep file (a pipeline.config with sweep expressions: @choice,
    @range, @uniform, @loguniform, @randint, derived values @(…), and the
    directives @extends and @sweep; see grammar/sweep-guide.md), checks every
    point against the schema before writing anything, and writes one plain,
    formatted pipeline.config per point into DIR, named by trial number and
    assignments (safe characters only), plus manifest.json and manifest.csv
    (trial, assignments, file, SHA-256). A problem that only some points have
    is reported once, with the assignments that cause it. Points whose configs
    are identical are merged into the first and reported. The same inputs give
    byte-identical output.

    Writing is atomic: the configs go into a temporary directory beside DIR,
    renamed into place only when every point checked; a failed run leaves DIR
    as it was. An existing DIR is replaced only with --force (otherwise the
    run refuses before expanding).

    Every point is linted as 'pipec check' lints a config: with --target and
    --device-memory, the settings of the .pipec.config above the sweep file,
    and label maps read relative to the sweep file's directory.

    Options:
      -o, --output DIR     the directory to create (required unless --dry-run)
      --dry-run            check every point and print the table of points; write nothing
      --max-trials N       refuse studies of more than N points (default 10000)
      --force              replace DIR if it exists
      --target tf1|tf2     the TensorFlow code path the points are for (as for
                           'pipec check'; inferred when not given)
      --device-memory SIZE report points whose batch does not fit in SIZE
                           (16GiB, 24GB, 8g)
      --format FORMAT      how to print diagnostics: text, json, sarif, github
      --proto-path DIR     use the .proto files under DIR (repeatable)

    Examples:
      pipec expand examples/optimizer-study/optimizer.sweep -o runs/optimizer
      pipec expand study.sweep --dry-run

    Exit status: 0 written (warnings do not fail); 1 errors in the sweep or
    some point; 2 usage or I/O error.
    """,
  spec: ArgumentSpec(
    flags: ["--dry-run", "--force"],
    options: [
      "--output": nil, "--max-trials": nil, "--format": formatOption, "--proto-path": nil,
      "--target": ["tf1", "tf2"], "--device-memory": nil,
    ],
    aliases: ["-o": "--output"], repeatable: ["--proto-path"]),
  run: runExpand)

/// Loads a sweep file and its base, reporting problems; nil when it cannot expand.
func loadSweep(_ path: String, schema: Schema, reporter: inout Reporter) -> Study? {
  guard let source = reporter.load(path) else { return nil }
  let (tree, syntax) = Parser.parse(source, options: ParseOptions(sweep: true))
  reporter.add(syntax)
  guard !syntax.hasErrors, let root = schema.message(named: Schema.pipelineRoot) else { return nil }
  let directory = path.contains("/") ? String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)]) + "/" : ""
  var found: [Diagnostic] = []
  let study = Study.load(
    tree, schema: schema, root: root, sources: &reporter.sources,
    loadBase: { reference in
      if Stdlib.isReference(reference) {
        guard let config = Stdlib.config(named: reference) else {
          let near = Stdlib.suggestions(for: reference)
          let hint = near.isEmpty ? "; 'pipec new --list' shows them" : "; did you mean \(near.map { "'stdlib:\($0)'" }.joined(separator: " or "))?"
          return .failure(BaseLoadError("unknown stdlib config '\(reference)'\(hint)"))
        }
        return .success((config.reference, Array(config.text.utf8)))
      }
      let full = reference.hasPrefix("/") ? reference : directory + reference
      switch readInput(full) {
      case .success(let bytes): return .success((full, bytes))
      case .failure(let error): return .failure(BaseLoadError(error.message))
      }
    },
    diagnostics: &found)
  reporter.add(found)
  return study
}

/// A path's last component: the name a sweep is shown under in headers.
func baseName(_ path: String) -> String {
  path.split(separator: "/").last.map(String.init) ?? path
}

func runExpand(_ arguments: ParsedArguments) -> Int32 {
  guard arguments.positionals.count == 1, let path = arguments.positionals.first else {
    return usageError("expected one sweep file", help: "pipec expand SWEEP -o DIR")
  }
  let dryRun = arguments.has("--dry-run")
  let output = arguments.value("--output")
  guard dryRun || output != nil else { return usageError("no output directory", help: "pass -o DIR, or --dry-run") }
  var maxTrials = 10_000
  if let text = arguments.value("--max-trials") {
    guard let n = Int(text), n > 0 else { return usageError("--max-trials needs a positive number, not '\(text)'") }
    maxTrials = n
  }
  let flags: LintFlags
  switch LintFlags.parse(arguments) {
  case .success(let parsed): flags = parsed
  case .failure(let error): return usageError(error.message)
  }
  if let output, !dryRun, !arguments.has("--force"), pathExists(output) {
    return usageError("'\(output)' exists", help: "pass --force to replace it (only once every point has checked)")
  }
  guard let schema = selectSchema(protoPath: arguments.values("--proto-path")) else { return ExitStatus.usage }
  var reporter = Reporter(format: OutputFormat(rawValue: arguments.value("--format") ?? "text") ?? .text)
  guard let study = loadSweep(path, schema: schema, reporter: &reporter) else {
    reporter.flush()
    return reporter.hadIOError ? ExitStatus.usage : ExitStatus.problems
  }
  let name = baseName(path)
  var manifest = Manifest(source: name, study: study)
  var staging: String?
  var writeError: IOError?
  if let output, !dryRun {
    switch makeStagingDirectory(beside: output) {
    case .success(let directory): staging = directory
    case .failure(let error):
      reporter.ioError(error)
      reporter.flush()
      return ExitStatus.usage
    }
  }
  var diagnostics: [Diagnostic] = []
  var options = ExpandOptions(sourceName: name, maxPoints: maxTrials, produceFiles: staging != nil)
  var projects = ProjectFiles()
  options.lintOptions = flags.options(for: path, project: projects.settings(for: path, reporter: &reporter))
  if let staging {
    // Files are written by the workers as they are printed; the first failure in trial order is reported.
    options.write = { fileName, bytes in
      if case .failure(let error) = writeNew(staging + "/" + fileName, bytes) { return error.message }
      return nil
    }
  }
  _ = study.expand(options, diagnostics: &diagnostics) { point in
    var row = point
    if let message = point.writeError, writeError == nil { writeError = IOError(message: message) }
    row.bytes = []
    manifest.rows.append(row)
  }
  reporter.add(diagnostics)
  if let staging {
    if writeError == nil, case .failure(let error) = writeNew(staging + "/manifest.json", Array(manifest.json.utf8)) {
      writeError = error
    }
    if writeError == nil, case .failure(let error) = writeNew(staging + "/manifest.csv", Array(manifest.csv.utf8)) {
      writeError = error
    }
  }
  if dryRun && !diagnostics.hasErrors { writeStdout(manifest.table) }
  guard let staging, let output else {
    reporter.flush()
    return diagnostics.hasErrors ? ExitStatus.problems : ExitStatus.clean
  }
  if let writeError { reporter.ioError(writeError) }
  if diagnostics.hasErrors || writeError != nil {
    removeTree(staging)
    reporter.flush()
    if diagnostics.hasErrors { writeStderr("pipec: nothing written: fix the errors above\n") }
    return writeError != nil ? ExitStatus.usage : ExitStatus.problems
  }
  if case .failure(let error) = replaceDirectory(output, with: staging) {
    removeTree(staging)
    reporter.ioError(error)
    reporter.flush()
    return ExitStatus.usage
  }
  reporter.flush()
  let configs = manifest.rows.filter { $0.duplicateOf == nil }.count
  writeStderr("pipec: wrote \(configs) config\(configs == 1 ? "" : "s") for \(manifest.rows.count) point\(manifest.rows.count == 1 ? "" : "s") to \(output)\n")
  return ExitStatus.clean
}

/// `pipec check x.sweep`: every point checked with `lintOptions`, nothing written.
func checkSweep(_ path: String, schema: Schema, lintOptions: LintOptions, reporter: inout Reporter) {
  guard let study = loadSweep(path, schema: schema, reporter: &reporter) else { return }
  var diagnostics: [Diagnostic] = []
  var options = ExpandOptions(sourceName: baseName(path), produceFiles: false)
  options.lintOptions = lintOptions
  _ = study.expand(options, diagnostics: &diagnostics) { _ in }
  reporter.add(diagnostics)
}
