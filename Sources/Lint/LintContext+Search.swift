import Check
import Schema
import Syntax

// Finding messages by type anywhere in the config: the walks behind `nodes(ofType:)`,
// `nodes(withField:)` and `deprecatedFieldsSet()`.
extension LintContext {
  /// The message types a type-level query names (short type name, declared field,
  /// deprecated fields), once per schema.
  func query(_ name: StaticString, _ tag: UInt64) -> TypeQuery {
    let compute = {
      switch tag {
      case NameTable.typesNamed: return info.flags.query(schema.types(named: name))
      case NameTable.typesDeclaring: return info.flags.query(schema.types(declaring: name))
      default: return info.flags.query(schema.typesWithDeprecatedFields())
      }
    }
    guard let key = NameTable.key(name, tag) else { return compute() }
    let slot = info.names.find(key)
    if slot >= 0 { return info.names.queries[Int(slot)] }
    if let table = shared.resolved {
      let slot = table.find(key)
      if slot >= 0 { return table.queries[Int(slot)] }
    }
    let query = compute()
    if shared.resolved == nil { shared.resolved = NameTable(capacity: 64) }
    shared.resolved?.insert(key, query: query)
    return query
  }

  /// The set messages of the query's types, depth first (the root included).
  ///
  /// A repeated message is visited where it stands; a singular one once, with all its
  /// blocks, after its parent's repeated children, in order of first appearance.
  /// Subtrees whose type cannot hold a wanted type are skipped.
  func nodes(matching query: TypeQuery) -> [Node] {
    var found: [Node] = []
    if query.reaches[Int(config.rootType.raw)] { walk(root, query, into: &found) }
    return found
  }

  func walk(_ node: Node, _ query: TypeQuery, into found: inout [Node]) {
    if query.contains(node.type) {
      // Room for several at the first: growing one by one costs an allocation each time.
      if found.capacity == 0 { found.reserveCapacity(8) }
      found.append(node)
    }
    // Singular message fields by descriptor index (below 64): seen, and seen more than once.
    var seen: UInt64 = 0
    var repeatedly: UInt64 = 0
    var singular = 0
    for k in 0..<blockCount(node) {
      for i in block(node, k).indices {
        let binding = bindings[i]
        guard binding.isLive, binding.descriptorIndex >= 0 else { continue }
        switch binding.value {
        case .message(let type):
          guard query.reaches[Int(type.raw)], case .message(let message) = fields[i].value else { continue }
          if info.flags.of(node.type, binding.descriptorIndex) & FieldFlags.repeated != 0 {
            let child = Node(
              type: type, holder: Int32(i), block: message.fields, site: fields[i].name.range, body: message.textRange)
            walk(child, query, into: &found)
          } else {
            singular += 1
            if binding.descriptorIndex < 64 {
              let bit: UInt64 = 1 << UInt64(binding.descriptorIndex)
              repeatedly |= seen & bit
              seen |= bit
            }
          }
        case .none:
          // A list (of messages, when the field is a message field).
          guard case .list(let list) = fields[i].value else { continue }
          for e in list.elements.indices {
            guard case .message(let type) = elementValues[e], query.reaches[Int(type.raw)],
              case .message(let message) = values[e]
            else { continue }
            let child = Node(
              type: type, holder: Int32(i), block: message.fields, site: fields[i].name.range, body: message.textRange)
            walk(child, query, into: &found)
          }
        default:
          continue
        }
      }
    }
    guard singular > 0 else { return }
    // Then each singular message once, in order of first appearance, its blocks merged.
    for k in 0..<blockCount(node) {
      for i in block(node, k).indices {
        let binding = bindings[i]
        guard binding.isLive, binding.descriptorIndex >= 0, case .message(let type) = binding.value,
          query.reaches[Int(type.raw)], case .message(let message) = fields[i].value,
          info.flags.of(node.type, binding.descriptorIndex) & FieldFlags.repeated == 0
        else { continue }
        let index = binding.descriptorIndex
        if index < 64 && repeatedly & (1 << UInt64(index)) == 0 {
          let child = Node(
            type: type, holder: Int32(i), block: message.fields, site: fields[i].name.range, body: message.textRange)
          walk(child, query, into: &found)
        } else if !occursBefore(index, k, i, in: node) {
          walk(mergedChild(index, type, from: k, i, in: node), query, into: &found)
        }
        singular -= 1
        if singular == 0 { return }
      }
    }
  }

