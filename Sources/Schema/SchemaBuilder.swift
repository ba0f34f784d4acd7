import Diagnostics
import Syntax

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// Turns parsed `.proto` files into a resolved `Schema`.
///
/// Names resolve as in protoc: a relative name's first component is looked up
/// from the innermost scope outward (message, enclosing messages, package and
/// its parents), and the rest inside what it names; `.pkg.T` is fully
/// qualified. A type is usable only from its own file, files importing it, or
/// through `import public`. Fields whose type does not resolve are reported and
/// left out of their message (so one mistake yields one diagnostic).
///
/// Messages are numbered in declaration order, each before its nested types.
package struct SchemaBuilder {
  private enum SymbolKind {
    case package
    case message(Int)
    case enumType(Int)
    case enumValue
    case extensionField
    var isType: Bool {
      switch self {
      case .message, .enumType: true
      default: false
      }
    }
    var isAggregate: Bool {
      switch self {
      case .package, .message, .enumType: true
      default: false
      }
    }
  }

  private struct Symbol {
    var kind: SymbolKind
    var file: Int
    var span: SourceSpan?
  }

  private struct PendingMessage {
    var fullName: String
    var ast: ProtoMessage
    var file: Int
  }

  private struct PendingEnum {
    var fullName: String
    var ast: ProtoEnum
    var file: Int
  }

  private struct PendingExtend {
    var scope: String
    var ast: ProtoExtend
    var file: Int
  }

  private let files: [ProtoFile]
  private let sources: SourceMap
  private var diagnostics: [Diagnostic] = []
  private var symbols: [String: Symbol] = [:]
  /// Full names of message and enum types by their last component, for the common
  /// case of a one-word type name (saves building a candidate name per scope).
  private var typesByShortName: [String: [(fullName: String, symbol: Symbol)]] = [:]
  private var pendingMessages: [PendingMessage] = []
  private var pendingEnums: [PendingEnum] = []
  private var pendingExtends: [PendingExtend] = []
  /// For each file, the files whose types it may use.
  private var visible: [Set<Int>] = []
  private var paths: [String?] = []
  private var enums: [EnumDescriptor] = []
  /// Files with an import that failed to load: their unresolved names are not reported again.
  private let filesMissingImports: Set<Int>

  /// Builds the schema of `files`, given dependencies first; `sources` holds their bytes.
  ///
  /// `filesMissingImports` lists indices of files with an import that could not
  /// be loaded, whose unresolved type names were already explained by that error.
  package static func build(
    _ files: [ProtoFile], sources: SourceMap, filesMissingImports: Set<Int> = [],
    diagnostics: inout [Diagnostic]
  ) -> Schema {
    var builder = SchemaBuilder(files: files, sources: sources, filesMissingImports: filesMissingImports)
    let schema = builder.run()
    diagnostics += builder.diagnostics
    return schema
  }

  private init(files: [ProtoFile], sources: SourceMap, filesMissingImports: Set<Int>) {
    self.files = files
    self.sources = sources
    self.filesMissingImports = filesMissingImports
  }

  private mutating func run() -> Schema {
    computeVisibility()
    // Growing these dictionaries rehashes every long name; size them up front.
    var declarations = 0
    func count(_ m: ProtoMessage) -> Int {
      m.messages.reduce(1 + m.enums.reduce(0) { $0 + 1 + $1.values.count }) { $0 + count($1) }
    }
    for file in files {
      declarations += file.messages.reduce(0) { $0 + count($1) } + file.enums.reduce(0) { $0 + 1 + $1.values.count }
    }
    symbols.reserveCapacity(declarations + 8)
    typesByShortName.reserveCapacity(declarations)
    for (i, file) in files.enumerated() {
      var scope = ""
      for part in file.package.split(separator: ".") {
        scope = scope.isEmpty ? String(part) : scope + "." + part
        if symbols[scope] == nil { symbols[scope] = Symbol(kind: .package, file: i) }
      }
      for message in file.messages { register(message, scope: file.package, file: i) }
      for e in file.enums { register(e, scope: file.package, file: i) }
      for extend in file.extends { pendingExtends.append(PendingExtend(scope: file.package, ast: extend, file: i)) }
    }
    for pending in pendingEnums { enums.append(buildEnum(pending)) }
    var messages: [MessageDescriptor] = []
    messages.reserveCapacity(pendingMessages.count)
    for pending in pendingMessages { messages.append(buildMessage(pending)) }
    var extensions: [ExtensionDescriptor] = []
    for pending in pendingExtends { buildExtensions(pending, messages: messages, into: &extensions) }
    return Schema(messages: messages, enums: enums, extensions: extensions)
  }

  // MARK: Symbols

  private mutating func computeVisibility() {
    var indexByPath: [String: Int] = [:]
    for (i, file) in files.enumerated() { indexByPath[file.importPath] = i }
    // Files come dependencies first, so each file's public re-exports are known before it is needed.
    var exported: [Set<Int>] = []
    for (i, file) in files.enumerated() {
      var seen: Set<Int> = [i]
      var exports: Set<Int> = [i]
      for item in file.imports {
        guard let j = indexByPath[item.path], j < i else { continue }
        seen.formUnion(exported[j])
        if item.kind == .public { exports.formUnion(exported[j]) }
      }
      visible.append(seen)
      exported.append(exports)
    }
  }

  private mutating func define(_ name: String, _ symbol: Symbol, note: String? = nil) -> Bool {
    if let existing = symbols[name] {
      // A package may be declared by many files; anything else only once.
      if case .package = existing.kind, case .package = symbol.kind { return false }
      if let span = symbol.span {
        var notes = [Note("first defined here", at: existing.span)]
        if let note { notes.append(Note(note)) }
        diagnostics.append(.error(
          .duplicateSymbol, at: span, "'\(name)' is already defined", notes: notes))
      }
      return false
    }
    symbols[name] = symbol
    return true
  }

  private mutating func register(_ message: ProtoMessage, scope: String, file: Int) {
    let fullName = scope.isEmpty ? message.name : scope + "." + message.name
    let symbol = Symbol(kind: .message(pendingMessages.count), file: file, span: message.nameSpan)
    guard define(fullName, symbol) else { return }
    typesByShortName[message.name, default: []].append((fullName, symbol))
    pendingMessages.append(PendingMessage(fullName: fullName, ast: message, file: file))
    for nested in message.messages { register(nested, scope: fullName, file: file) }
    for e in message.enums { register(e, scope: fullName, file: file) }
    for extend in message.extends { pendingExtends.append(PendingExtend(scope: fullName, ast: extend, file: file)) }
  }

  private mutating func register(_ e: ProtoEnum, scope: String, file: Int) {
    let fullName = scope.isEmpty ? e.name : scope + "." + e.name
    let symbol = Symbol(kind: .enumType(pendingEnums.count), file: file, span: e.nameSpan)
    guard define(fullName, symbol) else { return }
    typesByShortName[e.name, default: []].append((fullName, symbol))
    pendingEnums.append(PendingEnum(fullName: fullName, ast: e, file: file))
    // Enum values are siblings of their enum, as in C++.
    for value in e.values {
      let valueName = scope.isEmpty ? value.name : scope + "." + value.name
      _ = define(
        valueName, Symbol(kind: .enumValue, file: file, span: value.nameSpan),
        note: "enum values share the scope of their enum, as in C++, so names must be unique across sibling enums")
    }
  }

  /// The symbol `name` denotes from `scope` (a message or package full name), protoc's way.
  private func lookup(_ name: String, from scope: String) -> (String, Symbol)? {
    if name.hasPrefix(".") {
      let full = String(name.dropFirst())
      return symbols[full].map { (full, $0) }
    }
    guard let dot = name.utf8.firstIndex(of: UInt8(ascii: ".")) else {
      // One word: of the types with that short name, the one in the innermost
      // enclosing scope. Only types count here, as in protoc's LOOKUP_TYPES.
      guard let candidates = typesByShortName[name] else { return nil }
      var best: (String, Symbol)? = nil
      var scope = scope
      scope.withUTF8 { scopeBytes in
        for var candidate in candidates {
          let parentLength = candidate.fullName.utf8.count - name.utf8.count - 1
          let encloses = candidate.fullName.withUTF8 { bytes in
            guard parentLength > 0 else { return true }
            guard parentLength <= scopeBytes.count,
              parentLength == scopeBytes.count || scopeBytes[parentLength] == UInt8(ascii: ".")
            else { return false }
            guard let a = bytes.baseAddress, let b = scopeBytes.baseAddress else { return false }
            return memcmp(a, b, parentLength) == 0
          }
          if encloses, best.map({ $0.0.utf8.count < candidate.fullName.utf8.count }) ?? true {
            best = (candidate.fullName, candidate.symbol)
          }
        }
      }
      return best
    }
    let first = name[..<dot]
    var scope = Substring(scope)
    while true {
      let candidate = scope.isEmpty ? String(first) : scope + "." + first
      // protoc stops at the first scope whose first component is an aggregate
      // (package, message, enum), even if the rest of the name is missing there.
      if let symbol = symbols[candidate], symbol.kind.isAggregate {
        let full = scope.isEmpty ? name : scope + "." + name
        return symbols[full].map { (full, $0) } ?? (full, Symbol(kind: .enumValue, file: -1))
      }
      guard !scope.isEmpty else { return nil }
      scope = scope.utf8.lastIndex(of: UInt8(ascii: ".")).map { scope[..<$0] } ?? ""
    }
  }

  /// Resolves a field's (or extendee's) type name, reporting failures; nil when unusable.
  private mutating func resolveType(
    _ name: String, at span: SourceSpan, from scope: String, file: Int, wantMessage: Bool = false
  ) -> FieldType? {
    guard let (full, symbol) = lookup(name, from: scope) else {
      if !filesMissingImports.contains(file) {
        var help: String? = nil
        if let near = nearestTypeName(to: name) { help = "did you mean '\(near)'?" }
        diagnostics.append(.error(.unresolvedType, at: span, "unknown type '\(name)'", help: help))
      }
      return nil
    }
    let type: FieldType
    switch symbol.kind {
    case .message(let i): type = .message(MessageID(i))
    case .enumType(let i): type = .enum(EnumID(i))
    default:
      if symbol.file < 0 {
        if !filesMissingImports.contains(file) {
          diagnostics.append(.error(.unresolvedType, at: span, "unknown type '\(name)' (looked for '\(full)')"))
        }
      } else {
        diagnostics.append(.error(.wrongKindOfType, at: span, "'\(name)' (\(full)) is not a message or enum type"))
      }
      return nil
    }
    if wantMessage, case .enum = type {
      diagnostics.append(.error(.wrongKindOfType, at: span, "'\(full)' is an enum; only messages can be extended"))
      return nil
    }
    if symbol.file >= 0, !visible[file].contains(symbol.file) {
      let definedIn = files[symbol.file].importPath
      diagnostics.append(.error(
        .unimportedType, at: span, "'\(full)' is defined in '\(definedIn)', which is not imported",
        help: "add 'import \"\(definedIn)\";'"))
    }
    return type
  }

  private func nearestTypeName(to name: String) -> String? {
    let last = name.split(separator: ".").last.map(String.init) ?? name
    var best: (String, Int)? = nil
    for (full, symbol) in symbols where symbol.kind.isType {
      let short = full.split(separator: ".").last.map(String.init) ?? full
      let distance = levenshteinDistance(last.lowercased(), short.lowercased())
      if distance <= 2, best.map({ distance < $0.1 || (distance == $0.1 && full < $0.0) }) ?? true {
        best = (full, distance)
      }
    }
    return best?.0
  }

  // MARK: Descriptors

  private mutating func site(_ span: SourceSpan, line: Int) -> DeclarationSite {
    let i = Int(span.file.raw)
    if i >= paths.count { paths += Array(repeating: nil, count: i + 1 - paths.count) }
    if paths[i] == nil { paths[i] = sources[span.file].path }
    return DeclarationSite(file: paths[i] ?? "", line: line)
  }

  private mutating func buildEnum(_ pending: PendingEnum) -> EnumDescriptor {
    let ast = pending.ast
    var allowAlias = false
    for option in ast.options where option.name == "allow_alias" {
      switch option.value.value {
      case .identifier("true"): allowAlias = true
      case .identifier("false"): allowAlias = false
      default:
        diagnostics.append(.error(.badOptionValue, at: option.value.span, "'allow_alias' must be 'true' or 'false'"))
      }
    }
    if ast.values.isEmpty {
      diagnostics.append(.error(.badEnum, at: ast.nameSpan, "enum '\(ast.name)' has no values"))
    } else if files[pending.file].syntax == .proto3, ast.values[0].number != 0 {
      diagnostics.append(.error(
        .badEnum, at: ast.values[0].numberSpan, "the first value of a proto3 enum must be 0"))
    }
    var values: [EnumValueDescriptor] = []
    var firstByNumber: [Int64: ProtoEnumValue] = [:]
    for value in ast.values {
      guard value.number >= Int64(Int32.min), value.number <= Int64(Int32.max) else {
        diagnostics.append(.error(.badEnum, at: value.numberSpan, "enum value \(value.number) does not fit int32"))
        continue
      }
      if let first = firstByNumber[value.number] {
        if !allowAlias {
          diagnostics.append(.error(
            .duplicateEnumNumber, at: value.numberSpan,
            "'\(value.name)' reuses number \(value.number) of '\(first.name)'",
            notes: [Note("'\(first.name)' is defined here", at: first.nameSpan)],
            help: "add 'option allow_alias = true;' to the enum if the alias is intended"))
        }
      } else {
        firstByNumber[value.number] = value
      }
      for range in ast.reserved.ranges where range.range.contains(value.number) {
        diagnostics.append(.error(.reservedField, at: value.numberSpan, "enum value number \(value.number) is reserved",
                                  notes: [Note("reserved here", at: range.span)]))
      }
      for reserved in ast.reserved.names where reserved.name == value.name {
        diagnostics.append(.error(.reservedField, at: value.nameSpan, "enum value name '\(value.name)' is reserved",
                                  notes: [Note("reserved here", at: reserved.span)]))
      }
      values.append(EnumValueDescriptor(name: value.name, number: Int32(value.number)))
    }
    return EnumDescriptor(fullName: pending.fullName, name: ast.name, values: values, site: site(ast.nameSpan, line: ast.line))
  }

  private mutating func buildMessage(_ pending: PendingMessage) -> MessageDescriptor {
    // Names are compared anyway by `MessageDescriptor.init`; check them only if it found a repeat.
    let mark = diagnostics.count
    let message = buildMessage(pending, checkNames: false)
    if !message.hasRepeatedFieldNames { return message }
    diagnostics.removeSubrange(mark...)
    return buildMessage(pending, checkNames: true)
  }

  private mutating func buildMessage(_ pending: PendingMessage, checkNames: Bool) -> MessageDescriptor {
    let ast = pending.ast
    let syntax = files[pending.file].syntax
    var fields: [FieldDescriptor] = []
    fields.reserveCapacity(ast.fields.count)
    var fieldSpans: [SourceSpan] = []
    var byName: [String: Int] = [:]
    // The numbers of `fields`, in order: a scan of a message's few numbers costs
    // less than hashing each into a dictionary.
    var numbers: [Int64] = []
    numbers.reserveCapacity(ast.fields.count)
    var oneofMembers = Array(repeating: [Int](), count: ast.oneofs.count)

    for range in ast.extensionRanges {
      checkNumberRange(range.range, at: range.span)
    }
    for field in ast.fields {
      guard let built = buildField(field, scope: pending.fullName, file: pending.file, syntax: syntax) else { continue }
      if checkNames, let first = byName[field.name] {
        diagnostics.append(.error(
          .duplicateFieldName, at: field.nameSpan, "field '\(field.name)' is already declared in '\(ast.name)'",
          notes: [Note("first declared here", at: fieldSpans[first])]))
        continue
      }
      if let first = numbers.firstIndex(of: field.number) {
        diagnostics.append(.error(
          .duplicateFieldNumber, at: field.numberSpan,
          "field number \(field.number) of '\(field.name)' is already used by '\(fields[first].name)'",
          notes: [Note("'\(fields[first].name)' is declared here", at: fieldSpans[first])]))
        continue
      }
      for range in ast.reserved.ranges where range.range.contains(field.number) {
        diagnostics.append(.error(
          .reservedField, at: field.numberSpan, "field number \(field.number) is reserved in '\(ast.name)'",
          notes: [Note("reserved here", at: range.span)]))
      }
      for reserved in ast.reserved.names where reserved.name == field.name {
        diagnostics.append(.error(
          .reservedField, at: field.nameSpan, "field name '\(field.name)' is reserved in '\(ast.name)'",
          notes: [Note("reserved here", at: reserved.span)]))
      }
      for range in ast.extensionRanges where range.range.contains(field.number) {
        diagnostics.append(.error(
          .extensionOutOfRange, at: field.numberSpan,
          "field number \(field.number) lies in the extension range \(range.range.lowerBound) to \(range.range.upperBound)",
          notes: [Note("extension range declared here", at: range.span)]))
      }
      let index = fields.count
      if checkNames { byName[field.name] = index }
      fieldSpans.append(field.nameSpan)
      var descriptor = built
      if let oneof = field.oneofIndex {
        descriptor.oneofIndex = oneof
        oneofMembers[oneof].append(index)
      }
      fields.append(descriptor)
      numbers.append(field.number)
    }
    let oneofs = ast.oneofs.enumerated().map { OneofDescriptor(name: $0.element.name, fieldIndices: oneofMembers[$0.offset]) }
    let extensionRanges = ast.extensionRanges.compactMap { r -> ClosedRange<Int32>? in
      guard r.range.lowerBound >= 1, r.range.upperBound <= maxFieldNumber else { return nil }
      return Int32(r.range.lowerBound)...Int32(r.range.upperBound)
    }
    return MessageDescriptor(
      fullName: pending.fullName, name: ast.name, fields: fields, oneofs: oneofs,
      extensionRanges: extensionRanges, isMapEntry: ast.isMapEntry, site: site(ast.nameSpan, line: ast.line))
  }

  private mutating func checkNumberRange(_ range: ClosedRange<Int64>, at span: SourceSpan) {
    if range.lowerBound < 1 || range.upperBound > maxFieldNumber {
      diagnostics.append(.error(
        .badFieldNumber, at: span, "field numbers run from 1 to \(maxFieldNumber)"))
    }
  }

  /// A field's descriptor, or nil when its type or number is unusable (reported).
  private mutating func buildField(
    _ field: ProtoField, scope: String, file: Int, syntax: ProtoSyntax
  ) -> FieldDescriptor? {
    let type: FieldType
    switch field.type {
    case .scalar(let scalar): type = scalar
    case .named(let name, let span):
      guard let resolved = resolveType(name, at: span, from: scope, file: file) else { return nil }
      type = resolved
    }
    guard field.number >= 1, field.number <= maxFieldNumber else {
      diagnostics.append(.error(
        .badFieldNumber, at: field.numberSpan,
        "field number \(field.number) is out of range; field numbers run from 1 to \(maxFieldNumber)"))
      return nil
    }
    if (19000...19999).contains(field.number) {
      diagnostics.append(.error(
        .badFieldNumber, at: field.numberSpan,
        "field numbers 19000 to 19999 are reserved for the protobuf implementation"))
      return nil
    }
    let label: FieldLabel =
      switch field.label {
      case .required: .required
      case .repeated: .repeated
      case .optional, nil: .optional
      }
    var descriptor = FieldDescriptor(
      name: field.name, number: Int32(field.number), label: label, type: type, site: site(field.nameSpan, line: field.line))
    for option in field.options {
      switch option.name {
      case "default":
        if syntax == .proto3 {
          diagnostics.append(.error(.badDefault, at: option.nameSpan, "explicit defaults are not allowed in proto3"))
        } else if label == .repeated {
          diagnostics.append(.error(.badDefault, at: option.nameSpan, "repeated fields cannot have a default value"))
        } else {
          descriptor.defaultValue = parseDefault(option.value, for: type, enums: enums, diagnostics: &diagnostics)
        }
      case "deprecated":
        switch option.value.value {
        case .identifier("true"): descriptor.isDeprecated = true
        case .identifier("false"): descriptor.isDeprecated = false
        default:
          diagnostics.append(.error(.badOptionValue, at: option.value.span, "'deprecated' must be 'true' or 'false'"))
        }
      default:
        // packed, json_name, lazy, ctype and custom options are kept in the AST only.
        break
      }
    }
    return descriptor
  }

  private mutating func buildExtensions(
    _ pending: PendingExtend, messages: [MessageDescriptor], into extensions: inout [ExtensionDescriptor]
  ) {
    let ast = pending.ast
    guard
      let target = resolveType(
        ast.extendee, at: ast.extendeeSpan, from: pending.scope, file: pending.file, wantMessage: true),
      case .message(let extendee) = target
    else { return }
    let message = messages[extendee.index]
    for field in ast.fields {
      guard let descriptor = buildField(field, scope: pending.scope, file: pending.file, syntax: files[pending.file].syntax)
      else { continue }
      let number = descriptor.number
      guard message.extensionRanges.contains(where: { $0.contains(number) }) else {
        let ranges = message.extensionRanges.map { "\($0.lowerBound) to \($0.upperBound)" }
        diagnostics.append(.error(
          .extensionOutOfRange, at: field.numberSpan,
          "'\(message.fullName)' has no extension range holding \(number)",
          help: ranges.isEmpty ? "declare 'extensions \(number);' in \(message.name)"
            : "its extension ranges: \(ranges.joined(separator: ", "))"))
        continue
      }
      if let other = extensions.first(where: { $0.extendee == extendee && $0.field.number == number }) {
        diagnostics.append(.error(
          .duplicateFieldNumber, at: field.numberSpan,
          "extension number \(number) of '\(message.fullName)' is already used by '\(other.fullName)'"))
        continue
      }
      let fullName = pending.scope.isEmpty ? field.name : pending.scope + "." + field.name
      guard define(fullName, Symbol(kind: .extensionField, file: pending.file, span: field.nameSpan))
      else { continue }
      extensions.append(ExtensionDescriptor(fullName: fullName, extendee: extendee, field: descriptor))
    }
  }
}
