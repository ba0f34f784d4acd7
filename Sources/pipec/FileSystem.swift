#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// An I/O failure, phrased for the user: `cannot read 'x.config': no such file or directory`.
struct IOError: Error {
  let message: String
}

/// The system's description of an errno, lower-cased to read inside our messages.
func describe(_ code: Int32) -> String {
  guard let text = strerror(code) else { return "error \(code)" }
  return String(cString: text).lowercased()
}

/// Reads a whole file, or standard input for `-`.
func readInput(_ path: String) -> Result<[UInt8], IOError> {
  let fd: Int32 = path == "-" ? 0 : open(path, O_RDONLY | O_CLOEXEC)
  guard fd >= 0 else { return .failure(IOError(message: "cannot read '\(path)': \(describe(errno))")) }
  defer { if fd != 0 { close(fd) } }
  var info = stat()
  if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
    return .failure(IOError(message: "'\(path)' is a directory"))
  }
  var bytes: [UInt8] = []
  if info.st_size > 0 { bytes.reserveCapacity(Int(info.st_size)) }
  var chunk = [UInt8](repeating: 0, count: 1 << 16)
  while true {
    let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
    if n < 0 {
      if errno == EINTR { continue }
      return .failure(IOError(message: "cannot read '\(path)': \(describe(errno))"))
    }
    if n == 0 { break }
    bytes.append(contentsOf: chunk[0..<n])
  }
  return .success(bytes)
}

/// Replaces `path` with `bytes` atomically: a temporary file beside it, then rename.
/// The file keeps its permission bits; on any failure the original is untouched.
func writeAtomically(_ path: String, _ bytes: [UInt8]) -> Result<Void, IOError> {
  var mode: mode_t = 0o644
  var info = stat()
  if stat(path, &info) == 0 { mode = info.st_mode & 0o7777 }
  var template = Array("\(directoryOf(path))/.\(baseName(path)).pipec-XXXXXX".utf8CString)
  let fd = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
    guard let base = buffer.baseAddress else { return -1 }
    return mkstemp(base)
  }
  guard fd >= 0 else { return .failure(IOError(message: "cannot write '\(path)': \(describe(errno))")) }
  let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  let failure = writeFully(fd, bytes)
  if failure != 0 {
    close(fd)
    unlink(temporary)
    return .failure(IOError(message: "cannot write '\(path)': \(describe(failure))"))
  }
  fchmod(fd, mode)
  if fsync(fd) != 0 || close(fd) != 0 {
    let message = describe(errno)
    unlink(temporary)
    return .failure(IOError(message: "cannot write '\(path)': \(message)"))
  }
  guard rename(temporary, path) == 0 else {
    let message = describe(errno)
    unlink(temporary)
    return .failure(IOError(message: "cannot replace '\(path)': \(message)"))
  }
  return .success(())
}

/// Writes all of `bytes` to `fd`, retrying interrupted writes; 0, or the errno that stopped it.
func writeFully(_ fd: Int32, _ bytes: [UInt8]) -> Int32 {
  var offset = 0
  while offset < bytes.count {
    let n = bytes.withUnsafeBytes { raw -> Int in
      guard let base = raw.baseAddress else { return 0 }
      return write(fd, base + offset, raw.count - offset)
    }
    if n < 0 {
      if errno == EINTR { continue }
      return errno
    }
    offset += n
  }
  return 0
}

/// Files to process for a path argument: the file itself, or for a directory
/// every file below it with one of `extensions` (hidden folders skipped), sorted.
func expandPath(_ path: String, extensions: [String]) -> Result<[String], IOError> {
  var info = stat()
  guard path != "-" else { return .success([path]) }
  guard stat(path, &info) == 0 else {
    return .failure(IOError(message: "cannot read '\(path)': \(describe(errno))"))
  }
  guard (info.st_mode & S_IFMT) == S_IFDIR else { return .success([path]) }
  var found: [String] = []
  var pending = [path]
  while let directory = pending.popLast() {
    guard let handle = opendir(directory) else {
      return .failure(IOError(message: "cannot list '\(directory)': \(describe(errno))"))
    }
    defer { closedir(handle) }
    while let entry = readdir(handle) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
      }
      if name.hasPrefix(".") { continue }
      let child = directory.hasSuffix("/") ? directory + name : directory + "/" + name
      var childInfo = stat()
      guard stat(child, &childInfo) == 0 else { continue }
      if (childInfo.st_mode & S_IFMT) == S_IFDIR {
        pending.append(child)
      } else if extensions.contains(where: { name.hasSuffix($0) }) {
        found.append(child)
      }
    }
  }
  return .success(found.sorted())
}

func writeStdout(_ text: String) {
  var text = text
  text.withUTF8 { buffer in writeAll(1, buffer) }
}

func writeStdout(_ bytes: [UInt8]) {
  bytes.withUnsafeBufferPointer { writeAll(1, $0) }
}

func writeStderr(_ text: String) {
  var text = text
  text.withUTF8 { buffer in writeAll(2, buffer) }
}

private func writeAll(_ fd: Int32, _ buffer: UnsafeBufferPointer<UInt8>) {
  guard var base = buffer.baseAddress else { return }
  var remaining = buffer.count
  while remaining > 0 {
    let n = write(fd, base, remaining)
    if n < 0 {
      if errno == EINTR { continue }
      return
    }
    base += n
    remaining -= n
  }
}

func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

/// The process environment as a dictionary.
func environment() -> [String: String] {
  var result: [String: String] = [:]
  var pointer = environ
  while let entry = pointer.pointee {
    let pair = String(cString: entry)
    if let equals = pair.firstIndex(of: "=") {
      result[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
    }
    pointer += 1
  }
  return result
}

/// Whether anything (a file, a directory, a dangling link) exists at `path`.
func pathExists(_ path: String) -> Bool {
  var info = stat()
  return lstat(path, &info) == 0
}
