import Check
import Diagnostics
import Lint
import Schema
import Syntax

/// Writes one point's file (the name as in `ExpandedPoint.fileName`) and returns
/// nil, or why it could not. Called on the worker threads, in no set order.
package typealias PointWriter = @Sendable (_ fileName: String, _ bytes: [UInt8]) -> String?

package struct ExpandOptions: Sendable {
  /// Studies with more points are refused (`too-many-points`): a typo'd grid can mean a million configs.
  package var maxPoints = 10_000
  /// The lint rules' options for every point, which is linted after the schema check.
  package var lintOptions = LintOptions()
  /// Produce each point's file (expand); false for `check` and dry runs.
  package var produceFiles = true
  /// The sweep file as named in each config's header.
  package var sourceName: String
  /// Threads that check and print points (the output does not depend on it): one per core, at most 2.
  package var workers = defaultWorkers()
  /// Points rendered, checked and emitted together: what memory holds beyond one row per point.
  package var chunkSize = 64
  /// Writes each distinct point's file as soon as it is printed, on the worker
  /// that printed it, so writing overlaps checking; nil leaves writing to `emit`.
  package var write: PointWriter?

  package init(sourceName: String, maxPoints: Int = 10_000, produceFiles: Bool = true) {
    self.sourceName = sourceName
    self.maxPoints = maxPoints
    self.produceFiles = produceFiles
  }
}

/// One point as expansion emits it, in trial order.
package struct ExpandedPoint: Sendable {
  package var trial: Int
  package var assignments: [(label: String, value: String)]
  /// `03-optimizer-adam__momentum_optimizer_value-0.5.config`; for a duplicate, the file of the point it equals.
  package var fileName: String
  /// The config (header included); empty for a duplicate or when files are not produced.
  package var bytes: [UInt8]
  /// SHA-256 of `bytes` (of the original's, for a duplicate).
  package var sha256: String
  /// The earlier trial whose config this point's equals.
  package var duplicateOf: Int?
  /// Why `ExpandOptions.write` could not write this point's file.
  package var writeError: String? = nil
}

package struct ExpansionSummary: Sendable {
  package var points = 0
  package var distinct = 0
}

