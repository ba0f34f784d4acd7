import Check
import Schema
import Synchronization

/// A field as the rules use it: its descriptor index and what its reads need, resolved once.
struct ResolvedField: Sendable {
  /// Index in the message's descriptor; -1 when the message has no such field.
  var index: Int32
  var isRepeated: Bool
  var isMessage: Bool
  /// The value when unset, as plain data (strings and enum names are read from the descriptor).
  var defaultValue: BoundValue

  static let missing = ResolvedField(index: -1, isRepeated: false, isMessage: false, defaultValue: .none)
}

/// What rules name by literal (`"num_steps"` in a message type, `"ArgMaxMatcher"`), resolved
/// against one schema and kept for every later run on that schema.
///
/// Keys are the address of the name's `StaticString` literal (with the message type, or a
/// tag for type-level queries), so a warm lookup hashes one integer and compares no bytes.
/// Two literals with the same text may have different addresses; each then gets its own
/// entry, which is harmless. A lint run reads a snapshot without locking; what it had to
/// resolve goes back into the shared table when the run ends (`publish`).
struct NameTable: Sendable {
  private var keys: [UInt64]
  private var slots: [Int32]
  private(set) var fields: [ResolvedField] = []
  /// Type-level queries: the types named so, declaring a field, or with deprecated fields.
  private(set) var queries: [TypeQuery] = []
  private var count = 0

  /// Tags of type-level keys, in place of a message type.
  static let typesNamed: UInt64 = 0xFFFF
  static let typesDeclaring: UInt64 = 0xFFFE
  static let typesWithDeprecated: UInt64 = 0xFFFD
  /// Types declaring any of several fields, keyed by the first name's literal (one call
  /// site asks with that literal first).
  static let typesDeclaringAny: UInt64 = 0xFFFC

  init(capacity: Int = 512) {
    keys = Array(repeating: 0, count: capacity)
    slots = Array(repeating: -1, count: capacity)
  }

  static func key(_ name: StaticString, _ tag: UInt64) -> UInt64? {
    guard name.hasPointerRepresentation else { return nil }
    // User-space addresses fit in 48 bits; the tag (message type or query) takes the rest.
    return UInt64(UInt(bitPattern: name.utf8Start)) | tag << 48
  }

  /// The slot of `key`, or -1.
  @inline(__always) func find(_ key: UInt64) -> Int32 {
    let mask = keys.count - 1
    var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    while true {
      let k = keys[i]
      if k == key { return slots[i] }
      if k == 0 { return -1 }
      i = (i + 1) & mask
    }
  }

  mutating func insert(_ key: UInt64, field: ResolvedField) {
    fields.append(field)
    place(key, Int32(fields.count - 1))
  }

  mutating func insert(_ key: UInt64, query: TypeQuery) {
    queries.append(query)
    place(key, Int32(queries.count - 1))
  }

  private mutating func place(_ key: UInt64, _ slot: Int32) {
    if (count + 1) * 2 > keys.count { grow() }
    let mask = keys.count - 1
    var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    while keys[i] != 0 && keys[i] != key { i = (i + 1) & mask }
    if keys[i] == 0 { count += 1 }
    keys[i] = key
    slots[i] = slot
  }

  private mutating func grow() {
    let oldKeys = keys
    let oldSlots = slots
    keys = Array(repeating: 0, count: oldKeys.count * 2)
    slots = Array(repeating: -1, count: oldKeys.count * 2)
    count = 0
    for (k, s) in zip(oldKeys, oldSlots) where k != 0 { place(k, s) }
  }

  /// Every entry of `other` this table lacks (a run's new entries, merged back).
  mutating func merge(_ other: NameTable) {
    for (k, s) in zip(other.keys, other.slots) where k != 0 && find(k) < 0 {
      if k >> 48 >= NameTable.typesDeclaringAny {
        insert(k, query: other.queries[Int(s)])
      } else {
        insert(k, field: other.fields[Int(s)])
      }
    }
  }
}

