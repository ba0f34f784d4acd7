/// A JSON document built in memory and written with a stable layout.
///
/// Objects keep their keys in the order given, so output is byte-for-byte
/// reproducible. Written pretty, with two-space indents and `": "` after keys;
/// empty arrays and objects stay on one line (`[]`, `{}`). This is all the
/// JSON the renderers need, without importing Foundation.
package enum JSONValue: Sendable {
  case bool(Bool)
  case int(Int)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  /// The document, pretty-printed and ending in a newline.
  package func written() -> String {
    var out = ""
    write(into: &out, indent: 0)
    out += "\n"
    return out
  }

  private func write(into out: inout String, indent: Int) {
    switch self {
    case .bool(let b): out += b ? "true" : "false"
    case .int(let n): out += String(n)
    case .string(let s): JSONValue.appendQuoted(s, to: &out)
    case .array(let items):
      guard !items.isEmpty else {
        out += "[]"
        return
      }
      out += "[\n"
      for (i, item) in items.enumerated() {
        out += String(repeating: " ", count: indent + 2)
        item.write(into: &out, indent: indent + 2)
        out += i + 1 < items.count ? ",\n" : "\n"
      }
      out += String(repeating: " ", count: indent) + "]"
    case .object(let members):
      guard !members.isEmpty else {
        out += "{}"
        return
      }
      out += "{\n"
      for (i, (key, value)) in members.enumerated() {
        out += String(repeating: " ", count: indent + 2)
        JSONValue.appendQuoted(key, to: &out)
        out += ": "
        value.write(into: &out, indent: indent + 2)
        out += i + 1 < members.count ? ",\n" : "\n"
      }
      out += String(repeating: " ", count: indent) + "}"
    }
  }

  /// `text` as a JSON string literal.
  ///
  /// Escapes quotes, backslashes and every control character (C0 and DEL), and
  /// also U+2028 and U+2029 so the output is safe to embed in JavaScript. A
  /// Swift `String` is always valid Unicode: bytes that were not valid UTF-8
  /// became U+FFFD when the string was decoded.
  package static func quoted(_ text: String) -> String {
    var out = ""
    appendQuoted(text, to: &out)
    return out
  }

  private static func appendQuoted(_ text: String, to out: inout String) {
    out += "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{08}": out += "\\b"
      case "\u{0C}": out += "\\f"
      case "\u{00}"..."\u{1F}", "\u{7F}", "\u{2028}", "\u{2029}":
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    out += "\""
  }
}
