// How the formatter prints the sweep extension: directives first, one per
// line; `@append` before its field; a sweep expression on one line when its
// items are scalars (`lr: @choice(low: 0.0001, high: 0.001)`), else one item
// per line with message alternatives as indented blocks:
//
//     optimizer: @choice(
//       momentum: {
//         momentum_optimizer {
//         }
//       },
//       adam: {
//         adam_optimizer {
//         }
//       }
//     )
extension Formatter {
  mutating func printDirectives() {
    for directive in tree.directives {
      printCommentsBefore(directive.range.lowerBound, indent: 0)
      startLine(at: directive.range.lowerBound, indent: 0)
      write(tree.directiveText(directive))
      finishLine(after: directive.range.upperBound)
    }
  }

  mutating func writeName(_ field: Field) {
    if field.appendMarker != nil { write("@append ") }
    write(tree.fieldNameText(field.name))
  }

  mutating func printSweepField(_ field: Field, _ ref: SweepRef, indent: Int) {
    let expression = tree.sweep(ref)
    let items = tree.items(expression.items)
    let hasMessages = items.contains { if case .message = $0.value { true } else { false } }
    guard hasMessages else {
      printCommentsBefore(ref.range.upperBound, indent: indent)
      startLine(at: field.name.range.lowerBound, indent: indent)
      writeName(field)
      write(": ")
      write(inlineText(expression))
      finishLine(after: fieldEnd(field))
      return
    }
    printCommentsBefore(ref.range.lowerBound, indent: indent)
    startLine(at: field.name.range.lowerBound, indent: indent)
    writeName(field)
    write(": ")
    write(tree.sweepHead(expression))
    write("(")
    finishLine(after: ref.range.lowerBound + 1)
    atBlockStart = true
    for (i, item) in items.enumerated() {
      let last = i + 1 == items.count && expression.weights == nil
      printCommentsBefore(item.range.lowerBound, indent: indent + 1)
      startLine(at: item.range.lowerBound, indent: indent + 1)
      if let label = item.label { write(tree.text(label) + ": ") }
      switch item.value {
      case .message(let message):
        printBlock(message, closer: last ? "}" : "},", indent: indent + 1, after: closeOffset(message) + 1)
      case .scalar(let scalar):
        write(tree.scalarText(scalar) + (last ? "" : ","))
        finishLine(after: scalar.range.upperBound)
      default:
        preconditionFailure("sweep items are scalars or messages once parsed without errors")
      }
    }
    if let weights = expression.weights {
      startLine(at: Int(weights.open), indent: indent + 1)
      write("weights: " + tree.weightsText(weights))
      finishLine(after: weights.range.upperBound)
    }
    closeBlock(")", at: ref.range.upperBound - 1, indent: indent, after: fieldEnd(field))
  }

  /// A sweep expression whose items are all scalars, on one line.
  func inlineText(_ expression: SweepExpression) -> String {
    switch expression.kind {
    case .derived:
      return tree.sweepHead(expression)
    case .range:
      return tree.sweepHead(expression) + "(" + tree.sweepRangeText(expression) + ")"
    default:
      var parts = tree.items(expression.items).map(tree.itemText)
      if let weights = expression.weights { parts.append("weights: " + tree.weightsText(weights)) }
      return tree.sweepHead(expression) + "(" + parts.joined(separator: ", ") + ")"
    }
  }
}