  /// Whether a live `{ … }` occurrence of field `index` comes before position `i` of block `k`.
  func occursBefore(_ index: Int32, _ k: Int, _ i: Int, in node: Node) -> Bool {
    for kk in 0...k {
      for j in block(node, kk).indices {
        if kk == k && j == i { return false }
        if bindings[j].descriptorIndex == index, bindings[j].isLive, case .message = fields[j].value { return true }
      }
    }
    return false
  }

  /// The singular message field `index` with every `{ … }` occurrence from position `i` of block `k` on.
  func mergedChild(_ index: Int32, _ type: MessageID, from k: Int, _ i: Int, in node: Node) -> Node {
    var child = Node(type: type, holder: Int32(i), block: .none)
    var count = 0
    for kk in k..<blockCount(node) {
      for j in block(node, kk).indices where kk > k || j >= i {
        guard bindings[j].descriptorIndex == index, bindings[j].isLive, case .message(let message) = fields[j].value
        else { continue }
        if count == 0 {
          child.block = message.fields
        } else {
          if child.more.isVoid { child.more = IndexRange(shared.extraBlocks.count, shared.extraBlocks.count) }
          shared.extraBlocks.append(message.fields)
          child.more.end += 1
        }
        count += 1
        child.holder = Int32(j)
        child.site = fields[j].name.range
        child.body = message.textRange
      }
    }
    return child
  }

  /// The set messages of the type named `name` (short name, e.g. `ArgMaxMatcher`), depth first.
  package func nodes(ofType name: StaticString) -> [Node] {
    nodes(matching: query(name, NameTable.typesNamed))
  }

  /// The set messages whose type declares the field `name`, depth first.
  package func nodes(withField name: StaticString) -> [Node] {
    nodes(matching: query(name, NameTable.typesDeclaring))
  }

  /// The set messages whose type declares any of the fields `names`, depth first: one
  /// walk for several `nodes(withField:)` queries. The query is kept under the first
  /// name's literal, so each call site names its fields in one fixed order.
  package func nodes(withAnyField names: [StaticString]) -> [Node] {
    guard let first = names.first else { return [] }
    let compute = {
      var types: [MessageID] = []
      for name in names {
        for type in schema.types(declaring: name) where !types.contains(where: { $0.raw == type.raw }) {
          types.append(type)
        }
      }
      return info.flags.query(types)
    }
    guard let key = NameTable.key(first, NameTable.typesDeclaringAny) else { return nodes(matching: compute()) }
    let slot = info.names.find(key)
    if slot >= 0 { return nodes(matching: info.names.queries[Int(slot)]) }
    if let table = shared.resolved {
      let slot = table.find(key)
      if slot >= 0 { return nodes(matching: table.queries[Int(slot)]) }
    }
    let query = compute()
    if shared.resolved == nil { shared.resolved = NameTable(capacity: 64) }
    shared.resolved?.insert(key, query: query)
    return nodes(matching: query)
  }

  /// The deprecated fields set anywhere in the file: each message (depth first) with
  /// the descriptor index of each such field, in order of first appearance.
  package func deprecatedFieldsSet() -> [(node: Node, index: Int)] {
    var found: [(node: Node, index: Int)] = []
    for node in nodes(matching: query("deprecated", NameTable.typesWithDeprecated)) {
      let start = found.count
      for k in 0..<blockCount(node) {
        for i in block(node, k).indices where bindings[i].isLive {
          let index = bindings[i].descriptorIndex
          guard index >= 0, info.flags.of(node.type, index) & FieldFlags.deprecated != 0,
            !found[start...].contains(where: { $0.index == Int(index) })
          else { continue }
          if found.capacity == 0 { found.reserveCapacity(8) }  // as in `walk`
          found.append((node, Int(index)))
        }
      }
    }
    return found
  }
}
