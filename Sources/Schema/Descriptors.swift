import Diagnostics

#if canImport(Glibc)
  import Glibc
#endif

/// Index of a message type in `Schema.messages`.
package struct MessageID: Hashable, Sendable {
  package let raw: Int32
  package init(_ raw: Int) { self.raw = Int32(raw) }
  package var index: Int { Int(raw) }
}

/// Index of an enum type in `Schema.enums`.
package struct EnumID: Hashable, Sendable {
  package let raw: Int32
  package init(_ raw: Int) { self.raw = Int32(raw) }
  package var index: Int { Int(raw) }
}

/// A field's cardinality, as declared (`optional`, `required`, `repeated`; proto3
/// fields without a label are `.optional`).
package enum FieldLabel: String, Sendable {
  case optional
  case required
  case repeated
}

/// A field's type, with message and enum types resolved.
package enum FieldType: Hashable, Sendable {
  case double
  case float
  case int32
  case int64
  case uint32
  case uint64
  case sint32
  case sint64
  case fixed32
  case fixed64
  case sfixed32
  case sfixed64
  case bool
  case string
  case bytes
  case message(MessageID)
  case `enum`(EnumID)

  /// The scalar type named by a `.proto` keyword (`int32`), or nil.
  package init?(keyword: String) {
    switch keyword {
    case "double": self = .double
    case "float": self = .float
    case "int32": self = .int32
    case "int64": self = .int64
    case "uint32": self = .uint32
    case "uint64": self = .uint64
    case "sint32": self = .sint32
    case "sint64": self = .sint64
    case "fixed32": self = .fixed32
    case "fixed64": self = .fixed64
    case "sfixed32": self = .sfixed32
    case "sfixed64": self = .sfixed64
    case "bool": self = .bool
    case "string": self = .string
    case "bytes": self = .bytes
    default: return nil
    }
  }

  /// Inclusive range of an integer type, or nil for other types.
  package var integerRange: (min: Int128, max: Int128)? {
    switch self {
    case .int32, .sint32, .sfixed32: (Int128(Int32.min), Int128(Int32.max))
    case .uint32, .fixed32: (0, Int128(UInt32.max))
    case .int64, .sint64, .sfixed64: (Int128(Int64.min), Int128(Int64.max))
    case .uint64, .fixed64: (0, Int128(UInt64.max))
    default: nil
    }
  }

  package var isFloatingPoint: Bool { self == .float || self == .double }

  /// The `.proto` keyword of a scalar type (`uint32`); `message` and `enum` otherwise.
  package var keyword: String {
    switch self {
    case .double: "double"
    case .float: "float"
    case .int32: "int32"
    case .int64: "int64"
    case .uint32: "uint32"
    case .uint64: "uint64"
    case .sint32: "sint32"
    case .sint64: "sint64"
    case .fixed32: "fixed32"
    case .fixed64: "fixed64"
    case .sfixed32: "sfixed32"
    case .sfixed64: "sfixed64"
    case .bool: "bool"
    case .string: "string"
    case .bytes: "bytes"
    case .message: "message"
    case .enum: "enum"
    }
  }
}

/// A field's `[default = …]`, parsed to the field's type.
package enum DefaultValue: Hashable, Sendable {
  case integer(Int128)
  case floatingPoint(Double)
  case bool(Bool)
  case string(String)
  case bytes([UInt8])
  /// An enum default, by value name.
  case enumValue(String)
}

/// Where a declaration stands in a `.proto` file, for diagnostics about the schema itself.
package struct DeclarationSite: Hashable, Sendable {
  package var file: String
  package var line: Int

  package init(file: String, line: Int) {
    self.file = file
    self.line = line
  }
}

package struct FieldDescriptor: Sendable {
  package var name: String
  package var number: Int32
  package var label: FieldLabel
  package var type: FieldType
  /// The declared default; nil means the type's zero value (0, false, "", first enum value).
  package var defaultValue: DefaultValue?
  /// Index into the containing message's `oneofs`, if the field belongs to one.
  package var oneofIndex: Int?
  package var isDeprecated: Bool
  package var site: DeclarationSite?

  package init(
    name: String, number: Int32, label: FieldLabel, type: FieldType, defaultValue: DefaultValue? = nil,
    oneofIndex: Int? = nil, isDeprecated: Bool = false, site: DeclarationSite? = nil
  ) {
    self.name = name
    self.number = number
    self.label = label
    self.type = type
    self.defaultValue = defaultValue
    self.oneofIndex = oneofIndex
    self.isDeprecated = isDeprecated
    self.site = site
  }

  package var isRepeated: Bool { label == .repeated }
}

