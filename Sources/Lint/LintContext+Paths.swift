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
      return names(of: holder, then: -1)
    case .field(let holder, let type, let index):
      return names(of: holder, then: info.flags.start[Int(type.raw)] + index)
    }
  }

  /// The field names from the root down to the message held by tree field `holder`,
  /// then field `last` (a position in `info.flags`; -1 for none), dot-separated;
  /// copied from the schema's name bytes into one buffer and made a `String` once.
  func names(of holder: Int32, then last: Int32) -> String {
    let flags = info.flags
    return withUnsafeTemporaryAllocation(of: Int32.self, capacity: 64) { chain -> String in
      // Holders from the innermost out (configs nest a few levels; 64 is far beyond).
      var depth = 0
      var h = holder
      while h >= 0 && depth < 64 {
        chain[depth] = h
        depth += 1
        h = parent(of: h)
      }
      // The field of each level (a position in `flags`), from the root down, then `last`.
      var type = config.rootType
      var levels = 0
      while levels < depth {
        let index = bindings[Int(chain[depth - 1 - levels])].descriptorIndex
        let position = flags.start[Int(type.raw)] + index
        chain[depth - 1 - levels] = position
        levels += 1
        let next = flags.messageTypes[Int(position)]
        guard next >= 0 else { break }
        type = MessageID(Int(next))
      }
      // Part `p` is level `p` from the root (`chain[depth - 1 - p]`), then `last`.
      let parts = last >= 0 ? levels + 1 : levels
      func position(_ p: Int) -> Int { p < levels ? Int(chain[depth - 1 - p]) : Int(last) }
      var count = parts - 1
      for p in 0..<parts { count += Int(flags.nameStarts[position(p) + 1] - flags.nameStarts[position(p)]) }
      guard count > 0 else { return "" }
      return flags.nameBytes.withUnsafeBufferPointer { bytes -> String in
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { buffer -> String in
          var at = 0
          for p in 0..<parts {
            if p > 0 {
              buffer[at] = UInt8(ascii: ".")
              at += 1
            }
            for b in Int(flags.nameStarts[position(p)])..<Int(flags.nameStarts[position(p) + 1]) {
              buffer[at] = bytes[b]
              at += 1
            }
          }
          return String(decoding: UnsafeBufferPointer(rebasing: buffer[0..<at]), as: UTF8.self)
        }
      }
    }
  }

  /// The tree field whose message (or list element) holds field `i`; -1 at the top level.
  func parent(of i: Int32) -> Int32 {
    let root = rootBlock
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
