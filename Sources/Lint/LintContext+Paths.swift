import Check
import Schema
import Syntax

// Spelling out where a finding is (`train_config.optimizer`), only when one is reported.
extension LintContext {
  /// The dotted path of `path` (`train_config.optimizer`); empty for the root.
  package func render(_ path: LintPath) -> String {
    switch path.storage {
    case .text(let text):
      return text
    case .node(let holder):
      return names(of: holder, then: nil)
    case .field(let holder, let type, let index):
      return names(of: holder, then: info.flags.name(type, index))
    }
  }

  /// The field names from the root down to the message held by tree field `holder`,
  /// then `last`, dot-separated; built with one allocation.
  func names(of holder: Int32, then last: String?) -> String {
    withUnsafeTemporaryAllocation(of: Int32.self, capacity: 64) { chain -> String in
      // Holders from the innermost out (configs nest a few levels; 64 is far beyond).
      var depth = 0
      var h = holder
      while h >= 0 && depth < chain.count {
        chain[depth] = h
        depth += 1
        h = parent(of: h)
      }
      // The field index of each level, from the root down, and the total length.
      var count = last.map { $0.utf8.count } ?? -1
      var type = config.rootType
      var levels = 0
      while levels < depth {
        let index = bindings[Int(chain[depth - 1 - levels])].descriptorIndex
        chain[depth - 1 - levels] = info.flags.start[Int(type.raw)] + index  // now a position in `info.flags.names`
        count += info.flags.names[Int(chain[depth - 1 - levels])].utf8.count + 1
        levels += 1
        let next = info.flags.messageTypes[Int(chain[depth - 1 - levels + 1])]
        guard next >= 0 else { break }
        type = MessageID(Int(next))
      }
      guard count > 0 else { return last ?? "" }
      // The names end to end, dot-separated, copied into one buffer and made a `String`
      // once (no array of parts: this runs for every finding with a path).
      return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { buffer -> String in
        guard let target = buffer.baseAddress else { return "" }
        var at = 0
        var parts = 0
        func put(_ name: String) {
          if parts > 0 {
            target[at] = UInt8(ascii: ".")
            at += 1
          }
          parts += 1
          var name = name
          name.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            (target + at).update(from: base, count: bytes.count)
            at += bytes.count
          }
        }
        for level in 0..<levels { put(info.flags.names[Int(chain[depth - 1 - level])]) }
        if let last { put(last) }
        return String(decoding: UnsafeBufferPointer(rebasing: buffer[0..<at]), as: UTF8.self)
      }
    }
  }

  /// The tree field whose message (or list element) holds field `i`; -1 at the top level.
  func parent(of i: Int32) -> Int32 {
    let root = config.tree.rootFields
    if i >= Int32(root.start) && i < Int32(root.end) { return -1 }
    // The parser stores a message's fields after everything nested in it, so the
    // holder comes later; the whole tree is searched should that ever change.
    for j in Int(i + 1)..<fields.count where holds(j, i) { return Int32(j) }
    for j in 0..<Int(i) where holds(j, i) { return Int32(j) }
    return -1
  }

  /// Whether tree field `j`'s message (or one of its list's messages) contains field `i`.
  func holds(_ j: Int, _ i: Int32) -> Bool {
    let i = UInt32(i)
    switch fields[j].value {
    case .message(let message):
      return message.fields.start <= i && i < message.fields.end
    case .list(let list):
      for e in list.elements.indices {
        if case .message(let message) = values[e], message.fields.start <= i && i < message.fields.end { return true }
      }
      return false
    default:
      return false
    }
  }
}
