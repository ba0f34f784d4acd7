#if canImport(Glibc)
  import Glibc
#endif
import Diagnostics
import Lint

/// Finds and reads `.pipec.config` files, walking up from each checked file;
/// each file is read and reported once per run.
struct ProjectFiles {
  private var byDirectory: [String: ProjectSettings] = [:]

  /// The settings that apply to `path` (empty when no `.pipec.config` is found above it).
  mutating func settings(for path: String, reporter: inout Reporter) -> ProjectSettings {
    var directory = absolutePath(path == "-" ? "." : directoryOf(path))
    var visited: [String] = []
    var found = ProjectSettings()
    while true {
      if let known = byDirectory[directory] {
        found = known
        break
      }
      visited.append(directory)
      let candidate = directory + "/" + ProjectSettings.fileName
      if case .success(let bytes) = readInput(candidate) {
        let id = reporter.sources.add(path: candidate, bytes: bytes)
        let (settings, diagnostics) = loadProjectSettings(reporter.sources[id])
        reporter.add(diagnostics)
        found = settings
        break
      }
      guard let parent = parent(of: directory) else { break }
      directory = parent
    }
    for directory in visited { byDirectory[directory] = found }
    return found
  }

  /// One level up of an absolute path; nil at the root.
  private func parent(of directory: String) -> String? {
    guard directory != "/", let slash = directory.lastIndex(of: "/") else { return nil }
    let head = String(directory[..<slash])
    return head.isEmpty ? "/" : head
  }
}

/// The absolute, symlink-free form of `path`, or `path` when it cannot be resolved.
func absolutePath(_ path: String) -> String {
  guard let resolved = realpath(path, nil) else { return path }
  defer { free(resolved) }
  return String(cString: resolved)
}
