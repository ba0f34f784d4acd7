/// How serious a diagnostic is. Only errors fail `pipec check` by default.
package enum Severity: String, Sendable, Comparable, CaseIterable {
  case note
  case warning
  case error

  private var rank: Int {
    switch self {
    case .note: 0
    case .warning: 1
    case .error: 2
    }
  }

  package static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// A secondary span with a short message, drawn under the source like the primary one.
package struct Label: Sendable, Equatable {
  package var span: SourceSpan
  package var message: String

  @inlinable
  package init(_ span: SourceSpan, _ message: String) {
    self.span = span
    self.message = message
  }
}

/// Extra information: a sentence, optionally pointing at another place.
package struct Note: Sendable, Equatable {
  package var message: String
  package var span: SourceSpan?

  @inlinable
  package init(_ message: String, at span: SourceSpan? = nil) {
    self.message = message
    self.span = span
  }
}

/// Replace the bytes of `span` with `replacement` (an empty span inserts).
package struct Edit: Sendable, Equatable {
  package var span: SourceSpan
  package var replacement: String

  @inlinable
  package init(_ span: SourceSpan, _ replacement: String) {
    self.span = span
    self.replacement = replacement
  }
}

/// A machine-applicable change that resolves a diagnostic.
///
/// A safe fix keeps the meaning the user evidently intended (e.g. a unique
/// spelling correction); an unsafe one changes behaviour and is applied only
/// with `--fix --unsafe`.
package struct Fix: Sendable, Equatable {
  package var message: String
  package var edits: [Edit]
  package var isSafe: Bool

  @inlinable
  package init(_ message: String, edits: [Edit], isSafe: Bool = true) {
    self.message = message
    self.edits = edits
    self.isSafe = isSafe
  }
}

/// One finding about the input, as plain data; rendering happens at the edge.
package struct Diagnostic: Sendable, Equatable {
  package var code: DiagnosticCode
  package var severity: Severity
  package var span: SourceSpan
  package var message: String
  package var labels: [Label] = []
  package var notes: [Note] = []
  package var help: String? = nil
  package var fixes: [Fix] = []
  /// Where in the config the finding applies, e.g. `model.ssd.box_coder`.
  package var path: String? = nil

  // Inlinable: findings are built on hot paths in other modules (lint), and an
  // opaque call costs several hundred instructions in copies and reference counting.
  @inlinable
  package init(
    _ code: DiagnosticCode,
    _ severity: Severity,
    at span: SourceSpan,
    _ message: String,
    labels: [Label] = [],
    notes: [Note] = [],
    help: String? = nil,
    fixes: [Fix] = [],
    path: String? = nil
  ) {
    self.code = code
    self.severity = severity
    self.span = span
    self.message = message
    self.labels = labels
    self.notes = notes
    self.help = help
    self.fixes = fixes
    self.path = path
  }

  package static func error(
    _ code: DiagnosticCode, at span: SourceSpan, _ message: String,
    labels: [Label] = [], notes: [Note] = [], help: String? = nil, fixes: [Fix] = []
  ) -> Diagnostic {
    Diagnostic(code, .error, at: span, message, labels: labels, notes: notes, help: help, fixes: fixes)
  }

  package static func warning(
    _ code: DiagnosticCode, at span: SourceSpan, _ message: String,
    labels: [Label] = [], notes: [Note] = [], help: String? = nil, fixes: [Fix] = []
  ) -> Diagnostic {
    Diagnostic(code, .warning, at: span, message, labels: labels, notes: notes, help: help, fixes: fixes)
  }
}

extension Array where Element == Diagnostic {
  package var hasErrors: Bool { contains { $0.severity == .error } }

  /// Sorted for output: by file, then start offset, keeping insertion order on ties.
  package func sortedForOutput() -> [Diagnostic] {
    enumerated().sorted { a, b in
      let (x, y) = (a.element.span, b.element.span)
      if x.file != y.file { return x.file < y.file }
      if x.start != y.start { return x.start < y.start }
      return a.offset < b.offset
    }.map(\.element)
  }
}
