import Diagnostics
import Schema
import Syntax
import Testing

@testable import Check

/// The bundled schema has no `required` field; a fork loaded with
/// --proto-path may, so the rule is tested on a schema built here.
func schemaWithRequiredField() -> Schema {
  Schema(
    messages: [
      MessageDescriptor(
        fullName: "test.Root", name: "Root",
        fields: [FieldDescriptor(name: "item", number: 1, label: .repeated, type: .message(MessageID(1)))]),
      MessageDescriptor(
        fullName: "test.Item", name: "Item",
        fields: [
          FieldDescriptor(name: "id", number: 1, label: .required, type: .int32),
          FieldDescriptor(name: "name", number: 2, label: .optional, type: .string),
        ]),
    ],
    enums: [])
}

@Test func missingRequiredFieldIsReportedAtTheMessage() throws {
  let schema = schemaWithRequiredField()
  let example = try #require(checkCodeCatalog.first { $0.code == .missingRequiredField }).example
  var sources = SourceMap()
  let id = sources.add(path: "t.pbtxt", text: example + "\nitem { id: 2 }")
  let (tree, syntax) = Parser.parse(sources[id])
  #expect(syntax.isEmpty)
  let (_, diagnostics) = check(tree, against: schema, root: MessageID(0))
  #expect(diagnostics.map(\.code) == [.missingRequiredField])
  #expect(diagnostics.first?.span.start == 5)
  #expect(diagnostics.first?.message == "required field 'id' of Item is not set")
}
