/// Decoding of string literals: the bytes a string value denotes.
extension SyntaxTree {
  /// The bytes of a string value: escapes resolved, adjacent literals joined.
  ///
  /// Decodes as TensorFlow's Python parser does. The lexer has validated every
  /// escape, so decoding cannot fail. `\u` and `\U` produce UTF-8 (a lone
  /// surrogate becomes U+FFFD); octal and `\x` escapes produce single bytes,
  /// which may leave the result invalid UTF-8 (rejected for `string` fields);
  /// an unknown escape such as `\d`, and `\?`, keep their backslash.
  package func decodedBytes(of scalar: Scalar) -> [UInt8] {
    var out: [UInt8] = []
    for part in stringParts(of: scalar) {
      appendDecodedLiteral(
        source.bytes[(part.lowerBound + 1)..<max(part.lowerBound + 1, part.upperBound - 1)], into: &out)
    }
    return out
  }
}

/// Whose reading of escapes to follow: they differ on `\?` and unknown escapes.
package enum EscapeDialect: Sendable {
  /// TensorFlow's reader (protobuf's Python parser): `\?` and unknown escapes keep their backslash.
  case tensorflow
  /// protoc, for `.proto` files: `\?` is `?` (unknown escapes were rejected by the lexer's caller).
  case protoc
}

/// Appends the bytes denoted by the inside of one quoted literal.
///
/// Not generic on purpose: called generically from another module (the `.proto`
/// reader), every byte went through the runtime's unspecialised `Slice`
/// subscript, 17% of loading the bundled schema.
package func decodeLiteral(
  _ body: UnsafeBufferPointer<UInt8>, dialect: EscapeDialect = .tensorflow, into out: inout [UInt8]
) {
  appendDecodedLiteral(body, dialect: dialect, into: &out)
}

/// `decodeLiteral` for any byte collection of this module, specialised where it is used.
func appendDecodedLiteral<Body: RandomAccessCollection<UInt8>>(
  _ body: Body, dialect: EscapeDialect = .tensorflow, into out: inout [UInt8]
) where Body.Index == Int {
  var i = body.startIndex
  let end = body.endIndex
  while i < end {
    let b = body[i]
    guard b == UInt8(ascii: "\\"), i + 1 < end else {
      out.append(b)
      i += 1
      continue
    }
    let c = body[i + 1]
    i += 2
    switch c {
    case UInt8(ascii: "a"): out.append(0x07)
    case UInt8(ascii: "b"): out.append(0x08)
    case UInt8(ascii: "f"): out.append(0x0C)
    case UInt8(ascii: "n"): out.append(0x0A)
    case UInt8(ascii: "r"): out.append(0x0D)
    case UInt8(ascii: "t"): out.append(0x09)
    case UInt8(ascii: "v"): out.append(0x0B)
    case UInt8(ascii: "0")...UInt8(ascii: "7"):
      var value = Int(c - UInt8(ascii: "0"))
      var n = 1
      while n < 3, i < end, body[i] >= UInt8(ascii: "0"), body[i] <= UInt8(ascii: "7") {
        value = value * 8 + Int(body[i] - UInt8(ascii: "0"))
        i += 1
        n += 1
      }
      out.append(UInt8(truncatingIfNeeded: value))
    case UInt8(ascii: "x"), UInt8(ascii: "X"):
      var value = 0
      var n = 0
      while n < 2, i < end, let h = hexValue(body[i]) {
        value = value * 16 + Int(h)
        i += 1
        n += 1
      }
      out.append(UInt8(truncatingIfNeeded: value))
    case UInt8(ascii: "u"), UInt8(ascii: "U"):
      let count = c == UInt8(ascii: "u") ? 4 : 8
      var value: UInt32 = 0
      var n = 0
      while n < count, i < end, let h = hexValue(body[i]) {
        value = value &* 16 &+ UInt32(h)
        i += 1
        n += 1
      }
      let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
      out.append(contentsOf: String(Character(scalar)).utf8)
    case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""):
      out.append(c)
    default:
      // TensorFlow's Python parser keeps the backslash of an unknown escape
      // (and of `\?`); protoc reads `\?` as `?`.
      if dialect == .tensorflow { out.append(UInt8(ascii: "\\")) }
      out.append(c)
    }
  }
}
