import Foundation
import Testing

/// The pipec commands that `examples/ci/` runs, with their arguments.
private func ciCommands() throws -> [[String]] {
  var commands: [[String]] = []
  for file in ["pipec.yml", ".pre-commit-config.yaml", ".pre-commit-hooks.yaml"] {
    let text = try String(contentsOf: packageRoot.appendingPathComponent("examples/ci/" + file), encoding: .utf8)
    for line in text.split(separator: "\n") {
      let trimmed = line.drop { $0 == " " || $0 == "-" }
      // Workflow steps (`run: pipec ...`) and hook entries (`entry: pipec ...`).
      for key in ["run: pipec ", "entry: pipec "] where trimmed.hasPrefix(key) {
        commands.append(trimmed.dropFirst(key.count - "pipec ".count).split(separator: " ").map(String.init))
      }
    }
  }
  return commands
}

/// Every command of the CI examples exists, takes those options, and passes on
/// the configs pipec ships (which are valid and formatted).
@Test func ciExamplesRunRealCommands() throws {
  let commands = try ciCommands()
  #expect(commands.count == 7, "\(commands)")
  for command in commands where command.first == "pipec" {
    var arguments = Array(command.dropFirst()).filter { $0 != "$CONFIGS" }
    if arguments.contains("--write") { continue }  // would rewrite the repository's files
    arguments += ["stdlib-configs", "examples/quickstart"]
    let result = try runPipec(arguments)
    #expect(result.status == 0, "pipec \(arguments.joined(separator: " ")): \(result.stderr)")
  }
}
