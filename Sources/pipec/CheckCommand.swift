import Check
import Lint
import Diagnostics
import Plan
import Schema
import Syntax

let checkCommand = Command(
  name: "check",
  summary: "report every problem in configs, with line:col, the source and a fix",
  usage: "pipec check [--format FORMAT] [--target tf1|tf2] [--device-memory SIZE] [--fix [--unsafe]] [--type TYPE] [--proto-path DIR] FILE|DIR|- ...",
  help: """
    Reads each config as TensorFlow would and reports every problem found, not
    just the first: syntax errors (with where a missing '}' probably belongs),
    then every schema error: unknown fields (with the nearest name, or where
    the field belongs), values of the wrong type, unknown enum values,
    integers out of range, a field or a oneof set twice (which TensorFlow's
    trainer silently merges). Where protobuf's Python parser (TensorFlow's)
    and its C++ parser disagree, pipec says what TensorFlow would do.

    Then the lint rules run ('pipec rules' lists them, 'pipec explain NAME'
    documents one): schedules that never decay, checkpoint types the model
    cannot restore, metrics TensorFlow does not know, and more, each with the
    numbers involved. Silence one finding with a comment on its line or the
    line before, giving a reason:
      num_steps: 0  # pipec: disable=zero-num-steps reason="set by the launcher"
    ('disable-next-block=' covers the next field's whole block, 'disable-file='
    the file). A .pipec.config in the file's directory or above sets the
    target, disables rules ('disable: "NAME"') and sets severities
    ('rule { name: "NAME" severity: ERROR }').

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
      --target tf1|tf2       the TensorFlow code path the config is for; when
                             not given it is inferred (e.g. '*_keras' feature
                             extractors mean TF2) and a note says so
      --device-memory SIZE   the memory of the device training runs on (16GiB,
                             24GB, 8g; as 'pipec plan'): a batch_size whose
                             training step the planner's estimate puts above it
                             is reported, with the largest batch that fits
      --fix                  apply the safe fixes in place (atomically), keep
                             comments, and report what remains; a file in
                             canonical format ('pipec fmt') stays so
      --unsafe               with --fix, apply the fixes that change behaviour too
      --type TYPE            check every file as TYPE: pipeline, labelmap, or a
                             message name (e.g. TrainConfig, or a full name)
      --proto-path DIR       use the .proto files under DIR (repeatable) instead
                             of the bundled schema, for teams that run a fork of
                             the Object Detection API with extra fields; DIR is
                             the import root, the directory that holds
                             object_detection/protos/ (e.g. models/research);
                             files missing there come from the bundled schema

    Examples:
      pipec check pipeline.config
      pipec check --format github configs/
      pipec check --fix --target tf2 pipeline.config
      pipec check --device-memory 16GiB pipeline.config

    Exit status: 0 no errors (warnings and notes do not fail a run); 1 errors
    found; 2 usage or I/O error.
    """,
  spec: ArgumentSpec(
    flags: ["--warnings-as-errors", "--fix", "--unsafe"],
    options: [
      "--format": formatOption, "--type": nil, "--proto-path": nil, "--target": ["tf1", "tf2"], "--device-memory": nil,
    ],
    repeatable: ["--proto-path"]),
  run: runCheck)

