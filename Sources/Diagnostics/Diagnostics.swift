package enum DiagnosticsInfo {}
