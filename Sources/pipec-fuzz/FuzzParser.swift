import Syntax

#if canImport(Glibc)
import Glibc
#endif

// libFuzzer over the text-format front end: every input must keep
// `SyntaxInvariants` (no trap, sound spans, safe formatting).
//
// Fuzzing build (`make fuzz`):
//   swift build -c release --product pipec-fuzz -Xswiftc -sanitize=fuzzer,address \
//     -Xswiftc -DFUZZING --scratch-path .build-fuzz
// Normal build: `pipec-fuzz FILE...` replays saved inputs (e.g. a crash file)
// through the same check and exits 1 if any breaks it.

/// The first broken invariant for one input, or nil.
func checkInput(_ bytes: [UInt8]) -> String? {
  SyntaxInvariants.violation(in: bytes)
}

#if FUZZING
/// libFuzzer's per-input hook; a broken invariant traps, which is how libFuzzer
/// learns of a finding and saves the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  if let problem = checkInput(bytes) {
    fatalError("invariant broken: \(problem)")
  }
  return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
  _ argc: UnsafeMutablePointer<Int32>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
  _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// SwiftPM links an executable's entry point as `main`, which displaces
/// libFuzzer's own `main`; this one hands the command line to libFuzzer.
@main
struct FuzzMain {
  static func main() {
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(runFuzzerDriver(&argc, &argv, fuzzOneInput))
  }
}
#else
import Foundation

@main
struct FuzzReplay {
  static func main() {
    let paths = CommandLine.arguments.dropFirst()
    if paths.isEmpty {
      FileHandle.standardError.write(Data("usage: pipec-fuzz FILE...  (replays inputs through the fuzz check)\n".utf8))
      exit(2)
    }
    var failed = 0
    for path in paths {
      guard let data = FileManager.default.contents(atPath: path) else {
        print("\(path): cannot read")
        failed += 1
        continue
      }
      if let problem = checkInput(Array(data)) {
        print("\(path): \(problem)")
        failed += 1
      } else {
        print("\(path): ok")
      }
    }
    exit(failed == 0 ? 0 : 1)
  }
}
#endif
