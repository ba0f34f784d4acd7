// Placeholder; the fuzz target is written in its own branch.
@main struct FuzzReplay { static func main() {} }