/// Message types a rule looks for anywhere in the config, and where they can be.
struct TypeQuery: Sendable {
  var types: [MessageID]
  /// Per message type: whether a message of that type is one of `types` or can hold
  /// one (at any depth), so a search skips every other subtree.
  var reaches: [Bool]

  func contains(_ type: MessageID) -> Bool {
    for t in types where t.raw == type.raw { return true }
    return false
  }
}

/// Per field of every message type, what a walk of the config asks of its descriptor,
/// as flat arrays (reading a descriptor would copy a struct of strings each time).
struct FieldFlags: Sendable {
  static let repeated: UInt8 = 1
  static let message: UInt8 = 2
  static let deprecated: UInt8 = 4

  /// Per message type, where its fields start in `flags`.
  let start: [Int32]
  let flags: [UInt8]
  /// Per message type, the types with a message field (or extension) of that type.
  let holders: [[Int32]]
  /// Per field (indexed like `flags`): its name, and its message type (-1 for scalars).
  let names: [String]
  let messageTypes: [Int32]
  /// Every field's name end to end, as bytes: field `f`'s name is
  /// `nameBytes[nameStarts[f]..<nameStarts[f + 1]]` (paths of findings copy from here).
  let nameBytes: [UInt8]
  let nameStarts: [Int32]

  init(_ schema: Schema) {
    var start: [Int32] = []
    var flags: [UInt8] = []
    var holders = [[Int32]](repeating: [], count: schema.messages.count)
    var names: [String] = []
    var messageTypes: [Int32] = []
    for (i, message) in schema.messages.enumerated() {
      start.append(Int32(flags.count))
      for field in message.fields {
        var f: UInt8 = 0
        if field.label == .repeated { f |= FieldFlags.repeated }
        names.append(field.name)
        messageTypes.append(-1)
        if case .message(let type) = field.type {
          f |= FieldFlags.message
          holders[type.index].append(Int32(i))
          messageTypes[messageTypes.count - 1] = type.raw
        }
        if field.isDeprecated { f |= FieldFlags.deprecated }
        flags.append(f)
      }
    }
    for e in schema.extensions {
      if case .message(let type) = e.field.type { holders[type.index].append(e.extendee.raw) }
    }
    self.start = start
    self.flags = flags
    self.holders = holders
    self.names = names
    self.messageTypes = messageTypes
    var nameBytes: [UInt8] = []
    var nameStarts: [Int32] = [0]
    for name in names {
      nameBytes.append(contentsOf: name.utf8)
      nameStarts.append(Int32(nameBytes.count))
    }
    self.nameBytes = nameBytes
    self.nameStarts = nameStarts
  }

  /// A query for `types`, with the types whose messages can hold them.
  func query(_ types: [MessageID]) -> TypeQuery {
    var reaches = [Bool](repeating: false, count: holders.count)
    var stack = types.map(\.raw)
    for t in stack { reaches[Int(t)] = true }
    while let t = stack.popLast() {
      for holder in holders[Int(t)] where !reaches[Int(holder)] {
        reaches[Int(holder)] = true
        stack.append(holder)
      }
    }
    return TypeQuery(types: types, reaches: reaches)
  }

  @inline(__always) func of(_ type: MessageID, _ index: Int32) -> UInt8 {
    flags[Int(start[Int(type.raw)]) + Int(index)]
  }

  func name(_ type: MessageID, _ index: Int32) -> String { names[Int(start[Int(type.raw)]) + Int(index)] }
}

/// What lint keeps per schema: the names resolved so far and the field flags. Immutable,
/// so a run holds it by one reference and reads it without locking; publishing new
/// names replaces it.
final class SchemaInfo: Sendable {
  let names: NameTable
  let flags: FieldFlags

  init(names: NameTable, flags: FieldFlags) {
    self.names = names
    self.flags = flags
  }
}

