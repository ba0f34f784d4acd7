print("pipec-bench: no benchmarks yet")