func runCheck(_ arguments: ParsedArguments) -> Int32 {
  guard !arguments.positionals.isEmpty else {
    return usageError("no input files", help: "pass config files or directories, or '-' for standard input")
  }
  let fix = arguments.has("--fix")
  if arguments.has("--unsafe") && !fix { return usageError("--unsafe only goes with --fix") }
  if fix && arguments.positionals.contains("-") {
    return usageError("--fix cannot rewrite standard input", help: "drop --fix to see the findings")
  }
  let flags: LintFlags
  switch LintFlags.parse(arguments) {
  case .success(let parsed): flags = parsed
  case .failure(let error): return usageError(error.message)
  }
  guard let schema = selectSchema(protoPath: arguments.values("--proto-path")) else { return ExitStatus.usage }
  var reporter = Reporter(format: OutputFormat(rawValue: arguments.value("--format") ?? "text") ?? .text)
  reporter.rules = lintRuleMetadata
  var projects = ProjectFiles()
  var fixedFiles = 0
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
          // Every point is linted with the run's target, device memory and project settings.
          let project = projects.settings(for: path, reporter: &reporter)
          checkSweep(path, schema: schema, lintOptions: flags.options(for: path, project: project), reporter: &reporter)
          continue
        }
        guard var source = reporter.load(path) else { continue }
        var options = flags.options(for: path, project: projects.settings(for: path, reporter: &reporter))
        let lintable = [Schema.pipelineRoot, Schema.labelMapRoot].contains(schema[root].fullName)
        if !lintable { options.disabled = Set(allLintRules.map(\.name)) }
        var (diagnostics, canonical) = analyze(source, schema: schema, root: root, options: options)
        if fix {
          let (bytes, applied) = applyFixes(diagnostics, to: source, unsafe: arguments.has("--unsafe"))
          if applied > 0 {
            var fixed = bytes
            if canonical {
              let (tree, syntax) = Parser.parse(SourceFile(id: source.id, path: source.path, bytes: bytes))
              if Formatter.canFormat(syntax) { fixed = Formatter.format(tree) }
            }
            switch writeAtomically(path, fixed) {
            case .success:
              fixedFiles += 1
              let id = reporter.sources.add(path: source.path, bytes: fixed)
              source = reporter.sources[id]
              (diagnostics, canonical) = analyze(source, schema: schema, root: root, options: options)
            case .failure(let error):
              reporter.ioError(error)
            }
          }
        }
        reporter.add(diagnostics)
      }
    case .failure(let error):
      reporter.ioError(error)
    }
  }
  reporter.flush()
  if fixedFiles > 0 { writeStderr("pipec: fixed \(fixedFiles) file\(fixedFiles == 1 ? "" : "s")\n") }
  if reporter.hadIOError { return ExitStatus.usage }
  let failing = arguments.has("--warnings-as-errors")
    ? reporter.diagnostics.contains { $0.severity >= .warning } : reporter.diagnostics.hasErrors
  return failing ? ExitStatus.problems : ExitStatus.clean
}

/// Parse, check and lint one file: every diagnostic, and whether the file is in canonical format.
func analyze(
  _ source: SourceFile, schema: Schema, root: MessageID, options: LintOptions
) -> (diagnostics: [Diagnostic], canonical: Bool) {
  let (tree, syntax) = Parser.parse(source)
  let (config, schemaErrors) = check(tree, against: schema, root: root)
  let findings = lint(config, options: options)
  let canonical = Formatter.canFormat(syntax) && Formatter.format(tree) == source.bytes
  // An HTML page or a .proto file: its one finding replaces the cascade of syntax errors.
  if findings.contains(where: { $0.code.rawValue == LintRule.notAConfig.name }) {
    return (findings.filter { $0.code.rawValue == LintRule.notAConfig.name }, canonical)
  }
  return (syntax + schemaErrors + findings, canonical)
}

/// `a/b/c.config` -> `a/b`; `c.config` -> `.`.
func directoryOf(_ path: String) -> String {
  guard let slash = path.lastIndex(of: "/") else { return "." }
  let head = String(path[..<slash])
  return head.isEmpty ? "/" : head
}

/// Training memory per step as the planner's cost model estimates it (`pipec plan`), for
/// the lint rule on batch size; lint itself does not lower configs.
let plannerMemory = MemoryEstimator(
  stepBytes: { config in
    let cost = lower(config, options: LoweringOptions()).0.cost
    guard cost.isComplete else { return nil }
    return { batch in
      var atBatch = cost
      atBatch.batchSize = batch
      return atBatch.bytesPerStep
    }
  },
  describe: Units.bytes)

/// Every lint rule's documentation for SARIF, by code.
let lintRuleMetadata: [DiagnosticCode: RuleMetadata] = Dictionary(
  uniqueKeysWithValues: allLintRules.map { ($0.code, $0.metadata) })
