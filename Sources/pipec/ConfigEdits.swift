import Syntax

/// Literal replacements in a config's text, located through its syntax tree.
///
/// Each edit replaces the whole literal of a scalar field (from its sign to
/// its last string part) and nothing else, so comments, blank lines and the
/// order of fields stay as they were.
struct ConfigEdits {
  private(set) var replacements: [(range: TextRange, text: String)] = []

  /// Replaces every scalar at `path` with `literal`; returns how many it replaced.
  @discardableResult
  mutating func replace(_ path: [String], in tree: SyntaxTree, with literal: String) -> Int {
    let found = scalars(at: path, in: tree)
    replacements += found.map { ($0.range, literal) }
    return found.count
  }

  /// The text with every replacement applied.
  func applied(to bytes: [UInt8]) -> [UInt8] {
    var out = bytes
    // Back to front, so earlier offsets stay valid.
    for edit in replacements.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
      out.replaceSubrange(edit.range.lowerBound..<edit.range.upperBound, with: Array(edit.text.utf8))
    }
    return out
  }
}

/// The scalar values of the fields at `path`, a list of field names from the
/// root where `*` matches any name, in source order. Repeated messages (and
/// lists of messages) are all visited: `eval_input_reader` may occur twice.
func scalars(at path: [String], in tree: SyntaxTree) -> [Scalar] {
  var found: [Scalar] = []
  collect(path[...], in: tree.fields, of: tree, into: &found)
  return found
}

private func collect(_ path: ArraySlice<String>, in fields: ArraySlice<Field>, of tree: SyntaxTree, into found: inout [Scalar]) {
  guard let name = path.first else { return }
  let rest = path.dropFirst()
  for field in fields where field.name.kind == .identifier {
    guard name == "*" || tree.text(field.name.range) == name else { continue }
    collect(rest, in: field.value, of: tree, into: &found)
  }
}

private func collect(_ rest: ArraySlice<String>, in value: Value, of tree: SyntaxTree, into found: inout [Scalar]) {
  switch value {
  case .scalar(let scalar):
    if rest.isEmpty { found.append(scalar) }
  case .message(let message):
    if !rest.isEmpty { collect(rest, in: tree.fields(of: message), of: tree, into: &found) }
  case .list(let list):
    for element in tree.elements(of: list) { collect(rest, in: element, of: tree, into: &found) }
  case .error, .sweep:
    break  // stdlib configs are plain configs: no sweep expressions to edit
  }
}

/// `text` as a text-format string literal: double quotes, with `"`, `\` and
/// control characters escaped (octal), UTF-8 kept as it is.
func quotedLiteral(_ text: String) -> String {
  var out: [UInt8] = [UInt8(ascii: "\"")]
  for byte in text.utf8 {
    switch byte {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), byte]
    case UInt8(ascii: "\n"): out += Array("\\n".utf8)
    case UInt8(ascii: "\t"): out += Array("\\t".utf8)
    case 0..<0x20, 0x7F:
      let octal = String(byte, radix: 8)
      out += Array(("\\" + String(repeating: "0", count: 3 - octal.count) + octal).utf8)
    default:
      out.append(byte)
    }
  }
  out.append(UInt8(ascii: "\""))
  return String(decoding: out, as: UTF8.self)
}
