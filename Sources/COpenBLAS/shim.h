// Debian's libopenblas-dev: the CBLAS interface plus OpenBLAS's thread controls
// (openblas_set_num_threads), found through pkg-config's `openblas`.
#include <cblas.h>

// glibc's heap statistics, for benchmarks that check a training step allocates
// nothing in steady state (Swift's Glibc module does not export mallinfo2).
#include <malloc.h>
static inline size_t pipec_heap_bytes_in_use(void) { return mallinfo2().uordblks; }
