import Diagnostics

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// One `.proto` file compiled into the binary (see `BundledProtos.swift`).
package struct BundledProto: Sendable {
  /// The import path, `object_detection/protos/train.proto`.
  package let path: String
  package let text: String

  package init(path: String, text: String) {
    self.path = path
    self.text = text
  }
}

/// A schema with everything needed to report on it.
package struct SchemaLoad: Sendable {
  package var schema: Schema
  /// Problems in the `.proto` files; spans point into `sources`.
  package var diagnostics: [Diagnostic]
  /// The `.proto` files read, shown under their paths.
  package var sources: SourceMap
}

/// A failure to read what the user asked for (not a mistake inside a `.proto` file).
package struct SchemaLoadError: Error, Sendable, Equatable {
  package var message: String
}

extension Schema {
  /// Import paths loaded when no files are named: the roots of configs and label maps.
  package static let standardRoots = [
    "object_detection/protos/pipeline.proto",
    "object_detection/protos/string_int_label_map.proto",
  ]

  /// The schema built into pipec, loaded once per process. Its files have no diagnostics
  /// (`loadBundled()` returns them; a test checks there are none).
  package static func bundled() -> Schema { cachedBundled.schema }

  private static let cachedBundled = loadBundled()

  /// Parses and resolves every bundled `.proto` file afresh (`bundled()` caches this).
  package static func loadBundled() -> SchemaLoad {
    var sources = SourceMap()
    var diagnostics: [Diagnostic] = []
    let schema = load(
      roots: bundledProtos.map(\.path), sources: &sources, diagnostics: &diagnostics, searchPath: ["<bundled>"]
    ) { path in
      bundledProto(path).map { .found(displayPath: path, bytes: Array($0.text.utf8)) } ?? .missing
    }
    return SchemaLoad(schema: schema, diagnostics: diagnostics, sources: sources)
  }

  /// Loads a user's `.proto` files from the directories of `protoPath` (`--proto-path DIR`).
  ///
  /// `files` are import paths (relative to a directory of `protoPath`; a path
  /// starting with one of the directories is made relative to it). When nil,
  /// every `.proto` under the directories is loaded, plus the standard roots.
  /// Imports are looked up in `protoPath` in order, then, when
  /// `fallbackToBundled`, among the bundled files, so a directory holding only a
  /// forked `train.proto` overrides just that file. Throws only for I/O problems
  /// with what was asked for: a directory that is not one, a named file not found.
  package static func load(
    protoPath: [String], files: [String]? = nil, fallbackToBundled: Bool = true
  ) throws(SchemaLoadError) -> SchemaLoad {
    var sources = SourceMap()
    var diagnostics: [Diagnostic] = []
    let schema = try load(
      protoPath: protoPath, files: files, fallbackToBundled: fallbackToBundled, sources: &sources,
      diagnostics: &diagnostics)
    return SchemaLoad(schema: schema, diagnostics: diagnostics, sources: sources)
  }

  /// As `load(protoPath:files:fallbackToBundled:)`, adding the files read to the
  /// caller's `sources` (so the CLI renders schema and config diagnostics together).
  package static func load(
    protoPath: [String], files: [String]?, fallbackToBundled: Bool = true, sources: inout SourceMap,
    diagnostics: inout [Diagnostic]
  ) throws(SchemaLoadError) -> Schema {
    let directories = protoPath.map { $0.count > 1 && $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
    for directory in directories where !isDirectory(directory) {
      throw SchemaLoadError(message: "proto path '\(directory)' is not a directory")
    }
    let lookup: (String) -> ProtoLookup = { path in
      for directory in directories {
        let candidate = directory + "/" + path
        if let bytes = readFile(candidate) { return .found(displayPath: candidate, bytes: bytes) }
        if fileExists(candidate) { return .unreadable(displayPath: candidate) }
      }
      if fallbackToBundled, let proto = bundledProto(path) {
        return .found(displayPath: path, bytes: Array(proto.text.utf8))
      }
      return .missing
    }
    var roots: [String] = []
    if let files {
      for file in files {
        var path = file
        for directory in directories where path.hasPrefix(directory + "/") {
          path = String(path.dropFirst(directory.count + 1))
          break
        }
        guard case .found = lookup(path) else {
          throw SchemaLoadError(
            message: "cannot find '\(file)' in the proto path (\(directories.joined(separator: ", ")))")
        }
        roots.append(path)
      }
    } else {
      for directory in directories { roots += protoFiles(under: directory) }
      roots += standardRoots
    }
    let searchPath = directories + (fallbackToBundled ? ["<bundled>"] : [])
    return load(roots: roots, sources: &sources, diagnostics: &diagnostics, searchPath: searchPath, lookup: lookup)
  }

  /// The result of looking an import path up.
  package enum ProtoLookup {
    case found(displayPath: String, bytes: [UInt8])
    case unreadable(displayPath: String)
    case missing
  }

  /// Loads `roots` and everything they import through `lookup`, adding each file to `sources`.
  ///
  /// The general entry point (tests give an in-memory `lookup`). `searchPath`
  /// is only listed in `import-not-found` messages.
  package static func load(
    roots: [String], sources: inout SourceMap, diagnostics: inout [Diagnostic], searchPath: [String],
    lookup: (String) -> ProtoLookup
  ) -> Schema {
    var loader = ImportGraphLoader(searchPath: searchPath)
    for root in roots { loader.visit(root, from: nil, lookup: lookup, sources: &sources, diagnostics: &diagnostics) }
    return SchemaBuilder.build(
      loader.parsed, sources: sources, filesMissingImports: loader.filesMissingImports, diagnostics: &diagnostics)
  }
}

/// Depth-first walk over imports, producing files dependencies first.
private struct ImportGraphLoader {
  enum State { case inProgress, done, failed }

