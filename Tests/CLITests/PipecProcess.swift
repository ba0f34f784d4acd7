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
  ignoreBrokenPipes
  try process.run()
  // stderr is drained on another thread, so a child that fills one pipe while the test reads
  // the other cannot block both.
  let stderrData = PipeContents()
  let drained = DispatchSemaphore(value: 0)
  DispatchQueue.global().async {
    stderrData.data = err.fileHandleForReading.readDataToEndOfFile()
    drained.signal()
  }
  // A child that exits before reading its input (a usage error) closes the pipe: the write
  // then fails with EPIPE, which is not the test's concern.
  if let stdin { try? input.fileHandleForWriting.write(contentsOf: Data(stdin.utf8)) }
  try? input.fileHandleForWriting.close()
  let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
  drained.wait()
  process.waitUntilExit()
  return RunResult(
    status: process.terminationStatus,
    stdout: String(decoding: stdoutData, as: UTF8.self),
    stderr: String(decoding: stderrData.data, as: UTF8.self))
}

/// Bytes read from a pipe on another thread, handed over after a semaphore.
private final class PipeContents: @unchecked Sendable {
  var data = Data()
}

/// Writing to a child that has exited raises SIGPIPE, which would end the whole test run;
/// ignored once, the write reports EPIPE instead.
private let ignoreBrokenPipes: Void = {
  signal(SIGPIPE, SIG_IGN)
}()

/// A fresh temporary directory, removed by the caller.
func temporaryDirectory() throws -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent("pipec-cli-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}