extension Study {
  /// Expands every point: fills it in, prints it, checks it (schema, then
  /// `lintOptions`), and hands it to `emit`, one at a time, so memory does not
  /// grow with the number of points beyond one row per point.
  ///
  /// A problem found in some points is reported once, at the place in the
  /// sweep file or base that caused it, prefixed with the assignments that
  /// trigger it (`with batch_size=16 and optimizer=adam: …`) or the trials.
  /// Points whose configs are identical are merged into the first and reported.
  package func expand(
    _ options: ExpandOptions, diagnostics: inout [Diagnostic], emit: (ExpandedPoint) -> Void
  ) -> ExpansionSummary {
    var summary = ExpansionSummary()
    guard let count = pointCount, count <= options.maxPoints else {
      let sizes = dimensions.map { "\($0.label) \(max($0.count, 1))" }.joined(separator: " × ")
      diagnostics.append(.error(
        .tooManyPoints, at: anchor,
        "this \(strategy.name) study has \(pointCount.map(String.init) ?? "too many") points, more than the limit of \(options.maxPoints)",
        notes: strategy == .grid && !dimensions.isEmpty ? [Note("axes: \(sizes)")] : [],
        help: "check the axes for a typo, or raise the limit with --max-trials"))
      return summary
    }
    summary.points = count
    let width = max(2, String(count).count)
    var groups = DiagnosticGroups()
    var seen: [HashKey: (trial: Int, file: String, sha: String)] = [:]
    var duplicates: [(Int, Int)] = []
    var allPicks: [[Pick]] = []
    allPicks.reserveCapacity(count)
    let workers = options.workers
    let template = PointRenderer.template(of: self)

    // Points go in chunks: each is rendered and keyed on every worker, merged
    // with earlier points in trial order, its distinct points checked and
    // printed on every worker, then reported and emitted in trial order. So
    // the output does not depend on scheduling, and memory holds one chunk.
    let chunkSize = max(1, options.chunkSize)
    var chunkStart = 0
    while chunkStart < count {
      let range = chunkStart..<min(chunkStart + chunkSize, count)
      chunkStart = range.upperBound
      let rendered = parallelMap(range, workers: workers) { n in renderPoint(n, template) }
      var work: [Int] = []
      var originals: [Int?] = []
      var chunkKeys: [HashKey: Int] = [:]
      for (i, r) in rendered.enumerated() {
        if let original = seen[r.key]?.trial ?? chunkKeys[r.key].map({ rendered[$0].point.trial }) {
          originals.append(original)
        } else {
          chunkKeys[r.key] = i
          originals.append(nil)
          work.append(i)
        }
      }
      let distinct = work
      let processed = parallelMap(0..<distinct.count, workers: workers) { j in
        processPoint(rendered[distinct[j]], options, width: width, count: count)
      }
      var next = 0
      for (i, r) in rendered.enumerated() {
        let point = r.point
        allPicks.append(point.picks)
        for problem in r.problems {
          groups.add(.error(.badDerivedValue, at: holes[problem.hole].span, problem.message), trial: point.trial)
        }
        if let originalTrial = originals[i] {
          // The original is earlier in trial order, so it has been emitted and is in `seen`.
          guard let original = seen[r.key], original.trial == originalTrial else {
            preconditionFailure("an original is emitted before its duplicates")
          }
          duplicates.append((point.trial, original.trial))
          groups.copy(from: original.trial, to: point.trial)
          emit(ExpandedPoint(
            trial: point.trial, assignments: r.assignments, fileName: original.file, bytes: [],
            sha256: original.sha, duplicateOf: original.trial))
          continue
        }
        let result = processed[next]
        next += 1
        for d in result.found { groups.add(d, trial: point.trial) }
        seen[r.key] = (point.trial, result.fileName, result.sha256)
        summary.distinct += 1
        emit(ExpandedPoint(
          trial: point.trial, assignments: r.assignments, fileName: result.fileName, bytes: result.bytes,
          sha256: result.sha256, duplicateOf: nil, writeError: result.writeError))
      }
    }

    diagnostics += groups.report(study: self, allPicks: allPicks)
    if !duplicates.isEmpty {
      let listed = duplicates.prefix(6).map { "trial \($0.0) = trial \($0.1)" }.joined(separator: ", ")
      diagnostics.append(Diagnostic(
        .duplicatePoints, .note, at: anchor,
        "\(duplicates.count) of \(count) points expand to the same config as an earlier point and were merged: \(listed)\(duplicates.count > 6 ? ", …" : "")",
        help: "an axis inside an alternative that is not chosen changes nothing; the manifest lists every trial"))
    }
    return summary
  }

  /// A point filled in and printed: its text's key for merging, and what could not be derived.
  private struct RenderedPoint: Sendable {
    var point: Point
    var body: [UInt8]
    var key: HashKey
    var assignments: [(label: String, value: String)]
    var problems: [(hole: Int, message: String)]
    /// Where each printed field came from, to trace a diagnostic back to the sweep.
    var records: [(start: Int, end: Int, origin: Origin)]
  }

  /// A distinct point checked and printed: its diagnostics (traced to the sweep) and its file.
  private struct ProcessedPoint: Sendable {
    var found: [Diagnostic]
    var fileName: String
    var bytes: [UInt8]
    var sha256: String
    var writeError: String?
  }

  private func renderPoint(_ n: Int, _ template: RenderTemplate) -> RenderedPoint {
    let point = point(n)
    // Recording costs an append per field; rendering again for a point with findings costs a render.
    var renderer = PointRenderer(study: self, point: point, template: template)
    renderer.render()
    return RenderedPoint(
      point: point, body: renderer.out, key: HashKey(renderer.out), assignments: assignments(point),
      problems: renderer.problems, records: renderer.records)
  }

