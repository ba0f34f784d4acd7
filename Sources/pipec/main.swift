#if canImport(Glibc)
  import Glibc
#endif

exit(Pipec.run(Array(CommandLine.arguments.dropFirst())))
