import Diagnostics
import Schema

/// The schema of a run: the bundled one, or a team's own `.proto` files.
///
/// A broken user schema is reported (rendered against its own source map) and
/// ends the run with the usage status, since nothing can be checked against it.
func selectSchema(protoPath: [String]) -> Schema? {
  guard !protoPath.isEmpty else { return Schema.bundled().0 }
  let load: SchemaLoad
  do {
    load = try Schema.load(protoPath: protoPath)
  } catch {
    writeStderr("pipec: error: \(error.message)\n")
    return nil
  }
  if !load.diagnostics.isEmpty {
    let color = shouldUseColor(isTerminal: isTerminal(2), environment: environment())
    writeStderr(DiagnosticRenderer.render(load.diagnostics, in: load.sources, as: .text, options: RenderOptions(color: color)))
    if load.diagnostics.hasErrors {
      writeStderr("pipec: error: the schema in \(protoPath.joined(separator: ", ")) has errors; nothing was checked\n")
      return nil
    }
  }
  return load.schema
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
