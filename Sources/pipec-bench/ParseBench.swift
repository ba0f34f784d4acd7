import Diagnostics
import Syntax

#if canImport(Glibc)
  import Glibc
#endif

/// `pipec-bench parse DIR|FILE...`: throughput of reading, a plain byte scan,
/// lexing alone, and lexing + parsing, over every *.config/*.pbtxt given.
///
/// The comparison it exists for (issue 2): protobuf's C++ text parser reaches
/// about 52–64 MB/s on the TF sample configs on this machine, swift-protobuf
/// about 74 MB/s and the Python parser TensorFlow uses about 3 MB/s; the
/// target is lex + parse >= 400 MB/s and lexing within 2x of a byte scan.
func runParseBench(_ arguments: [String]) -> Int32 {
  let paths = collectConfigFiles(arguments.isEmpty ? ["examples"] : arguments)
  guard !paths.isEmpty else {
    print("pipec-bench parse: no *.config or *.pbtxt files under \(arguments)")
    return 2
  }
  var sources = SourceMap()
  for path in paths {
    if let bytes = readWholeFile(path) { sources.add(path: path, bytes: bytes) }
  }
  let files = sources.files
  let totalBytes = files.reduce(0) { $0 + $1.bytes.count }
  let megabytes = Double(totalBytes) / 1e6
  if let rounds = Int(environmentValue("PIPEC_BENCH_PROFILE_ROUNDS") ?? "") {
    // For profilers (callgrind): just lex + parse, a fixed number of rounds.
    var fields = 0
    for _ in 0..<rounds { for file in files { fields += Parser.parse(file).tree.fields.count } }
    blackHole(fields)
    return 0
  }
  print("pipec-bench parse: \(files.count) files, \(totalBytes) bytes (median of 7 samples)")

  let read = medianSecondsPerCall {
    var n = 0
    for path in paths { n &+= readWholeFile(path)?.count ?? 0 }
    blackHole(n)
  }
  // The seed changes every call so the optimiser cannot hoist the scan out of the timing loop.
  var seed: UInt32 = 0
  let scan = medianSecondsPerCall {
    seed &+= 1
    var sum: UInt32 = seed
    for file in files {
      file.bytes.withUnsafeBufferPointer { buffer in
        for b in buffer { sum = sum &* 31 &+ UInt32(b) }
      }
    }
    blackHole(sum)
  }
  let lex = medianSecondsPerCall {
    var count = 0
    for file in files {
      file.bytes.withUnsafeBufferPointer { buffer in
        var lexer = Lexer(buffer, file: file.id)
        while lexer.next().kind != .eof { count += 1 }
      }
    }
    blackHole(count)
  }
  let parse = medianSecondsPerCall {
    var fields = 0
    for file in files { fields += Parser.parse(file).tree.fields.count }
    blackHole(fields)
  }
  let fmt = medianSecondsPerCall {
    var bytes = 0
    for file in files { bytes += Formatter.format(Parser.parse(file).tree).count }
    blackHole(bytes)
  }

  func row(_ name: String, _ seconds: Double, _ note: String) {
    let mbs = megabytes / seconds
    let fps = Double(files.count) / seconds
    print("  \(name.rightPad(20)) \(format(mbs, 1).leftPad(9)) MB/s \(format(fps, 0).leftPad(10)) files/s  \(note)")
  }
  row("read files", read, "(open + read + close)")
  row("byte scan", scan, "(a hash over every byte)")
  row("lex", lex, "(\(format(lex / scan, 2))x the byte scan; target <= 2x)")
  row("lex + parse", parse, "(target >= 400 MB/s; protobuf C++ ~52-64, swift-protobuf ~74, Python ~3)")
  row("lex + parse + fmt", fmt, "")
  return 0
}

extension String {
  func leftPad(_ width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }
}

func collectConfigFiles(_ arguments: [String]) -> [String] {
  var found: [String] = []
  var pending = arguments
  while let path = pending.popLast() {
    var info = stat()
    guard stat(path, &info) == 0 else { continue }
    if (info.st_mode & S_IFMT) == S_IFDIR {
      guard let handle = opendir(path) else { continue }
      while let entry = readdir(handle) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
          String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        if !name.hasPrefix(".") { pending.append(path + "/" + name) }
      }
      closedir(handle)
    } else if path.hasSuffix(".config") || path.hasSuffix(".pbtxt") {
      found.append(path)
    }
  }
  return found.sorted()
}

func readWholeFile(_ path: String) -> [UInt8]? {
  let fd = open(path, O_RDONLY)
  guard fd >= 0 else { return nil }
  defer { close(fd) }
  var info = stat()
  guard fstat(fd, &info) == 0 else { return nil }
  var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
  let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
  return n == bytes.count ? bytes : nil
}

extension String {
  func rightPad(_ width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}

func environmentValue(_ name: String) -> String? {
  getenv(name).map { String(cString: $0) }
}
