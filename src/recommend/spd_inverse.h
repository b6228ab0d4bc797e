// InvertSymmetricPositiveDefinite: the inverse of a dense symmetric positive definite matrix, in
// place, through LAPACK's Cholesky routines (spotrf + spotri; OpenBLAS runs them on every core).
// EASE needs exactly this inverse, and a blocked, vectorised LAPACK is about 50 times faster
// than a textbook Gauss-Jordan loop at the sizes EASE uses (thousands of presents).
// Thread-safe: no shared state (OpenBLAS manages its own threads).
#pragma once

#include <cstddef>
#include <vector>

namespace mysanta {

// `a` is n x n (either order: it is symmetric). On success it holds the full symmetric inverse
// and true is returned; false when the matrix is not positive definite (then `a` is garbage).
bool InvertSymmetricPositiveDefinite(std::vector<float>& a, size_t n);

}  // namespace mysanta
