// Debian's libopenblas-dev: the CBLAS interface plus OpenBLAS's thread controls
// (openblas_set_num_threads), found through pkg-config's `openblas`.
#include <cblas.h>
