package enum SyntaxInfo {}
