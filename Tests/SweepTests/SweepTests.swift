import Diagnostics
import Foundation
import Schema
import Sweep
import Syntax
import Testing

struct RangeCase: Sendable, CustomTestStringConvertible {
  let expression: String
  let values: [String]
  var testDescription: String { expression }
}

/// Ranges are exact decimals: no float drift, printed as written.
@Test(arguments: [
  RangeCase(expression: "@range(0.1 to 0.9 step 0.2)", values: ["0.1", "0.3", "0.5", "0.7", "0.9"]),
  RangeCase(expression: "@range(1 to 4)", values: ["1", "2", "3", "4"]),
  RangeCase(expression: "@range(0.9 to 0.5 step -0.2)", values: ["0.9", "0.7", "0.5"]),
  RangeCase(expression: "@range(1e-7 to 1 times 10)",
            values: ["0.0000001", "0.000001", "0.00001", "0.0001", "0.001", "0.01", "0.1", "1"]),
  RangeCase(expression: "@choice(low: 0.0001, 0.00025)", values: ["low", "0.00025"]),
])
func rangeValues(_ c: RangeCase) {
  let expansion = expandSweep("train_config { gradient_clipping_by_norm: \(c.expression) }", files: false)
  #expect(expansion.errors.isEmpty, "\(expansion.errors.map(\.message))")
  #expect(expansion.points.map { $0.assignments.first?.value ?? "" } == c.values)
}

struct CountCase: Sendable, CustomTestStringConvertible {
  let sweep: String
  let points: Int
  var testDescription: String { sweep.debugDescription }
}

/// Point counts per strategy: grid = product (linked axes zipped), one at a time = 1 + Σ(k − 1).
@Test(arguments: [
  CountCase(sweep: "train_config { batch_size: @choice(4, 8, 16) num_steps: @choice(1, 2) }", points: 6),
  CountCase(sweep: "train_config { batch_size: @choice[b](4, 8, 16) num_steps: @choice[b](1, 2, 3) }", points: 3),
  CountCase(sweep: "@sweep one_at_a_time\ntrain_config { batch_size: @choice(4, 8, 16) num_steps: @choice(1, 2) }", points: 4),
  CountCase(sweep: "@sweep random(trials: 9, seed: 3)\ntrain_config { num_steps: @randint(1, 1000000) }", points: 9),
  CountCase(sweep: "train_config { batch_size: 8 }", points: 1),
])
func pointCounts(_ c: CountCase) {
  let expansion = expandSweep(c.sweep, files: false)
  #expect(expansion.errors.isEmpty, "\(expansion.errors.map(\.message))")
  #expect(expansion.points.count == c.points)
}

/// Derived values are exact and integral for integer fields.
@Test func derivedValuesFollowNumSteps() {
  let expansion = expandSweep("""
    train_config {
      num_steps: @choice(20000, 30000)
      optimizer { adam_optimizer { learning_rate { exponential_decay_learning_rate {
        decay_steps: @(train_config.num_steps / 4)
        initial_learning_rate: @(0.1 * 3)
      } } } }
    }
    """)
  #expect(expansion.errors.isEmpty, "\(expansion.errors.map(\.message))")
  let texts = expansion.points.map { String(decoding: $0.bytes, as: UTF8.self) }
  #expect(texts.first?.contains("decay_steps: 5000\n") == true)
  #expect(texts.last?.contains("decay_steps: 7500\n") == true)
  #expect(texts.first?.contains("initial_learning_rate: 0.3\n") == true)
}

/// A problem of some points is reported once, at the sweep expression, with the assignments that cause it.
@Test func decayBeyondTrainingNamesThePoints() {
  let expansion = expandSweep("""
    train_config {
      num_steps: @choice(1000, 100000)
      batch_size: @choice(4, 8)
      optimizer { adam_optimizer { learning_rate { exponential_decay_learning_rate { decay_steps: 5000 } } } }
    }
    """, files: false)
  // The lint rule decay-steps-beyond-num-steps, run on every point.
  let found = expansion.diagnostics.filter { $0.code.rawValue == "decay-steps-beyond-num-steps" }
  #expect(found.count == 1)
  #expect(found.first?.message.hasPrefix("with num_steps=1000: ") == true, "\(found.map(\.message))")
}