package struct OneofDescriptor: Sendable {
  package var name: String
  /// Indices into the containing message's `fields`.
  package var fieldIndices: [Int]

  package init(name: String, fieldIndices: [Int]) {
    self.name = name
    self.fieldIndices = fieldIndices
  }
}

/// A message type. A class because it is immutable and shared by every
/// lookup: reading one retains one reference instead of each of its arrays.
package final class MessageDescriptor: Sendable {
  /// `object_detection.protos.SsdModel` (nested types: `Outer.Inner`).
  package let fullName: String
  package let name: String
  package let fields: [FieldDescriptor]
  package let oneofs: [OneofDescriptor]
  /// Whether two fields share a name (the schema builder then reports them).
  package let hasRepeatedFieldNames: Bool
  /// Indices of `required` fields (checked in every message value).
  package let requiredFieldIndices: [Int]
  /// Every field name's UTF-8 bytes end to end, and where each starts (one
  /// more entry than fields), so the checker matches names without a `String`.
  private let nameBytes: [UInt8]
  private let nameStarts: [Int32]
  /// Open-addressing table over `nameHash`: field index + 1, 0 for an empty
  /// slot; its size is a power of two at least twice the field count, so a
  /// lookup compares about one name instead of scanning them all.
  private let nameSlots: [Int16]
  /// Per field, what the checker needs on its hot path, with no reference
  /// inside: copying one retains nothing (a `FieldDescriptor` holds strings).
  package let fieldInfo: [FieldInfo]
  /// `extensions N to M;` ranges (inclusive).
  package let extensionRanges: [ClosedRange<Int32>]
  /// True for the synthetic entry message of a `map<K, V>` field.
  package let isMapEntry: Bool
  package let site: DeclarationSite?

  package init(
    fullName: String, name: String, fields: [FieldDescriptor], oneofs: [OneofDescriptor] = [],
    extensionRanges: [ClosedRange<Int32>] = [], isMapEntry: Bool = false, site: DeclarationSite? = nil
  ) {
    self.fullName = fullName
    self.name = name
    self.fields = fields
    self.oneofs = oneofs
    self.extensionRanges = extensionRanges
    self.isMapEntry = isMapEntry
    self.site = site
    var bytes: [UInt8] = []
    var starts: [Int32] = [0]
    starts.reserveCapacity(fields.count + 1)
    for field in fields {
      bytes += field.name.utf8
      starts.append(Int32(bytes.count))
    }
    nameBytes = bytes
    nameStarts = starts
    var size = 4
    while size < 2 * fields.count { size *= 2 }
    var slots = [Int16](repeating: 0, count: size)
    precondition(fields.count < Int(Int16.max), "field indices fit the slot table")
    var repeated = false
    bytes.withUnsafeBufferPointer { all in
      for i in fields.indices {
        let name = UnsafeBufferPointer(rebasing: all[Int(starts[i])..<Int(starts[i + 1])])
        var slot = nameHash(name) & (size - 1)
        while slots[slot] != 0 {
          let j = Int(slots[slot]) - 1
          if UnsafeBufferPointer(rebasing: all[Int(starts[j])..<Int(starts[j + 1])]).elementsEqual(name) {
            // A repeated name finds its last field, as a dictionary built in order would.
            repeated = true
            break
          }
          slot = (slot + 1) & (size - 1)
        }
        slots[slot] = Int16(i + 1)
      }
    }
    nameSlots = slots
    hasRepeatedFieldNames = repeated
    fieldInfo = fields.map {
      FieldInfo(type: $0.type, isRepeated: $0.isRepeated, oneofIndex: Int32($0.oneofIndex ?? -1))
    }
    requiredFieldIndices = fields.indices.filter { fields[$0].label == .required }
  }

  package func field(named name: String) -> FieldDescriptor? {
    fieldIndex(of: name).map { fields[$0] }
  }

  /// The index of the field named `name`, by comparing bytes (no hashing).
  package func fieldIndex(of name: String) -> Int? {
    var name = name
    return name.withUTF8 { fieldIndex(named: $0) }
  }

  /// The index of the field whose name is exactly these UTF-8 bytes.
  package func fieldIndex(named name: UnsafeBufferPointer<UInt8>) -> Int? {
    nameSlots.withUnsafeBufferPointer { slots in
      nameBytes.withUnsafeBufferPointer { all in
        nameStarts.withUnsafeBufferPointer { starts in
          let mask = slots.count - 1
          var slot = nameHash(name) & mask
          while true {
            let entry = Int(slots[slot])
            if entry == 0 { return nil }
            let i = entry - 1
            let start = Int(starts[i])
            if Int(starts[i + 1]) - start == name.count,
              let expected = all.baseAddress, let given = name.baseAddress,
              memcmp(expected + start, given, name.count) == 0
            {
              return i
            }
            slot = (slot + 1) & mask
          }
        }
      }
    }
  }
}

