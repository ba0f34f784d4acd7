import Diagnostics

/// One parsed `.proto` file, before names are resolved.
///
/// Plain values with spans into the file; the parser has already dropped (and
/// reported) anything it could not read, so the builder trusts every node.
package struct ProtoFile: Sendable {
  /// The path other files import it by (`object_detection/protos/train.proto`).
  package var importPath: String
  package var fileID: FileID
  /// `proto2` or `proto3`; a file without `syntax` is proto2.
  package var syntax: ProtoSyntax = .proto2
  package var package: String = ""
  package var imports: [ProtoImport] = []
  package var options: [ProtoOption] = []
  package var messages: [ProtoMessage] = []
  package var enums: [ProtoEnum] = []
  package var extends: [ProtoExtend] = []

  package init(importPath: String, fileID: FileID) {
    self.importPath = importPath
    self.fileID = fileID
  }
}

package enum ProtoSyntax: String, Sendable {
  case proto2
  case proto3
}

package struct ProtoImport: Sendable {
  package enum Kind: String, Sendable {
    case normal
    /// Re-exported to files importing this one.
    case `public`
    /// Allowed to be missing (protoc's `weak`); still loaded when present.
    case weak
  }

  package var path: String
  package var kind: Kind
  /// The string literal.
  package var span: SourceSpan
}

/// `option name = value;` or `[name = value]`: kept, and read only for the
/// few options pipec understands (`default`, `deprecated`, `allow_alias`).
package struct ProtoOption: Sendable {
  /// As written, normalised: `java_package`, `(my.ext).sub.field`.
  package var name: String
  package var value: ProtoConstant
  package var nameSpan: SourceSpan
}

/// A constant in an option: what text format calls a scalar, or an aggregate `{ … }`.
package struct ProtoConstant: Sendable {
  package enum Value: Sendable, Equatable {
    /// `true`, `inf`, `FOO`, `a.b.c`.
    case identifier(String)
    /// `-inf`, `-nan`, `-FOO` (meaningful only for floats).
    case negativeIdentifier(String)
    /// An integer literal; `magnitude` is nil when it does not fit 64 bits.
    case integer(magnitude: UInt64?, negative: Bool)
    case float(Double)
    /// Adjacent string literals joined, escapes decoded.
    case string([UInt8])
    /// `{ … }` in text format, kept as written.
    case aggregate(String)
  }

  package var value: Value
  package var span: SourceSpan
}

package enum ProtoLabel: String, Sendable {
  case optional
  case required
  case repeated
}

/// A field's type as written.
package enum ProtoTypeReference: Sendable {
  case scalar(FieldType)
  /// A message or enum name, relative (`Outer.Inner`) or fully qualified (`.pkg.T`).
  case named(String, SourceSpan)
}

package struct ProtoField: Sendable {
  package var name: String
  package var nameSpan: SourceSpan
  /// Nil when no label was written (proto3 implicit presence, or inside a oneof).
  package var label: ProtoLabel?
  package var type: ProtoTypeReference
  package var typeSpan: SourceSpan
  /// The number as written; may be out of range (the builder reports it).
  package var number: Int64
  package var numberSpan: SourceSpan
  package var options: [ProtoOption] = []
  /// Index into the message's `oneofs`.
  package var oneofIndex: Int? = nil
  /// True for `map<K, V>` fields, whose type names the synthetic entry message.
  package var isMap: Bool = false
  /// 1-based line of the name, for `DeclarationSite`.
  package var line: Int = 0
}

package struct ProtoOneof: Sendable {
  package var name: String
  package var nameSpan: SourceSpan
  package var options: [ProtoOption] = []
}

/// `reserved 2, 15, 9 to 11;` or `reserved "foo", "bar";`.
package struct ProtoReserved: Sendable {
  package var ranges: [(range: ClosedRange<Int64>, span: SourceSpan)] = []
  package var names: [(name: String, span: SourceSpan)] = []
}

package struct ProtoMessage: Sendable {
  package var name: String
  package var nameSpan: SourceSpan
  /// From the name to the closing `}`.
  package var span: SourceSpan
  package var fields: [ProtoField] = []
  package var oneofs: [ProtoOneof] = []
  package var messages: [ProtoMessage] = []
  package var enums: [ProtoEnum] = []
  package var extends: [ProtoExtend] = []
  package var reserved = ProtoReserved()
  /// `extensions 100 to 199;`, inclusive, with `max` already replaced.
  package var extensionRanges: [(range: ClosedRange<Int64>, span: SourceSpan)] = []
  package var options: [ProtoOption] = []
  /// The synthetic `XxxEntry` of a `map<K, V>` field.
  package var isMapEntry = false
  /// 1-based line of the name, for `DeclarationSite`.
  package var line = 0

  package init(name: String, nameSpan: SourceSpan, span: SourceSpan) {
    self.name = name
    self.nameSpan = nameSpan
    self.span = span
  }
}

package struct ProtoEnumValue: Sendable {
  package var name: String
  package var nameSpan: SourceSpan
  package var number: Int64
  package var numberSpan: SourceSpan
  package var options: [ProtoOption] = []
}

package struct ProtoEnum: Sendable {
  package var name: String
  package var nameSpan: SourceSpan
  package var span: SourceSpan
  package var values: [ProtoEnumValue] = []
  package var options: [ProtoOption] = []
  package var reserved = ProtoReserved()
  /// 1-based line of the name, for `DeclarationSite`.
  package var line = 0

  package init(name: String, nameSpan: SourceSpan, span: SourceSpan) {
    self.name = name
    self.nameSpan = nameSpan
    self.span = span
  }
}

/// `extend Foo { … }`.
package struct ProtoExtend: Sendable {
  package var extendee: String
  package var extendeeSpan: SourceSpan
  package var fields: [ProtoField] = []
}

/// The largest field number protobuf allows (2^29 - 1), which `max` stands for.
package let maxFieldNumber: Int64 = 536_870_911
