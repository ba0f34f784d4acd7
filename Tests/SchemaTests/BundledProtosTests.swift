import Testing

@testable import Schema

#if canImport(Glibc)
  import Glibc
#endif

/// `Sources/Schema/BundledProtos.swift` is generated from `Sources/Schema/Protos`;
/// this golden keeps the two equal. `UPDATE_GOLDEN=1 swift test` rewrites it.
@Test func bundledProtosMatchProtoFiles() throws {
  let root = packageRoot() + "/Sources/Schema"
  let protoRoot = root + "/Protos"
  let paths = listProtoFiles(under: protoRoot)
  #expect(paths.count == 34, "expected the 34 schema files, found \(paths.count)")
  var files: [(path: String, text: String)] = []
  for path in paths {
    let bytes = try #require(readBytes(protoRoot + "/" + path), "cannot read \(path)")
    files.append((path, String(decoding: bytes, as: UTF8.self)))
  }
  let expected = renderBundledProtos(files)
  let target = root + "/BundledProtos.swift"
  let actual = readBytes(target).map { String(decoding: $0, as: UTF8.self) }
  if actual != expected, getenv("UPDATE_GOLDEN") != nil {
    try #require(writeBytes(target, Array(expected.utf8)), "cannot write \(target)")
    return
  }
  // A Bool, so that a failure does not print both 90 kB files.
  let upToDate = actual == expected
  #expect(
    upToDate,
    "Sources/Schema/BundledProtos.swift is out of date with Sources/Schema/Protos; run UPDATE_GOLDEN=1 swift test")
  // And what is compiled in is what is on disk.
  #expect(bundledProtos.map(\.path) == files.map(\.path))
  let stale = zip(bundledProtos, files).filter { $0.0.text != $0.1.text }.map(\.1.path)
  #expect(stale.isEmpty, "compiled-in text differs from the file: \(stale)")
}

@Test func rawStringDelimiterAvoidsTheText() {
  let text = "a \"\"\"# b \\# c\n"
  let rendered = renderBundledProtos([("x.proto", text)])
  #expect(rendered.contains("##\"\"\"\n"))
}

/// The generated Swift source holding `files` as raw multi-line string literals.
func renderBundledProtos(_ files: [(path: String, text: String)]) -> String {
  var out = """
    // Generated from Sources/Schema/Protos by Tests/SchemaTests/BundledProtosTests.swift; do not edit.
    // After changing a .proto file, regenerate with: UPDATE_GOLDEN=1 swift test --filter SchemaTests

    /// The schema's `.proto` files, by import path, compiled into the binary so
    /// that pipec needs no files at run time.
    package let bundledProtos: [BundledProto] = [

    """
  for file in files {
    // Enough `#`s that neither the closing delimiter nor an escape occurs in the text.
    var hashes = "#"
    while file.text.contains("\"\"\"" + hashes) || file.text.contains("\\" + hashes) { hashes += "#" }
    // The newline before the closing delimiter is not part of the literal.
    let body = file.text + "\n"
    out += "  BundledProto(\n"
    out += "    path: \"\(file.path)\",\n"
    out += "    text: \(hashes)\"\"\"\n\(body)\"\"\"\(hashes)),\n"
  }
  out += "]\n"
  return out
}

func packageRoot() -> String {
  var path = #filePath
  for _ in 0..<3 { path = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)]) }
  return path
}

func listProtoFiles(under directory: String) -> [String] {
  var found: [String] = []
  var pending = [""]
  while let relative = pending.popLast() {
    guard let handle = opendir(relative.isEmpty ? directory : directory + "/" + relative) else { continue }
    while let entry = readdir(handle) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name.hasPrefix(".") { continue }
      let child = relative.isEmpty ? name : relative + "/" + name
      if entry.pointee.d_type == UInt8(DT_DIR) {
        pending.append(child)
      } else if name.hasSuffix(".proto") {
        found.append(child)
      }
    }
    closedir(handle)
  }
  return found.sorted()
}

func readBytes(_ path: String) -> [UInt8]? {
  guard let handle = fopen(path, "rb") else { return nil }
  defer { fclose(handle) }
  var bytes: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: 1 << 16)
  while true {
    let n = fread(&chunk, 1, chunk.count, handle)
    if n == 0 { break }
    bytes += chunk[0..<n]
  }
  return bytes
}

func writeBytes(_ path: String, _ bytes: [UInt8]) -> Bool {
  guard let handle = fopen(path, "wb") else { return false }
  defer { fclose(handle) }
  return fwrite(bytes, 1, bytes.count, handle) == bytes.count
}