  let searchPath: [String]
  var state: [String: State] = [:]
  var stack: [String] = []
  var parsed: [ProtoFile] = []
  var filesMissingImports: Set<Int> = []

  init(searchPath: [String]) {
    self.searchPath = searchPath
  }

  /// Loads `path`; false if it (or the cycle it closes) could not be loaded.
  @discardableResult
  mutating func visit(
    _ path: String, from site: ProtoImport?, lookup: (String) -> Schema.ProtoLookup,
    sources: inout SourceMap, diagnostics: inout [Diagnostic]
  ) -> Bool {
    switch state[path] {
    case .done: return true
    case .failed: return false
    case .inProgress:
      if let site {
        let cycle = (stack.drop { $0 != path } + [path]).joined(separator: " -> ")
        diagnostics.append(.error(.importCycle, at: site.span, "import cycle: \(cycle)"))
      }
      return false
    case nil: break
    }
    let bytes: [UInt8]
    let displayPath: String
    switch lookup(path) {
    case .found(let shown, let contents):
      bytes = contents
      displayPath = shown
    case .unreadable(let shown):
      state[path] = .failed
      if let site {
        diagnostics.append(.error(.unreadableProto, at: site.span, "cannot read '\(shown)'"))
      }
      return false
    case .missing:
      state[path] = .failed
      if let site, site.kind != .weak {
        diagnostics.append(.error(
          .importNotFound, at: site.span, "import \"\(path)\" not found",
          notes: [Note("searched: \(searchPath.joined(separator: ", "))")]))
      }
      return false
    }
    state[path] = .inProgress
    stack.append(path)
    let id = sources.add(path: displayPath, bytes: bytes)
    let file = ProtoParser.parse(sources[id], importPath: path, diagnostics: &diagnostics)
    var complete = true
    for item in file.imports where !visit(
      item.path, from: item, lookup: lookup, sources: &sources, diagnostics: &diagnostics) {
      complete = false
    }
    stack.removeLast()
    state[path] = .done
    if !complete { filesMissingImports.insert(parsed.count) }
    parsed.append(file)
    return true
  }
}

private func bundledProto(_ path: String) -> BundledProto? {
  bundledProtos.first { $0.path == path }
}

// MARK: File system

private func isDirectory(_ path: String) -> Bool {
  var info = stat()
  return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
}

private func fileExists(_ path: String) -> Bool {
  var info = stat()
  return stat(path, &info) == 0
}

private func readFile(_ path: String) -> [UInt8]? {
  let fd = open(path, O_RDONLY | O_CLOEXEC)
  guard fd >= 0 else { return nil }
  defer { close(fd) }
  var info = stat()
  guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
  var bytes: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: 1 << 16)
  while true {
    let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
    if n < 0 {
      if errno == EINTR { continue }
      return nil
    }
    if n == 0 { break }
    bytes.append(contentsOf: chunk[0..<n])
  }
  return bytes
}

/// Import paths of every `.proto` under `directory`, sorted, skipping hidden entries.
private func protoFiles(under directory: String) -> [String] {
  var found: [String] = []
  var pending = [""]
  while let relative = pending.popLast() {
    let path = relative.isEmpty ? directory : directory + "/" + relative
    guard let handle = opendir(path) else { continue }
    while let entry = readdir(handle) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name.hasPrefix(".") { continue }
      let child = relative.isEmpty ? name : relative + "/" + name
      if isDirectory(directory + "/" + child) {
        pending.append(child)
      } else if name.hasSuffix(".proto") {
        found.append(child)
      }
    }
    closedir(handle)
  }
  return found.sorted()
}
