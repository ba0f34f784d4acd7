import Diagnostics

/// Exit statuses, the same for every subcommand.
enum ExitStatus {
  /// No problem found.
  static let clean: Int32 = 0
  /// Problems found in the input (errors, or files `fmt --check` would change).
  static let problems: Int32 = 1
  /// The command line was wrong, or a file could not be read or written.
  static let usage: Int32 = 2
}

/// One subcommand: its documentation, its options, and what it does.
struct Command: Sendable {
  let name: String
  let summary: String
  let usage: String
  /// The body of `--help` after the usage line.
  let help: String
  let spec: ArgumentSpec
  let run: @Sendable (ParsedArguments) -> Int32
}

enum Pipec {
  static let version = "0.1.0"

  /// Every subcommand, one file each; a new command adds one line here.
  static let commands: [Command] = [
    checkCommand,
    fmtCommand,
    newCommand,
    rulesCommand,
    explainCommand,
    expandCommand,
    planCommand,
  ]

  static let overview = """
    pipec \(version): compiler, validator and runtime for TensorFlow Object Detection API configs

    Usage: pipec <command> [options] [FILE...]

    Commands:
    \(commands.map { "  \($0.name.padding(8))\($0.summary)" }.joined(separator: "\n"))

    Options:
      -h, --help     show help (for a command: pipec <command> --help)
      --version      print the version

    Exit status: 0 clean, 1 problems found in the input, 2 usage or I/O error.
    Diagnostics: colour only on a terminal and never with NO_COLOR set.
    """

  static func run(_ arguments: [String]) -> Int32 {
    guard let first = arguments.first else {
      writeStderr(overview + "\n")
      return ExitStatus.usage
    }
    switch first {
    case "-h", "--help", "help":
      if arguments.count > 1, let command = commands.first(where: { $0.name == arguments[1] }) {
        writeStdout(helpText(command))
      } else {
        writeStdout(overview + "\n")
      }
      return ExitStatus.clean
    case "--version", "-V", "version":
      writeStdout("pipec \(version)\n")
      return ExitStatus.clean
    default:
      break
    }
    guard let command = commands.first(where: { $0.name == first }) else {
      let hint = closestMatch(first, in: commands.map(\.name)).map { "; did you mean '\($0)'?" } ?? ""
      return usageError("unknown command '\(first)'\(hint)", help: "run 'pipec --help' for the commands")
    }
    let rest = Array(arguments.dropFirst())
    if rest.contains("--help") || rest.contains("-h") {
      writeStdout(helpText(command))
      return ExitStatus.clean
    }
    switch parseArguments(rest, command.spec) {
    case .success(let parsed):
      return command.run(parsed)
    case .failure(let error):
      return usageError(error.message, help: "run 'pipec \(command.name) --help' for its options")
    }
  }

  static func helpText(_ command: Command) -> String {
    "Usage: \(command.usage)\n\n\(command.summary)\n\n\(command.help)\n"
  }
}

/// Prints `pipec: error: message` (and a hint) to standard error; returns the usage status.
func usageError(_ message: String, help: String? = nil) -> Int32 {
  writeStderr("pipec: error: \(message)\n")
  if let help { writeStderr("pipec: help: \(help)\n") }
  return ExitStatus.usage
}

extension String {
  func padding(_ width: Int) -> String {
    count >= width ? self + " " : self + String(repeating: " ", count: width - count)
  }
}
