import Foundation
import Testing

@testable import Stdlib

/// The package root, found from this file.
let packageRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The files of `stdlib-configs/`, by name, sorted: what the binary must bundle.
func stdlibFiles() throws -> [(name: String, text: String)] {
  let directory = packageRoot.appendingPathComponent("stdlib-configs")
  let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
    .filter { $0.hasSuffix(".config") && !$0.hasPrefix(".") }.sorted()
  return try names.map { file in
    let data = try Data(contentsOf: directory.appendingPathComponent(file))
    return (String(file.dropLast(".config".count)), String(decoding: data, as: UTF8.self))
  }
}

/// `Sources/Stdlib/BundledStdlib.swift` is generated from `stdlib-configs/`;
/// this golden keeps the two equal. `UPDATE_GOLDEN=1 swift test` rewrites it.
@Test func bundledStdlibMatchesStdlibConfigs() throws {
  let files = try stdlibFiles()
  #expect(files.count >= 11, "expected the eleven standard pipelines, found \(files.count)")
  let expected = renderBundledStdlib(files)
  let target = packageRoot.appendingPathComponent("Sources/Stdlib/BundledStdlib.swift")
  let actual = (try? Data(contentsOf: target)).map { String(decoding: $0, as: UTF8.self) }
  if actual != expected, ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] != nil {
    try Data(expected.utf8).write(to: target, options: .atomic)
    return
  }
  // A Bool, so that a failure does not print both files.
  let upToDate = actual == expected
  #expect(
    upToDate,
    "Sources/Stdlib/BundledStdlib.swift is out of date with stdlib-configs/; run UPDATE_GOLDEN=1 swift test --filter StdlibTests")
  // And what is compiled in is what is on disk.
  #expect(Stdlib.names == files.map(\.name))
  let stale = zip(Stdlib.configs, files).filter { $0.0.text != $0.1.text }.map(\.1.name)
  #expect(stale.isEmpty, "compiled-in text differs from the file: \(stale)")
}

@Test func rawStringDelimiterAvoidsTheText() {
  let rendered = renderBundledStdlib([("x", "a \"\"\"# b \\# c\n")])
  #expect(rendered.contains("##\"\"\"\n"))
}

/// The generated Swift source holding `files` as raw multi-line string literals.
func renderBundledStdlib(_ files: [(name: String, text: String)]) -> String {
  var out = """
    // Generated from stdlib-configs/ by Tests/StdlibTests/BundledStdlibTests.swift; do not edit.
    // After changing a config there, regenerate with: UPDATE_GOLDEN=1 swift test --filter StdlibTests

    /// The standard pipelines, sorted by name, compiled into the binary so that
    /// `stdlib:NAME` and `pipec new NAME` need no files at run time.
    let bundledStdlibConfigs: [StdlibConfig] = [

    """
  for file in files {
    // Enough `#`s that neither the closing delimiter nor an escape occurs in the text.
    var hashes = "#"
    while file.text.contains("\"\"\"" + hashes) || file.text.contains("\\" + hashes) { hashes += "#" }
    // The newline before the closing delimiter is not part of the literal.
    out += "  StdlibConfig(\n"
    out += "    name: \"\(file.name)\",\n"
    out += "    text: \(hashes)\"\"\"\n\(file.text)\n\"\"\"\(hashes)),\n"
  }
  out += "]\n"
  return out
}
