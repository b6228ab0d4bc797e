#include "recommend/spd_inverse.h"

#include <climits>

extern "C" {
// LAPACK (Fortran calling convention), from OpenBLAS.
void spotrf_(const char* uplo, const int* n, float* a, const int* lda, int* info);
void spotri_(const char* uplo, const int* n, float* a, const int* lda, int* info);
}

namespace mysanta {

bool InvertSymmetricPositiveDefinite(std::vector<float>& a, size_t n) {
  if (n == 0) return true;
  if (n > static_cast<size_t>(INT_MAX) || a.size() < n * n) return false;
  const int order = static_cast<int>(n);
  int info = 0;
  // Row-major "upper" is column-major "lower": either way one triangle is computed.
  spotrf_("L", &order, a.data(), &order, &info);
  if (info != 0) return false;
  spotri_("L", &order, a.data(), &order, &info);
  if (info != 0) return false;
  // spotri fills the lower triangle (column-major), i.e. a[col * n + row] for row >= col.
  for (size_t col = 0; col < n; ++col) {
    for (size_t row = col + 1; row < n; ++row) a[row * n + col] = a[col * n + row];
  }
  return true;
}

}  // namespace mysanta
