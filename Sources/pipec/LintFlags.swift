import Lint
import Plan
import Synchronization

/// The command-line options that shape lint runs (`--target`, `--device-memory`),
/// shared by `pipec check` and `pipec expand`, so a sweep's points are linted as the
/// same configs checked one by one would be.
struct LintFlags {
  var target: Target?
  var deviceMemory: Int?

  /// Reads the flags; a usage message when `--device-memory` is not a size.
  static func parse(_ arguments: ParsedArguments) -> Result<LintFlags, UsageError> {
    var flags = LintFlags(target: arguments.value("--target").flatMap(Target.init(rawValue:)))
    if let text = arguments.value("--device-memory") {
      guard let bytes = Units.parseBytes(text), bytes > 0 else {
        return .failure(UsageError(message: "--device-memory needs a size such as 16GiB, not '\(text)'"))
      }
      flags.deviceMemory = bytes
    }
    return .success(flags)
  }

  /// The options for linting the file at `path` (a config or a sweep): the flags over
  /// its project's settings, and label maps read relative to its directory.
  func options(for path: String, project: ProjectSettings, files: FileCache = FileCache()) -> LintOptions {
    LintOptions(
      target: target ?? project.target, configDirectory: path == "-" ? nil : directoryOf(path),
      readFile: { files.read($0) }, disabled: project.disabled, severities: project.severities,
      deviceMemory: deviceMemory, memoryEstimator: deviceMemory == nil ? nil : plannerMemory)
  }
}

/// Files read for lint rules (label maps), each read once however many configs name
/// it: a sweep's points are linted on several threads and usually share one label map.
final class FileCache: Sendable {
  private let files = Mutex<[String: [UInt8]?]>([:])

  /// The bytes of `path`; nil when it cannot be read.
  func read(_ path: String) -> [UInt8]? {
    if let known = files.withLock({ $0[path] }) { return known }
    let bytes: [UInt8]?
    if case .success(let read) = readInput(path) { bytes = read } else { bytes = nil }
    files.withLock { $0[path] = bytes }
    return bytes
  }
}
