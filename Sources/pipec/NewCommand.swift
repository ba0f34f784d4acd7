import Check
import Diagnostics
import Schema
import Stdlib
import Syntax

let newCommand = Command(
  name: "new",
  summary: "start a config from a standard pipeline, with your classes and paths",
  usage: "pipec new NAME -o FILE [--num-classes N] [--label-map PATH] [--train-record PATH] [--eval-record PATH] [--checkpoint PATH] [--force]\n       pipec new --list",
  help: """
    Copies the standard pipeline NAME (one of 'pipec new --list', the configs
    of stdlib-configs/ bundled in pipec) to FILE, with the values you give
    filled in. Only those values change: the comments, the layout and every
    other number stay as shipped. Paths you do not give keep their
    PATH_TO_BE_CONFIGURED placeholder, and pipec lists them.

    Options:
      -o, --output FILE      where to write ('-' for standard output); the file
                             is written atomically and never overwritten
                             unless --force is given
      --num-classes N        num_classes of the model (the number of classes
                             in your label map, background not counted)
      --label-map PATH       label_map_path of the train and eval readers
      --train-record PATH    input_path of the train reader (TFRecord files;
                             a glob such as 'train-?????-of-00010' works)
      --eval-record PATH     input_path of the eval reader
      --checkpoint PATH      fine_tune_checkpoint (the pretrained weights)
      --force                overwrite FILE if it exists
      --list                 list the standard pipelines and exit

    Examples:
      pipec new --list
      pipec new ssd_mobilenet_v2_320x320 --num-classes 3 -o pipeline.config
      pipec new faster_rcnn_resnet50_v1_640x640 --num-classes 20 \\
        --label-map data/label_map.pbtxt --train-record data/train.record \\
        --eval-record data/val.record --checkpoint pretrained/ckpt-0 -o frcnn.config

    Exit status: 0 written; 2 usage error (unknown NAME, FILE exists) or I/O error.
    """,
  spec: ArgumentSpec(
    flags: ["--force", "--list"],
    options: [
      "--output": nil, "--num-classes": nil, "--label-map": nil, "--train-record": nil,
      "--eval-record": nil, "--checkpoint": nil,
    ],
    aliases: ["-o": "--output"]),
  run: runNew)

/// A value `pipec new` fills in: the option, and the fields it sets.
private struct Fill {
  let option: String
  let paths: [[String]]
}

private let pathFills = [
  Fill(option: "--label-map", paths: [
    ["train_input_reader", "label_map_path"], ["eval_input_reader", "label_map_path"],
  ]),
  Fill(option: "--train-record", paths: [["train_input_reader", "tf_record_input_reader", "input_path"]]),
  Fill(option: "--eval-record", paths: [["eval_input_reader", "tf_record_input_reader", "input_path"]]),
  Fill(option: "--checkpoint", paths: [["train_config", "fine_tune_checkpoint"]]),
]

/// `model.<meta-architecture>.num_classes`, whichever architecture it is.
private let numClassesPath = ["model", "*", "num_classes"]

func runNew(_ arguments: ParsedArguments) -> Int32 {
  if arguments.has("--list") {
    guard arguments.positionals.isEmpty else { return usageError("--list takes no NAME") }
    let width = (Stdlib.names.map(\.count).max() ?? 0) + 2
    writeStdout(Stdlib.configs.map { $0.name.padding(width) + $0.title + "\n" }.joined())
    return ExitStatus.clean
  }
  guard let name = arguments.positionals.first else {
    return usageError("no pipeline NAME given", help: "'pipec new --list' shows the standard pipelines")
  }
  guard arguments.positionals.count == 1 else {
    return usageError("expected one NAME, found \(arguments.positionals.count): \(arguments.positionals.joined(separator: " "))")
  }
  guard let output = arguments.value("--output") else {
    return usageError("no output file", help: "add -o FILE (or -o - for standard output)")
  }
  guard let config = Stdlib.config(named: name), let source = Stdlib.source(named: name, id: FileID(0)) else {
    let near = Stdlib.suggestions(for: name)
    let quoted = near.map { "'\($0)'" }
    let listed = quoted.count > 1 ? quoted.dropLast().joined(separator: ", ") + " or " + (quoted.last ?? "") : quoted.joined()
    let hint = near.isEmpty ? "" : "did you mean \(listed)? "
    return usageError("no standard pipeline named '\(name)'", help: hint + "'pipec new --list' shows them all")
  }
  var numClasses: String?
  if let text = arguments.value("--num-classes") {
    guard let n = Int32(text), n >= 1 else {
      return usageError("--num-classes must be a positive integer, not '\(text)'")
    }
    numClasses = String(n)
  }
  if output != "-", !arguments.has("--force"), pathExists(output) {
    return usageError("'\(output)' already exists", help: "choose another file, or add --force to overwrite it")
  }

  let (tree, _) = Parser.parse(source)
  var edits = ConfigEdits()
  if let numClasses {
    // Every stdlib config sets num_classes (a test holds them to it).
    edits.replace(numClassesPath, in: tree, with: numClasses)
  }
  for fill in pathFills {
    guard let value = arguments.value(fill.option) else { continue }
    let count = fill.paths.reduce(0) { $0 + edits.replace($1, in: tree, with: quotedLiteral(value)) }
    if count == 0 {
      let fields = fill.paths.map { $0.joined(separator: ".") }.joined(separator: " or ")
      return usageError("\(config.name) has no \(fields) to set with \(fill.option)")
    }
  }

  // Hold the result to what every stdlib config promises: it checks and is formatted.
  var sources = SourceMap()
  let id = sources.add(path: output == "-" ? "<stdout>" : output, bytes: edits.applied(to: source.bytes))
  let (result, syntax) = Parser.parse(sources[id])
  let schema = Schema.bundled()
  guard let root = schema.message(named: Schema.pipelineRoot) else {
    preconditionFailure("the bundled schema has TrainEvalPipelineConfig (SchemaTests check it)")
  }
  let diagnostics = syntax + check(result, against: schema, root: root).diagnostics
  if diagnostics.hasErrors {
    var reporter = Reporter(format: .text)
    reporter.sources = sources
    reporter.add(diagnostics)
    reporter.flush()
    return usageError("the filled-in config does not check; nothing was written")
  }
  let formatted = Formatter.format(result)

  if output == "-" {
    writeStdout(formatted)
  } else if case .failure(let error) = writeAtomically(output, formatted) {
    return usageError(error.message)
  }
  let left = placeholders(in: result)
  var summary = output == "-" ? "" : "pipec: wrote \(output) from \(config.reference)\n"
  if !left.isEmpty {
    summary += "pipec: still to set (PATH_TO_BE_CONFIGURED): \(left.joined(separator: ", "))\n"
  }
  writeStderr(summary)
  return ExitStatus.clean
}

/// The fields still holding a placeholder path, as dotted paths, without repeats.
private func placeholders(in tree: SyntaxTree) -> [String] {
  var found: [String] = []
  func visit(_ fields: ArraySlice<Field>, prefix: String) {
    for field in fields where field.name.kind == .identifier {
      let path = prefix.isEmpty ? tree.text(field.name.range) : prefix + "." + tree.text(field.name.range)
      switch field.value {
      case .scalar(let scalar) where scalar.kind == .string:
        let text = String(decoding: tree.decodedBytes(of: scalar), as: UTF8.self)
        if text.contains("PATH_TO_BE_CONFIGURED"), !found.contains(path) { found.append(path) }
      case .message(let message):
        visit(tree.fields(of: message), prefix: path)
      default:
        break
      }
    }
  }
  visit(tree.fields, prefix: "")
  return found
}
