import Diagnostics

/// One standard pipeline shipped with pipec: a file of `stdlib-configs/`,
/// compiled into the binary (`BundledStdlib.swift`).
package struct StdlibConfig: Sendable {
  /// The file name without `.config`: `ssd_mobilenet_v2_320x320`.
  package let name: String
  /// The whole file, comments included.
  package let text: String

  package init(name: String, text: String) {
    self.name = name
    self.text = text
  }

  /// How sweep files and diagnostics refer to it: `stdlib:ssd_mobilenet_v2_320x320`.
  package var reference: String { Stdlib.scheme + name }

  /// The first line of its header comment, without the `#`, up to the first ':'
  /// (`SSD MobileNet v2 320x320`); empty when the file has no header.
  package var title: String {
    guard let first = text.split(separator: "\n", maxSplits: 1).first, first.hasPrefix("#") else { return "" }
    let line = first.dropFirst().drop { $0 == " " }
    return String(line.prefix { $0 != ":" })
  }
}

/// The standard library of pipelines, by name.
///
/// Names are the file names of `stdlib-configs/` without `.config`; a name may
/// be written with the `stdlib:` scheme or without it. The configs are data:
/// this module neither parses nor checks them (tests do, on every run).
package enum Stdlib {
  /// The prefix that marks a stdlib name where a path could also appear (`@extends`).
  package static let scheme = "stdlib:"

  /// Every config, sorted by name.
  package static var configs: [StdlibConfig] { bundledStdlibConfigs }

  /// Every name, sorted.
  package static var names: [String] { bundledStdlibConfigs.map(\.name) }

  /// Whether `reference` uses the `stdlib:` scheme (and so is not a file path).
  package static func isReference(_ reference: String) -> Bool { reference.hasPrefix(scheme) }

  /// The config called `name` (`ssd_mobilenet_v2_320x320` or `stdlib:ssd_mobilenet_v2_320x320`).
  package static func config(named name: String) -> StdlibConfig? {
    let bare = isReference(name) ? String(name.dropFirst(scheme.count)) : name
    return bundledStdlibConfigs.first { $0.name == bare }
  }

  /// The config as a source file for the parser and renderers, its path the
  /// `stdlib:` reference so that diagnostics point at it by name.
  package static func source(named name: String, id: FileID) -> SourceFile? {
    config(named: name).map { SourceFile(id: id, path: $0.reference, bytes: Array($0.text.utf8)) }
  }

  /// Names the user may have meant by an unknown `name`, best first: names
  /// that contain it (`ssd_mobilenet_v2` → its three sizes and variants),
  /// else the nearest by edit distance.
  package static func suggestions(for name: String, limit: Int = 3) -> [String] {
    let bare = (isReference(name) ? String(name.dropFirst(scheme.count)) : name).lowercased()
    guard !bare.isEmpty else { return [] }
    let containing = names.filter { $0.contains(bare) }
    if !containing.isEmpty { return Array(containing.prefix(limit)) }
    // A quarter of the typed length, at least 2: a wrong size or version, not another model.
    let budget = max(2, bare.count / 4)
    let scored = names.map { ($0, levenshteinDistance(bare, $0)) }.filter { $0.1 <= budget }
    return Array(scored.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(limit).map(\.0))
  }
}