/// An error only some points have is reported at the axis value that causes it.
@Test func pointErrorIsTracedToTheAxisValue() {
  let text = "train_config { batch_size: @choice(4, -8) num_steps: @choice(1, 2) }"
  let expansion = expandSweep(text, files: false)
  let errors = expansion.errors
  #expect(errors.count == 1)
  #expect(errors.first?.code.rawValue == "integer-out-of-range")
  #expect(errors.first?.message.hasPrefix("with batch_size=-8: ") == true, "\(errors.map(\.message))")
  let start = text.utf8.count - Array(text.utf8.split(separator: UInt8(ascii: "-"), maxSplits: 1)[1]).count - 1
  #expect(errors.first?.span.start == start)
}

/// A derived value that fails in a point and in its merged duplicate counts each trial once:
/// every point has the problem, so it is reported as is.
@Test func derivedProblemOfMergedDuplicatesCountsEachTrialOnce() {
  let expansion = expandSweep(
    "train_config { batch_size: @choice(8, 8) num_steps: @(train_config.batch_size / 0) }", files: false)
  #expect(expansion.points.map(\.duplicateOf) == [nil, 1])
  let found = expansion.errors.filter { $0.code.rawValue == "bad-derived-value" }
  #expect(found.map(\.message) == ["division by zero"])
  #expect(found.first?.notes.isEmpty == true)
}

struct RejectCase: Sendable, CustomTestStringConvertible {
  let sweep: String
  let code: String
  let message: String
  var testDescription: String { sweep.debugDescription }
}

/// Numbers at the edges of what expansion computes are reported, never a crash:
/// -2^127 is one past the 38 digits a decimal holds, and `@randint` draws need 64-bit bounds.
@Test(arguments: [
  RejectCase(sweep: "train_config { num_steps: @(1 - 18446744073709551616 * -9223372036854775808) }",
             code: "bad-derived-value", message: "the result does not fit in 38 digits"),
  RejectCase(sweep: "train_config { num_steps: @((18446744073709551616 * -9223372036854775808) / -1) }",
             code: "bad-derived-value", message: "the result does not fit in 38 digits"),
  RejectCase(sweep: "@sweep random(trials: 2, seed: 1)\ntrain_config { num_steps: @randint(-1e38, 1e38) }",
             code: "invalid-sweep", message: "'@randint' needs bounds that fit in 64 bits (Int64)"),
  RejectCase(sweep: "@sweep random(trials: 2, seed: 1)\ntrain_config { num_steps: @randint(0, 1e39) }",
             code: "invalid-sweep", message: "'@randint' needs bounds that fit in 64 bits (Int64)"),
])
func numbersBeyondRangeAreReported(_ c: RejectCase) {
  let expansion = expandSweep(c.sweep, files: false)
  #expect(expansion.errors.map { "\($0.code.rawValue): \($0.message)" } == ["\(c.code): \(c.message)"])
}

/// Strategy arguments: a repeated one is an error pointing at its first use (it used to keep
/// the last silently); unknown ones are reported in source order.
@Test func strategyArgumentsAreCheckedInOrder() {
  let body = "\ntrain_config { num_steps: @randint(1, 100) }"
  let twice = expandSweep("@sweep random(trials: 2, seed: 1, seed: 2)" + body, files: false)
  #expect(twice.errors.map(\.message) == ["strategy argument 'seed' is given twice"])
  #expect(twice.errors.first?.notes.map(\.message) == ["first given here"])
  #expect(twice.errors.first.map { $0.notes.first?.span?.start ?? 0 < $0.span.start } == true)
  let unknown = expandSweep("@sweep random(trials: 2, zeta: 1, alpha: 2, beta: 3)" + body, files: false)
  #expect(unknown.errors.map(\.message) == [
    "'random' takes no argument 'zeta'", "'random' takes no argument 'alpha'", "'random' takes no argument 'beta'",
  ])
}

