import Diagnostics

/// Where a value of an expanded config came from.
///
/// Every scalar and field of a point keeps one, so a problem found in a
/// generated config is reported in the file the user wrote: at the value of the
/// base config, at the axis value that produced it, or at the derived expression.
package enum Origin: Sendable, Hashable {
  /// Written as is in the sweep file or a base config.
  case written(SourceSpan)
  /// The `index`-th value of axis `axis` (for a random draw, the draw of the trial).
  case axis(String, index: Int, span: SourceSpan)
  /// Computed by a derived expression `@(…)`.
  case derived(SourceSpan)
  /// The schema's default for the field at `path` (read by a derived expression).
  case schemaDefault(path: String)

  /// The span to report a problem at, if the value was written somewhere.
  package var span: SourceSpan? {
    switch self {
    case .written(let s), .axis(_, _, let s), .derived(let s): s
    case .schemaDefault: nil
    }
  }
}
