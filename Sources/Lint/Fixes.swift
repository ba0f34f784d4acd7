import Diagnostics

/// The bytes of `source` with the first fix of each diagnostic applied.
///
/// Safe fixes only unless `unsafe`. Edits are applied from the end of the file
/// backwards; an edit overlapping one already taken is skipped (with its whole
/// fix), so the result never mixes two changes to the same bytes. Returns the
/// number of fixes applied.
package func applyFixes(_ diagnostics: [Diagnostic], to source: SourceFile, unsafe: Bool) -> (bytes: [UInt8], applied: Int) {
  var taken: [Edit] = []
  var applied = 0
  for diagnostic in diagnostics {
    guard let fix = diagnostic.fixes.first(where: { $0.isSafe || unsafe }),
      fix.edits.allSatisfy({ $0.span.file == source.id && $0.span.end <= source.bytes.count })
    else { continue }
    let overlaps = fix.edits.contains { edit in
      taken.contains { other in
        edit.span.start < other.span.end && other.span.start < edit.span.end
          || (edit.span.isEmpty && other.span.isEmpty && edit.span.start == other.span.start)
      }
    }
    if overlaps { continue }
    taken += fix.edits
    applied += 1
  }
  var bytes = source.bytes
  for edit in taken.sorted(by: { $0.span.start > $1.span.start }) {
    bytes.replaceSubrange(edit.span.start..<edit.span.end, with: Array(edit.replacement.utf8))
  }
  return (bytes, applied)
}
