#if canImport(Glibc)
  import Glibc
#endif

/// Human-readable numbers for the summary: SI for counts and FLOPs, binary for bytes.
package enum Units {
  /// 4_461_016 -> "4.46M"; below 1000 as is.
  package static func count(_ n: Int) -> String {
    let v = Double(n)
    for (limit, suffix) in [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")] where abs(v) >= limit {
      return significant(v / limit) + suffix
    }
    return "\(n)"
  }

  /// FLOPs with their unit: "1.58 GFLOPs".
  package static func flops(_ n: Int) -> String {
    let v = Double(n)
    for (limit, suffix) in [(1e12, "TFLOPs"), (1e9, "GFLOPs"), (1e6, "MFLOPs"), (1e3, "kFLOPs")]
    where v >= limit {
      return significant(v / limit) + " " + suffix
    }
    return "\(n) FLOPs"
  }

  /// Bytes in binary units: "1.25 GiB".
  package static func bytes(_ n: Int) -> String {
    let v = Double(n)
    for (limit, suffix) in [(1073741824.0, "GiB"), (1048576.0, "MiB"), (1024.0, "KiB")] where v >= limit {
      return significant(v / limit) + " " + suffix
    }
    return "\(n) B"
  }

  /// Three significant digits, without trailing zeros.
  package static func significant(_ v: Double) -> String {
    let digits = abs(v) >= 100 ? 0 : abs(v) >= 10 ? 1 : 2
    var s = cFormat("%.\(digits)f", v)
    if s.contains(".") {
      while s.hasSuffix("0") { s.removeLast() }
      if s.hasSuffix(".") { s.removeLast() }
    }
    return s
  }

  /// A learning rate, compactly: "0.08", "2.67e-05".
  package static func rate(_ v: Double) -> String {
    if v == 0 { return "0" }
    if abs(v) >= 1e-3 && abs(v) < 1e4 {
      var s = cFormat("%.6f", v)
      while s.hasSuffix("0") { s.removeLast() }
      if s.hasSuffix(".") { s.removeLast() }
      return s
    }
    return cFormat("%.3g", v)
  }

  /// Parses "16GiB", "16 GB", "8g", "1024MiB", "17179869184" into bytes.
  package static func parseBytes(_ text: String) -> Int? {
    let trimmed = String(text.filter { $0 != " " }).lowercased()
    let digits = trimmed.prefix { $0.isNumber || $0 == "." }
    guard let value = Double(digits), value >= 0 else { return nil }
    let unit = trimmed.dropFirst(digits.count)
    let scale: Double
    switch unit {
    case "", "b": scale = 1
    case "k", "kib", "kb": scale = unit == "kb" ? 1e3 : 1024
    case "m", "mib", "mb": scale = unit == "mb" ? 1e6 : 1_048_576
    case "g", "gib", "gb": scale = unit == "gb" ? 1e9 : 1_073_741_824
    case "t", "tib", "tb": scale = unit == "tb" ? 1e12 : 1_099_511_627_776
    default: return nil
    }
    let bytes = value * scale
    return bytes < 9e18 ? Int(bytes) : nil
  }
}

/// `value` printed with a C format such as `%.3g` (no Foundation: it costs start-up time).
func cFormat(_ format: String, _ value: Double) -> String {
  withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer -> String in
    guard let base = buffer.baseAddress else { return "\(value)" }
    let count = withVaList([value]) { vsnprintf(base, 64, format, $0) }
    let bytes = UnsafeRawBufferPointer(start: base, count: max(0, min(Int(count), 63)))
    return String(decoding: bytes, as: UTF8.self)
  }
}