/// A field's type, cardinality and oneof, as plain data (see `MessageDescriptor.fieldInfo`).
package struct FieldInfo: Sendable {
  package var type: FieldType
  package var isRepeated: Bool
  /// Index into the containing message's `oneofs`, or -1.
  package var oneofIndex: Int32
}

/// A field name's slot-table hash: its length and three of its bytes, mixed.
/// Cheap on purpose: a collision costs one more comparison, and the names of
/// one message rarely agree in length, first, middle and last byte.
@inline(__always)
private func nameHash(_ name: UnsafeBufferPointer<UInt8>) -> Int {
  let n = name.count
  guard n > 0 else { return 0 }
  let mixed = UInt32(truncatingIfNeeded: n) &* 0x9E37_79B1
    ^ UInt32(name[0]) ^ UInt32(name[n - 1]) << 8 ^ UInt32(name[n / 2]) << 16
  return Int((mixed &* 0x85EB_CA6B) >> 16)
}

package struct EnumValueDescriptor: Sendable {
  package var name: String
  package var number: Int32

  package init(name: String, number: Int32) {
    self.name = name
    self.number = number
  }
}

package struct EnumDescriptor: Sendable {
  package var fullName: String
  package var name: String
  /// In declaration order; with `allow_alias`, several names may share a number.
  package var values: [EnumValueDescriptor]
  package var site: DeclarationSite?

  package init(fullName: String, name: String, values: [EnumValueDescriptor], site: DeclarationSite? = nil) {
    self.fullName = fullName
    self.name = name
    self.values = values
    self.site = site
  }

  package func value(named name: String) -> EnumValueDescriptor? { values.first { $0.name == name } }
  package func value(numbered number: Int32) -> EnumValueDescriptor? { values.first { $0.number == number } }
}

/// An `extend Foo { … }` field, keyed by its full name (`pkg.ext_name`).
package struct ExtensionDescriptor: Sendable {
  package var fullName: String
  package var extendee: MessageID
  package var field: FieldDescriptor

  package init(fullName: String, extendee: MessageID, field: FieldDescriptor) {
    self.fullName = fullName
    self.extendee = extendee
    self.field = field
  }
}

/// Every type of a set of `.proto` files, resolved, addressed by ID and full name.
package struct Schema: Sendable {
  package var messages: [MessageDescriptor]
  package var enums: [EnumDescriptor]
  package var extensions: [ExtensionDescriptor]
  package var messageIDByName: [String: MessageID]
  package var enumIDByName: [String: EnumID]

  package init(messages: [MessageDescriptor], enums: [EnumDescriptor], extensions: [ExtensionDescriptor] = []) {
    self.messages = messages
    self.enums = enums
    self.extensions = extensions
    var messageIndex: [String: MessageID] = [:]
    for (i, message) in messages.enumerated() { messageIndex[message.fullName] = MessageID(i) }
    var enumIndex: [String: EnumID] = [:]
    for (i, e) in enums.enumerated() { enumIndex[e.fullName] = EnumID(i) }
    messageIDByName = messageIndex
    enumIDByName = enumIndex
  }

  package subscript(id: MessageID) -> MessageDescriptor { messages[id.index] }
  package subscript(id: EnumID) -> EnumDescriptor { enums[id.index] }

  package func message(named fullName: String) -> MessageID? { messageIDByName[fullName] }

  /// The root of `pipeline.config`.
  package static let pipelineRoot = "object_detection.protos.TrainEvalPipelineConfig"
  /// The root of label maps (`*.pbtxt`).
  package static let labelMapRoot = "object_detection.protos.StringIntLabelMap"
}