/// The schemas linted so far: each one's first message descriptor (a schema is a value,
/// but its descriptors are shared objects, so this identifies it; kept alive, so its
/// address is never reused) and its info.
private let schemaInfos = Mutex<[(anchor: MessageDescriptor, info: SchemaInfo)]>([])

extension SchemaInfo {
  /// The current info of `schema` (made the first time).
  static func current(for schema: Schema) -> SchemaInfo {
    guard let anchor = schema.messages.first else { return SchemaInfo(names: NameTable(capacity: 8), flags: FieldFlags(schema)) }
    return schemaInfos.withLock { entries in
      for entry in entries where entry.anchor === anchor { return entry.info }
      // A handful of schemas per process at most (bundled, --proto-path, the project file's).
      if entries.count >= 8 { entries.removeFirst() }
      let info = SchemaInfo(names: NameTable(), flags: FieldFlags(schema))
      entries.append((anchor, info))
      return info
    }
  }

  /// Adds what a run resolved to the info of `schema`.
  static func publish(_ table: NameTable, for schema: Schema) {
    guard let anchor = schema.messages.first else { return }
    schemaInfos.withLock { entries in
      guard let i = entries.firstIndex(where: { $0.anchor === anchor }) else { return }
      var names = entries[i].info.names
      names.merge(table)
      entries[i].info = SchemaInfo(names: names, flags: entries[i].info.flags)
    }
  }
}

extension Schema {
  /// The field `name` of `type` as rules read it (the slow path of a name lookup).
  func resolvedField(_ type: MessageID, _ name: StaticString) -> ResolvedField {
    let descriptor = self[type]
    let found = name.withUTF8Buffer { descriptor.fieldIndex(named: $0) }
    guard let index = found else { return .missing }
    return resolvedField(type, index: index)
  }

  /// The field with descriptor index `index` of `type` as rules read it.
  func resolvedField(_ type: MessageID, index: Int) -> ResolvedField {
    let descriptor = self[type]
    guard descriptor.fields.indices.contains(index) else { return .missing }
    let field = descriptor.fields[index]
    let isMessage: Bool
    if case .message = field.type { isMessage = true } else { isMessage = false }
    return ResolvedField(
      index: Int32(index), isRepeated: field.isRepeated, isMessage: isMessage, defaultValue: defaultBound(of: field))
  }

  /// The message types whose short name is `name`.
  func types(named name: StaticString) -> [MessageID] {
    let text = name.description
    return messages.indices.filter { messages[$0].name == text }.map { MessageID($0) }
  }

  /// The message types that declare a field `name`.
  func types(declaring name: StaticString) -> [MessageID] {
    messages.indices.filter { i in name.withUTF8Buffer { messages[i].fieldIndex(named: $0) } != nil }.map { MessageID($0) }
  }

  /// The message types with at least one deprecated field.
  func typesWithDeprecatedFields() -> [MessageID] {
    messages.indices.filter { messages[$0].fields.contains(where: \.isDeprecated) }.map { MessageID($0) }
  }

  /// A field's value when unset (proto2 rules), as plain data; see `TypedConfig.defaultKind`.
  func defaultBound(of field: FieldDescriptor) -> BoundValue {
    switch (field.type, field.defaultValue) {
    case (_, .integer(let v)?): return .integer(v)
    case (_, .floatingPoint(let v)?): return .floatingPoint(v)
    case (_, .bool(let v)?): return .bool(v)
    case (_, .string?): return .string
    case (_, .bytes?): return .bytes
    case (.enum(let id), .enumValue(let name)?): return .enumValue(number: self[id].value(named: name)?.number ?? 0)
    case (.enum(let id), _): return .enumValue(number: self[id].values.first?.number ?? 0)
    case (.message(let id), _): return .message(id)
    case (.bool, _): return .bool(false)
    case (.string, _): return .string
    case (.bytes, _): return .bytes
    case (.float, _), (.double, _): return .floatingPoint(0)
    default: return .integer(0)
    }
  }
}
