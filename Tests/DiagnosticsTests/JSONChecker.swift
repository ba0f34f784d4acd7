/// A strict JSON parser for tests: rejects anything RFC 8259 does not allow
/// (raw control characters in strings, bad escapes, trailing commas, lone
/// surrogates), so a successful parse shows the renderers write valid JSON.
enum Parsed: Equatable, CustomStringConvertible {
  case null
  case bool(Bool)
  case number(Int)
  case string(String)
  case array([Parsed])
  case object([Member])

  struct Member: Equatable {
    let key: String
    let value: Parsed
  }

  subscript(key: String) -> Parsed? {
    guard case .object(let members) = self else { return nil }
    return members.first { $0.key == key }?.value
  }

  subscript(index: Int) -> Parsed? {
    guard case .array(let items) = self, items.indices.contains(index) else { return nil }
    return items[index]
  }

  var keys: [String] {
    guard case .object(let members) = self else { return [] }
    return members.map(\.key)
  }

  var count: Int {
    if case .array(let items) = self { return items.count }
    return 0
  }

  var description: String {
    switch self {
    case .null: "null"
    case .bool(let b): "\(b)"
    case .number(let n): "\(n)"
    case .string(let s): s.debugDescription
    case .array(let a): "[" + a.map(\.description).joined(separator: ",") + "]"
    case .object(let m): "{" + m.map { "\($0.key.debugDescription):\($0.value)" }.joined(separator: ",") + "}"
    }
  }

  struct Failure: Error, CustomStringConvertible {
    let offset: Int
    let reason: String
    var description: String { "invalid JSON at \(offset): \(reason)" }
  }

  static func parse(_ text: String) throws -> Parsed {
    var p = Parser(bytes: Array(text.utf8))
    let value = try p.value()
    p.skipSpace()
    guard p.i == p.bytes.count else { throw Failure(offset: p.i, reason: "trailing characters") }
    return value
  }

  private struct Parser {
    let bytes: [UInt8]
    var i = 0

    mutating func skipSpace() {
      while i < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { i += 1 }
    }

    func fail(_ reason: String) -> Failure { Failure(offset: i, reason: reason) }

    mutating func expect(_ literal: String) throws {
      let l = Array(literal.utf8)
      guard i + l.count <= bytes.count, Array(bytes[i..<i + l.count]) == l else { throw fail("expected \(literal)") }
      i += l.count
    }

    mutating func value() throws -> Parsed {
      skipSpace()
      guard i < bytes.count else { throw fail("unexpected end") }
      switch bytes[i] {
      case UInt8(ascii: "n"): try expect("null"); return .null
      case UInt8(ascii: "t"): try expect("true"); return .bool(true)
      case UInt8(ascii: "f"): try expect("false"); return .bool(false)
      case UInt8(ascii: "\""): return .string(try string())
      case UInt8(ascii: "["):
        i += 1
        var items: [Parsed] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
        while true {
          items.append(try value())
          skipSpace()
          guard i < bytes.count else { throw fail("unterminated array") }
          if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
          try expect("]")
          return .array(items)
        }
      case UInt8(ascii: "{"):
        i += 1
        var members: [Member] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
        while true {
          skipSpace()
          guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected key") }
          let key = try string()
          skipSpace()
          try expect(":")
          members.append(Member(key: key, value: try value()))
          skipSpace()
          guard i < bytes.count else { throw fail("unterminated object") }
          if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
          try expect("}")
          return .object(members)
        }
      default:
        let start = i
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        while i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) { i += 1 }
        guard let n = Int(String(decoding: bytes[start..<i], as: UTF8.self)) else { throw fail("bad value") }
        return .number(n)
      }
    }

    mutating func string() throws -> String {
      i += 1
      var scalars = String.UnicodeScalarView()
      var raw: [UInt8] = []
      func flush() {
        scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
        raw.removeAll()
      }
      while true {
        guard i < bytes.count else { throw fail("unterminated string") }
        let b = bytes[i]
        i += 1
        switch b {
        case UInt8(ascii: "\""):
          flush()
          return String(scalars)
        case 0x00..<0x20:
          throw fail("raw control character in string")
        case UInt8(ascii: "\\"):
          flush()
          guard i < bytes.count else { throw fail("unterminated escape") }
          let e = bytes[i]
          i += 1
          switch e {
          case UInt8(ascii: "\""): scalars.append("\"")
          case UInt8(ascii: "\\"): scalars.append("\\")
          case UInt8(ascii: "/"): scalars.append("/")
          case UInt8(ascii: "n"): scalars.append("\n")
          case UInt8(ascii: "r"): scalars.append("\r")
          case UInt8(ascii: "t"): scalars.append("\t")
          case UInt8(ascii: "b"): scalars.append("\u{08}")
          case UInt8(ascii: "f"): scalars.append("\u{0C}")
          case UInt8(ascii: "u"):
            guard i + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[i..<i + 4], as: UTF8.self), radix: 16),
              let s = Unicode.Scalar(v)
            else { throw fail("bad \\u escape") }
            i += 4
            scalars.append(s)
          default: throw fail("bad escape")
          }
        default:
          raw.append(b)
        }
      }
    }
  }
}
