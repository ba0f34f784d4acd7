/// An exact decimal: `mantissa × 10^exponent`.
///
/// Sweep values are written in decimal and must come out as written:
/// `@range(0.1 to 0.9 step 0.2)` gives exactly 0.1, 0.3, 0.5, 0.7 and 0.9, and
/// `num_steps / 4` of 25000 is 6250, not 6249.999…. Addition, subtraction and
/// multiplication are exact; division is exact when the quotient terminates
/// within 30 digits and is rounded to 17 significant digits otherwise.
/// Operations return nil on overflow (beyond 38 digits). A mantissa is never
/// `Int128.min` (an overflow too), so negating one and dividing by -1 cannot trap.
package struct DecimalNumber: Hashable, Sendable, CustomStringConvertible {
  /// Never a multiple of 10 unless zero (normalised), so equal values compare equal.
  package private(set) var mantissa: Int128
  package private(set) var exponent: Int

  package init(_ mantissa: Int128, exponent: Int = 0) {
    var m = mantissa
    var e = exponent
    if m == 0 {
      e = 0
    } else {
      while m % 10 == 0 {
        m /= 10
        e += 1
      }
    }
    self.mantissa = m
    self.exponent = e
  }

  package init(_ value: Int) { self.init(Int128(value)) }

  /// Reads a text-format number literal: `0.1`, `-1e-7`, `4`, `2.5f`, `0x10`.
  package init?(literal: String) {
    var bytes = Array(literal.utf8)
    var negative = false
    if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
      negative = first == UInt8(ascii: "-")
      bytes.removeFirst()
    }
    guard !bytes.isEmpty else { return nil }
    if bytes.count > 2, bytes[0] == UInt8(ascii: "0"), bytes[1] | 0x20 == UInt8(ascii: "x") {
      guard let value = Int128(String(decoding: bytes[2...], as: UTF8.self), radix: 16) else { return nil }
      self.init(negative ? -value : value)
      return
    }
    if let last = bytes.last, last | 0x20 == UInt8(ascii: "f") { bytes.removeLast() }
    var mantissa: Int128 = 0
    var exponent = 0
    var digits = 0
    var seenPoint = false
    var i = 0
    while i < bytes.count {
      let b = bytes[i]
      if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
        if digits < 37 {
          mantissa = mantissa * 10 + Int128(b - UInt8(ascii: "0"))
          if mantissa != 0 { digits += 1 }
          if seenPoint { exponent -= 1 }
        } else if !seenPoint {
          exponent += 1
        }
      } else if b == UInt8(ascii: ".") && !seenPoint {
        seenPoint = true
      } else if b | 0x20 == UInt8(ascii: "e") {
        guard let e = Int(String(decoding: bytes[(i + 1)...], as: UTF8.self)), abs(e) < 400 else { return nil }
        exponent += e
        break
      } else {
        return nil
      }
      i += 1
    }
    self.init(negative ? -mantissa : mantissa, exponent: exponent)
  }

  /// The decimal nearest to `value` with at most `digits` significant digits.
  package init?(rounding value: Double, significantDigits digits: Int) {
    guard value.isFinite else { return nil }
    guard value != 0 else {
      self.init(0)
      return
    }
    var e = 0
    var scaled = value.magnitude
    while scaled >= 10 {
      scaled /= 10
      e += 1
    }
    while scaled < 1 {
      scaled *= 10
      e -= 1
    }
    // scaled is in [1, 10); keep `digits` digits.
    var m = (scaled * pow10(digits - 1)).rounded()
    var exponent = e - (digits - 1)
    if m >= pow10(digits) {
      m /= 10
      exponent += 1
    }
    self.init(Int128(value < 0 ? -m : m), exponent: exponent)
  }

  package var isZero: Bool { mantissa == 0 }
  package var isNegative: Bool { mantissa < 0 }
  package var isIntegral: Bool { exponent >= 0 }

  /// The value as an integer, if integral and in range.
  package var integerValue: Int128? {
    guard exponent >= 0 else { return nil }
    var m = mantissa
    for _ in 0..<exponent {
      let (r, overflow) = m.multipliedReportingOverflow(by: 10)
      if overflow { return nil }
      m = r
    }
    return m
  }

  package var doubleValue: Double {
    Double(mantissa) * pow10(exponent)
  }

  /// Plain decimal notation (`0.0001`, `6250`), or `1e-10` style beyond 9 places.
  package var description: String {
    let sign = mantissa < 0 ? "-" : ""
    let digits = String(mantissa.magnitude)
    if exponent >= 0 {
      if digits.count + exponent > 21 { return sign + scientific(digits) }
      return sign + digits + String(repeating: "0", count: exponent)
    }
    let point = digits.count + exponent
    if point > 0 {
      return sign + String(digits.prefix(point)) + "." + String(digits.dropFirst(point))
    }
    if -point >= 9 { return sign + scientific(digits) }
    return sign + "0." + String(repeating: "0", count: -point) + digits
  }

  private func scientific(_ digits: String) -> String {
    let e = exponent + digits.count - 1
    let head = digits.count > 1 ? String(digits.prefix(1)) + "." + String(digits.dropFirst()) : digits
    return head + "e" + String(e)
  }

  // MARK: Arithmetic

  /// Both mantissas at the smaller exponent; nil on overflow.
  private static func aligned(_ a: DecimalNumber, _ b: DecimalNumber) -> (Int128, Int128, Int)? {
    let e = min(a.exponent, b.exponent)
    guard let x = scale(a.mantissa, by: a.exponent - e), let y = scale(b.mantissa, by: b.exponent - e) else {
      return nil
    }
    return (x, y, e)
  }

  private static func scale(_ m: Int128, by places: Int) -> Int128? {
    guard places < 39 else { return m == 0 ? 0 : nil }
    var r = m
    for _ in 0..<places {
      let (v, overflow) = r.multipliedReportingOverflow(by: 10)
      if overflow { return nil }
      r = v
    }
    return r
  }

  package func adding(_ other: DecimalNumber) -> DecimalNumber? {
    guard let (x, y, e) = Self.aligned(self, other) else { return nil }
    let (sum, overflow) = x.addingReportingOverflow(y)
    return overflow || sum == .min ? nil : DecimalNumber(sum, exponent: e)
  }

  package func subtracting(_ other: DecimalNumber) -> DecimalNumber? {
    adding(DecimalNumber(-other.mantissa, exponent: other.exponent))
  }

  package func multiplied(by other: DecimalNumber) -> DecimalNumber? {
    let (product, overflow) = mantissa.multipliedReportingOverflow(by: other.mantissa)
    return overflow || product == .min ? nil : DecimalNumber(product, exponent: exponent + other.exponent)
  }

  /// nil when dividing by zero or on overflow.
  package func divided(by other: DecimalNumber) -> DecimalNumber? {
    guard other.mantissa != 0 else { return nil }
    var numerator = mantissa
    var places = 0
    while numerator % other.mantissa != 0 && places < 30 {
      let (v, overflow) = numerator.multipliedReportingOverflow(by: 10)
      if overflow { break }
      numerator = v
      places += 1
    }
    if numerator % other.mantissa == 0 {
      return DecimalNumber(numerator / other.mantissa, exponent: exponent - other.exponent - places)
    }
    let quotient = doubleValue / other.doubleValue
    return DecimalNumber(rounding: quotient, significantDigits: 17)
  }

  package static func < (a: DecimalNumber, b: DecimalNumber) -> Bool {
    guard let (x, y, _) = aligned(a, b) else { return a.doubleValue < b.doubleValue }
    return x < y
  }
}

/// 10^n as a Double, for small n, without Foundation.
func pow10(_ n: Int) -> Double {
  var result = 1.0
  if n >= 0 {
    for _ in 0..<n { result *= 10 }
  } else {
    for _ in 0..<(-n) { result /= 10 }
  }
  return result
}
