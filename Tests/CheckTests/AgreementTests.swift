import Diagnostics
import Foundation
import Testing

@testable import Check

/// One row of Fixtures/agreement.tsv: TensorFlow's verdict (re-derived with real
/// protobuf by conformance/agreement.py) and the code pipec must report.
struct AgreementRow: Sendable, CustomTestStringConvertible {
  let line: Int
  let tensorflowAccepts: Bool
  let code: String?
  let snippet: String
  var testDescription: String { "line \(line): \(snippet)" }
}

func agreementRows() -> [AgreementRow] {
  let url = checkTestsDirectory.appendingPathComponent("Fixtures/agreement.tsv")
  guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
  var rows: [AgreementRow] = []
  for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
    guard !line.isEmpty, !line.hasPrefix("#") else { continue }
    let columns = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
    guard columns.count == 3 else { continue }
    rows.append(AgreementRow(
      line: index + 1, tensorflowAccepts: columns[0] == "accept",
      code: columns[1] == "-" ? nil : String(columns[1]),
      snippet: String(columns[2]).replacingOccurrences(of: "¶", with: "\n")))
  }
  return rows
}

/// Where TensorFlow's reader accepts silently although the file is ambiguous,
/// pipec still reports an error (the lint issue's merge-mode rule).
let lenientMergeCodes: Set<String> = ["duplicate-field", "oneof-conflict"]

@Test func agreementTableIsThere() {
  #expect(agreementRows().count >= 90)
}

@Test(arguments: agreementRows())
func pipecAgreesWithTensorFlow(_ row: AgreementRow) {
  let (_, diagnostics, _) = checkPipeline(row.snippet)
  let errors = diagnostics.filter { $0.severity == .error }
  if let code = row.code {
    #expect(diagnostics.contains { $0.code.rawValue == code }, "\(diagnostics.map(\.code.rawValue))")
  } else {
    #expect(diagnostics.isEmpty, "\(diagnostics.map { "\($0.code): \($0.message)" })")
  }
  if row.tensorflowAccepts {
    let allowed = row.code.map { lenientMergeCodes.contains($0) } ?? false
    #expect(errors.isEmpty || allowed, "TensorFlow accepts this, pipec errs: \(errors.map(\.message))")
  } else {
    #expect(!errors.isEmpty, "TensorFlow rejects this, pipec has no error")
  }
}
