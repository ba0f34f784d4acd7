import Foundation
import Testing

/// The package root, found from this file.
let packageRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The `pipec` built for this test run (SwiftPM puts it beside the test bundle).
func pipecBinary() -> URL {
  Bundle.main.bundleURL.appendingPathComponent("pipec")
}

struct RunResult {
  var status: Int32
  var stdout: String
  var stderr: String
}

/// Runs `pipec` with `arguments` in `directory`, feeding `stdin`; NO_COLOR is set.
func runPipec(_ arguments: [String], stdin: String? = nil, in directory: URL = packageRoot) throws -> RunResult {
  let process = Process()
  process.executableURL = pipecBinary()
  process.arguments = arguments
  process.currentDirectoryURL = directory
  var environment = ProcessInfo.processInfo.environment
  environment["NO_COLOR"] = "1"
  process.environment = environment
  let out = Pipe()
  let err = Pipe()
  let input = Pipe()
  process.standardOutput = out
  process.standardError = err
  process.standardInput = input
  try process.run()
  if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
  try input.fileHandleForWriting.close()
  let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
  let stderrData = err.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return RunResult(
    status: process.terminationStatus,
    stdout: String(decoding: stdoutData, as: UTF8.self),
    stderr: String(decoding: stderrData, as: UTF8.self))
}

/// A fresh temporary directory, removed by the caller.
func temporaryDirectory() throws -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent("pipec-cli-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}
