// MixBits: a stateless 64-bit finalizer (MurmurHash3's fmix64) for deterministic pseudo-random
// choices derived from a seed and an index: the same inputs give the same bits on every platform.
// Pure; thread-safe.
#pragma once

#include <cstdint>

namespace mysanta {

inline uint64_t MixBits(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  return x ^ (x >> 33);
}

}  // namespace mysanta