  private func processPoint(
    _ rendered: RenderedPoint, _ options: ExpandOptions, width: Int, count: Int
  ) -> ProcessedPoint {
    let pointFile = FileID(Int32.max)
    let point = rendered.point
    let source = SourceFile(id: pointFile, path: "<trial \(point.trial)>", bytes: rendered.body)
    let (tree, syntax) = Parser.parse(source)
    let (config, schemaFound) = check(tree, against: schema, root: root)
    var found = syntax + schemaFound
    // The target inferred per point is not repeated as a note on every point.
    found += lint(config, options: options.lintOptions).filter { $0.code != .inferredTarget }
    if !found.isEmpty {
      found = found.map { traced($0, rendered.records, pointFile) }
    }
    guard options.produceFiles else {
      return ProcessedPoint(found: found, fileName: "", bytes: [], sha256: "", writeError: nil)
    }
    let name = fileName(trial: point.trial, width: width, rendered.assignments)
    var bytes = header(point.trial, count, rendered.assignments, options.sourceName)
    bytes += Formatter.format(tree)
    let writeError = options.write.flatMap { $0(name, bytes) }
    return ProcessedPoint(
      found: found, fileName: name, bytes: bytes, sha256: sha256Hex(bytes), writeError: writeError)
  }

  /// A diagnostic of a printed point, moved to where its value came from.
  private func traced(
    _ d: Diagnostic, _ records: [(start: Int, end: Int, origin: Origin)], _ pointFile: FileID
  ) -> Diagnostic {
    func origin(at offset: Int) -> Origin? { PointRenderer.origin(at: offset, in: records) }
    var moved = d
    moved.span = d.span.file == pointFile ? (origin(at: d.span.start)?.span ?? anchor) : d.span
    moved.labels = d.labels.compactMap { label in
      guard label.span.file == pointFile else { return label }
      return origin(at: label.span.start)?.span.map { Label($0, label.message) }
    }
    moved.notes = d.notes.map { note in
      guard let span = note.span, span.file == pointFile else { return note }
      return Note(note.message, at: origin(at: span.start)?.span)
    }
    moved.fixes = []
    return moved
  }

  private func header(_ trial: Int, _ count: Int, _ assignments: [(label: String, value: String)], _ source: String) -> [UInt8] {
    var text = "# Generated by pipec expand from \(source): trial \(trial) of \(count). Edit the sweep file, not this one.\n"
    if !assignments.isEmpty {
      text += "# " + assignments.map { "\($0.label)=\($0.value)" }.joined(separator: ", ") + "\n"
    }
    return Array(text.utf8)
  }
}

/// A file name for a point: the trial number, then a slug of its assignments
/// in safe characters only (`A-Z a-z 0-9 . _ -`), so no value can leave the
/// output directory or need quoting in a shell.
package func fileName(trial: Int, width: Int, _ assignments: [(label: String, value: String)]) -> String {
  let number = String(trial)
  let padded = String(repeating: "0", count: max(0, width - number.count)) + number
  var slug = assignments.map { slugPart($0.label) + "-" + slugPart($0.value) }.joined(separator: "__")
  if slug.isEmpty { slug = "baseline" }
  if slug.utf8.count > 120 { slug = String(decoding: slug.utf8.prefix(120), as: UTF8.self) }
  return padded + "-" + slug + ".config"
}

private func slugPart(_ text: String) -> String {
  var out: [UInt8] = []
  for b in text.utf8 {
    switch b {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
      UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"):
      out.append(b)
    default:
      if out.last != UInt8(ascii: "_") { out.append(UInt8(ascii: "_")) }
    }
  }
  return String(decoding: out, as: UTF8.self)
}

/// A 128-bit key of a point's text, for merging identical points without keeping their text.
private struct HashKey: Hashable, Sendable {
  var a: Int
  var b: Int

  init(_ bytes: [UInt8]) {
    var h1 = Hasher()
    var h2 = Hasher()
    h2.combine(0x5eed)
    bytes.withUnsafeBytes {
      h1.combine(bytes: $0)
      h2.combine(bytes: $0)
    }
    a = h1.finalize()
    b = h2.finalize()
  }
}