/// @extends: messages merge, scalars replace, repeated fields replace unless @append, oneofs clear.
@Test func extendsMergeRules() throws {
  let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("sweep-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: directory) }
  try Data("""
    train_config {
      batch_size: 4
      num_steps: 100
      data_augmentation_options { random_horizontal_flip { } }
      optimizer { momentum_optimizer { momentum_optimizer_value: 0.9 } use_moving_average: false }
    }
    """.utf8).write(to: directory.appendingPathComponent("base.config"))
  let expansion = expandSweep("""
    @extends "base.config"
    train_config {
      batch_size: 8
      @append data_augmentation_options { random_vertical_flip { } }
      optimizer { adam_optimizer { } }
    }
    """, directory: directory)
  #expect(expansion.errors.isEmpty, "\(expansion.errors.map(\.message))")
  let text = String(decoding: expansion.points.first?.bytes ?? [], as: UTF8.self)
  #expect(text.contains("batch_size: 8\n") && !text.contains("batch_size: 4"))
  #expect(text.contains("num_steps: 100"))
  #expect(text.contains("random_horizontal_flip") && text.contains("random_vertical_flip"))
  #expect(text.contains("adam_optimizer") && !text.contains("momentum_optimizer"))
  #expect(text.contains("use_moving_average: false"))
}

/// Every sweep code's catalogue example produces it.
@Test(arguments: sweepCodeCatalog.map(\.code.rawValue))
func sweepCodeExample(_ code: String) {
  guard let info = sweepCodeCatalog.first(where: { $0.code.rawValue == code }) else { return }
  #expect(expandSweep(info.example, files: false).codes.contains(code), "\(expandSweep(info.example, files: false).diagnostics.map(\.message))")
}

@Test(arguments: sweepSyntaxCodeCatalog.map(\.code.rawValue))
func sweepSyntaxCodeExample(_ code: String) {
  guard let info = sweepSyntaxCodeCatalog.first(where: { $0.code.rawValue == code }) else { return }
  #expect(expandSweep(info.example, files: false).codes.contains(code))
}

/// File names keep to safe characters, whatever the values.
@Test func fileNamesAreSafe() {
  let name = fileName(trial: 7, width: 3, [("path", "\"../../etc/passwd\""), ("x", "a b/c")])
  #expect(name == "007-path-_.._.._etc_passwd___x-a_b_c.config")
  #expect(!name.contains("/"))
}

@Test func sha256MatchesKnownVector() {
  #expect(sha256Hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
  #expect(sha256Hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
}

/// Bytes 0, 1, ..., n - 1 at the lengths where padding spills into a new block
/// or whole blocks are read in place (reference: Python's hashlib).
@Test(arguments: [
  (55, "463eb28e72f82e0a96c0a4cc53690c571281131f672aa229e0d45ae59b598b59"),
  (56, "da2ae4d6b36748f2a318f23e7ab1dfdf45acdc9d049bd80e59de82a60895f562"),
  (63, "29af2686fd53374a36b0846694cc342177e428d1647515f078784d69cdb9e488"),
  (64, "fdeab9acf3710362bd2658cdc9a29e8f9c757fcf9811603a8c447cd1d9151108"),
  (65, "4bfd2c8b6f1eec7a2afeb48b934ee4b2694182027e6d0fc075074f2fabb31781"),
  (119, "da18797ed7c3a777f0847f429724a2d8cd5138e6ed2895c3fa1a6d39d18f7ec6"),
  (120, "f52b23db1fbb6ded89ef42a23ce0c8922c45f25c50b568a93bf1c075420bbb7c"),
])
func sha256AtBlockEdges(_ length: Int, _ expected: String) {
  #expect(sha256Hex((0..<length).map { UInt8($0) }) == expected)
}

/// Every example of `grammar/sweep.ebnf` parses as a sweep file without a diagnostic,
/// and every production has one.
@Test func sweepGrammarExamplesParse() throws {
  let text = try String(contentsOf: packageRoot.appendingPathComponent("grammar/sweep.ebnf"), encoding: .utf8)
  let examples = text.matches(of: #/\(\* example: (.*) \*\)/#).map { String($0.output.1).replacingOccurrences(of: "␤", with: "\n") }
  let productions = text.matches(of: #/(?m)^([A-Za-z]+) = /#).count
  #expect(examples.count == productions)
  for example in examples {
    var sources = SourceMap()
    let id = sources.add(path: "example.sweep", text: example)
    let (tree, diagnostics) = Parser.parse(sources[id], options: ParseOptions(sweep: true))
    #expect(diagnostics.isEmpty, "\(example): \(diagnostics.map(\.message))")
    // The formatter prints it canonically, and the canonical text means the same.
    let formatted = Formatter.format(tree)
    let again = sources.add(path: "again.sweep", bytes: formatted)
    #expect(Parser.parse(sources[again], options: ParseOptions(sweep: true)).tree.dump == tree.dump, "\(example)")
  }
}
