import Diagnostics
/// The record of an expansion: every trial with its assignments, file and
/// content hash, as `manifest.json` and `manifest.csv` (one column per axis).
package struct Manifest: Sendable {
  package var source: String
  package var strategy: String
  package var labels: [String]
  package var rows: [ExpandedPoint] = []

  package init(source: String, study: Study) {
    self.source = source
    strategy = study.strategy.name
    labels = study.dimensions.map(\.label)
  }

  package var json: String {
    var out = "{\n  \"sweep\": \(JSONValue.quoted(source)),\n  \"strategy\": \(JSONValue.quoted(strategy)),\n"
    out += "  \"points\": \(rows.count),\n  \"configs\": \(rows.filter { $0.duplicateOf == nil }.count),\n"
    out += "  \"trials\": ["
    for (i, row) in rows.enumerated() {
      out += i == 0 ? "\n" : ",\n"
      out += "    {\"trial\": \(row.trial), \"file\": \(JSONValue.quoted(row.fileName)), \"sha256\": \(JSONValue.quoted(row.sha256)), "
      if let original = row.duplicateOf { out += "\"duplicate_of\": \(original), " }
      out += "\"assignments\": {"
      out += row.assignments.map { "\(JSONValue.quoted($0.label)): \(JSONValue.quoted($0.value))" }.joined(separator: ", ")
      out += "}}"
    }
    out += rows.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
    return out
  }

  package var csv: String {
    var out = (["trial", "file", "sha256", "duplicate_of"] + labels).map(csvField).joined(separator: ",") + "\n"
    for row in rows {
      var fields = [String(row.trial), row.fileName, row.sha256, row.duplicateOf.map(String.init) ?? ""]
      for label in labels { fields.append(row.assignments.first { $0.label == label }?.value ?? "") }
      out += fields.map(csvField).joined(separator: ",") + "\n"
    }
    return out
  }

  /// The table `--dry-run` prints: trial, then one column per axis.
  package var table: String {
    let header = ["trial"] + labels
    var lines = rows.map { row in
      [String(row.trial) + (row.duplicateOf.map { " (= \($0))" } ?? "")]
        + labels.map { label in row.assignments.first { $0.label == label }?.value ?? "-" }
    }
    lines.insert(header, at: 0)
    let widths = header.indices.map { c in lines.map { $0[c].count }.max() ?? 0 }
    return lines.map { line in
      line.enumerated().map { c, cell in
        c == line.count - 1 ? cell : cell + String(repeating: " ", count: widths[c] - cell.count)
      }.joined(separator: "  ")
    }.joined(separator: "\n") + "\n"
  }
}


private func csvField(_ text: String) -> String {
  guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
  return "\"" + text.replacingOccurrences("\"", "\"\"") + "\""
}

extension String {
  fileprivate func replacingOccurrences(_ target: Character, _ replacement: String) -> String {
    var out = ""
    for c in self { if c == target { out += replacement } else { out.append(c) } }
    return out
  }
}
