#if canImport(Glibc)
import Glibc
#endif
import Diagnostics
import Schema

/// The schema of a run: the bundled one, or a team's own `.proto` files.
///
/// A broken user schema is reported (rendered against its own source map) and
/// ends the run with the usage status, since nothing can be checked against it.
func selectSchema(protoPath: [String]) -> Schema? {
  guard !protoPath.isEmpty else { return Schema.bundled() }
  let load: SchemaLoad
  do {
    load = try Schema.load(protoPath: protoPath)
  } catch {
    writeStderr("pipec: error: \(error.message)\n")
    return nil
  }
  if !load.diagnostics.isEmpty {
    let color = shouldUseColor(isTerminal: isTerminal(2), environment: environment())
    // A proto path that holds the API's files at its top level makes every bundled import
    // clash with them: show a few of the resulting errors and say what is wrong.
    let misplaced = load.diagnostics.hasErrors ? protoPath.filter(holdsProtosAtTopLevel) : []
    let shown = misplaced.isEmpty ? load.diagnostics : Array(load.diagnostics.prefix(3))
    writeStderr(DiagnosticRenderer.render(shown, in: load.sources, as: .text, options: RenderOptions(color: color)))
    if load.diagnostics.hasErrors {
      if shown.count < load.diagnostics.count {
        writeStderr("pipec: \(load.diagnostics.count - shown.count) more diagnostics like these not shown\n")
      }
      writeStderr("pipec: error: the schema in \(protoPath.joined(separator: ", ")) has errors; nothing was checked\n")
      for directory in misplaced {
        let root = importRoot(forProtosDirectory: directory).map { "('--proto-path \($0)')" }
          ?? "(or move the files to '\(directory)/object_detection/protos/')"
        writeStderr("  = hint: '\(directory)' holds pipeline.proto itself, but the API's imports name "
                    + "'object_detection/protos/…', read relative to --proto-path: give the directory "
                    + "that holds 'object_detection/' \(root)\n")
      }
      return nil
    }
  }
  return load.schema
}

/// Whether `directory` holds the Object Detection API's `.proto` files at its top level
/// rather than under `object_detection/protos/`.
private func holdsProtosAtTopLevel(_ directory: String) -> Bool {
  access(directory + "/pipeline.proto", F_OK) == 0 && access(directory + "/object_detection", F_OK) != 0
}

/// The import root for `directory` when it is an `object_detection/protos` directory itself:
/// the directory two levels up.
private func importRoot(forProtosDirectory directory: String) -> String? {
  guard let resolved = realpath(directory, nil) else { return nil }
  defer { free(resolved) }
  let parts = String(cString: resolved).split(separator: "/").map(String.init)
  guard parts.count >= 2, parts[parts.count - 1] == "protos", parts[parts.count - 2] == "object_detection"
  else { return nil }
  return "/" + parts.dropLast(2).joined(separator: "/")
}

/// The message a file is checked as: `--type`, else by extension (`*.pbtxt` are label maps).
func rootMessage(for path: String, type: String?, in schema: Schema) -> Result<MessageID, UsageError> {
  let name: String
  switch type {
  case nil:
    name = path.hasSuffix(".pbtxt") ? Schema.labelMapRoot : Schema.pipelineRoot
  case "pipeline"?:
    name = Schema.pipelineRoot
  case "labelmap"?, "label-map"?:
    name = Schema.labelMapRoot
  case let full?:
    name = full.contains(".") ? full : "object_detection.protos." + full
  }
  guard let id = schema.message(named: name) else {
    let hint = nearestMessage(name, in: schema).map { " (did you mean '\($0)'?)" } ?? ""
    return .failure(UsageError(message: "the schema has no message '\(name)'\(hint)"))
  }
  return .success(id)
}

private func nearestMessage(_ name: String, in schema: Schema) -> String? {
  closestMatch(name, in: schema.messages.map(\.fullName))
}
