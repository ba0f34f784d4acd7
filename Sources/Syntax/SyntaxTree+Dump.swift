/// A one-line rendering of a tree's structure for tests: `model{ssd{num_classes:90}}`.
///
/// Layout, comments, separators and the choice of `{}` or `<>` do not show, so
/// two trees with equal dumps mean the same thing: the formatter's
/// meaning-preservation check compares dumps.
extension SyntaxTree {
  package var dump: String {
    var out = ""
    dumpFields(fields, into: &out)
    return out
  }

  private func dumpFields(_ fields: ArraySlice<Field>, into out: inout String) {
    if fields.startIndex == rootFields.range.lowerBound, !directives.isEmpty {
      out += directives.map(directiveText).joined(separator: " ") + (fields.isEmpty ? "" : " ")
    }
    for (i, field) in fields.enumerated() {
      if i > 0 { out += " " }
      if field.appendMarker != nil { out += "@append " }
      out += fieldNameText(field.name)
      switch field.value {
      case .message: break
      case .scalar, .list, .error, .sweep: out += ":"
      }
      dumpValue(field.value, into: &out)
    }
  }

  private func dumpValue(_ value: Value, into out: inout String) {
    switch value {
    case .scalar(let scalar):
      out += scalarText(scalar)
    case .message(let message):
      out += "{"
      dumpFields(self.fields(of: message), into: &out)
      out += "}"
    case .list(let list):
      out += "["
      for (i, element) in elements(of: list).enumerated() {
        if i > 0 { out += "," }
        dumpValue(element, into: &out)
      }
      out += "]"
    case .error:
      out += "<error>"
    case .sweep(let ref):
      let expression = sweep(ref)
      out += sweepHead(expression)
      guard expression.kind != .derived else { return }
      out += "("
      if expression.kind == .range {
        out += sweepRangeText(expression)
      } else {
        for (i, item) in items(expression.items).enumerated() {
          if i > 0 { out += expression.kind == .choice ? "," : ", " }
          if let label = item.label { out += text(label) + ":" }
          dumpValue(item.value, into: &out)
        }
        if let weights = expression.weights { out += ",weights:" + weightsText(weights) }
      }
      out += ")"
    }
  }

  /// The canonical text of a field name: `name`, `[a.b.c]`, `[host/a.B]`.
  package func fieldNameText(_ name: FieldName) -> String {
    switch name.kind {
    case .identifier:
      return text(name.range)
    case .extension, .any:
      var out = "["
      for (i, component) in components(of: name).enumerated() {
        if i > 0 { out += name.kind == .any && i == name.slashIndex ? "/" : "." }
        out += text(component)
      }
      return out + "]"
    }
  }

  /// The canonical text of a scalar: sign glued to the literal, joined strings spaced.
  package func scalarText(_ scalar: Scalar) -> String {
    var out = ""
    switch scalar.sign {
    case .minus: out = "-"
    case .plus: out = "+"
    case nil: break
    }
    out += text(scalar.literal)
    for part in rangeStorage[scalar.moreStrings.range] { out += " " + text(part) }
    return out
  }
}
