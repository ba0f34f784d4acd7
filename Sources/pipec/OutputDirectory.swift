#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

// The output directory of `pipec expand`: filled in a temporary directory
// beside it, then renamed into place, so a failed run leaves it as it was.

/// A new empty directory beside `path` (same file system, so rename works).
func makeStagingDirectory(beside path: String) -> Result<String, IOError> {
  let trimmed = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
  var template = Array("\(trimmed).pipec-XXXXXX".utf8CString)
  let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
    guard let base = buffer.baseAddress else { return false }
    return mkdtemp(base) != nil
  }
  guard made else { return .failure(IOError(message: "cannot create a directory beside '\(path)': \(describe(errno))")) }
  return .success(String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
}

/// Writes a new file (no temporary: the whole directory is the unit of atomicity).
func writeNew(_ path: String, _ bytes: [UInt8]) -> Result<Void, IOError> {
  let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
  guard fd >= 0 else { return .failure(IOError(message: "cannot write '\(path)': \(describe(errno))")) }
  let failure = writeFully(fd, bytes)
  if failure != 0 {
    close(fd)
    return .failure(IOError(message: "cannot write '\(path)': \(describe(failure))"))
  }
  guard close(fd) == 0 else { return .failure(IOError(message: "cannot write '\(path)': \(describe(errno))")) }
  return .success(())
}

/// Removes `path` and, for a directory, everything under it; symbolic links are
/// removed, never followed. For a failed run's staging directory, and for the old DIR
/// that `--force` replaces, which may hold more than a previous expansion (a file,
/// subdirectories).
func removeTree(_ path: String) {
  var info = stat()
  guard lstat(path, &info) == 0 else { return }
  guard info.st_mode & S_IFMT == S_IFDIR else {
    unlink(path)
    return
  }
  if let handle = opendir(path) {
    var names: [String] = []
    while let entry = readdir(handle) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
      }
      if name != "." && name != ".." { names.append(name) }
    }
    closedir(handle)
    for name in names { removeTree(path + "/" + name) }
  }
  rmdir(path)
}

/// Puts `staging` at `path`; an existing `path` is moved aside first and removed after.
func replaceDirectory(_ path: String, with staging: String) -> Result<Void, IOError> {
  if pathExists(path) {
    guard case .success(let aside) = makeStagingDirectory(beside: path) else {
      return .failure(IOError(message: "cannot replace '\(path)': \(describe(errno))"))
    }
    rmdir(aside)
    guard rename(path, aside) == 0 else { return .failure(IOError(message: "cannot replace '\(path)': \(describe(errno))")) }
    guard rename(staging, path) == 0 else {
      let message = describe(errno)
      rename(aside, path)
      return .failure(IOError(message: "cannot replace '\(path)': \(message)"))
    }
    // Whatever `path` was (a file, a tree), it is gone once replaced: nothing is left beside it.
    removeTree(aside)
    return .success(())
  }
  guard rename(staging, path) == 0 else { return .failure(IOError(message: "cannot create '\(path)': \(describe(errno))")) }
  return .success(())
}
