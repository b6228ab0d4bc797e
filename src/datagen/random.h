// Rng: the generator's deterministic pseudo-random numbers (xoshiro256** seeded through
// splitmix64) and the few distributions it needs. They are implemented here rather than taken
// from <random>: the std:: distributions may give different values on another standard library
// version, and `generate` promises the same data for the same seed.
//
// Thread safety: an Rng is a mutable value; use one per thread.
#pragma once

#include <array>
#include <cstdint>

namespace mysanta::datagen {

class Rng {
 public:
  explicit Rng(uint64_t seed);

  // An independent generator for one stage of the generator, so that changing how much one
  // stage draws does not shift the numbers of the others.
  static Rng ForStream(uint64_t seed, uint64_t stream);

  uint64_t Next();
  // Uniform in [0, 1), 53 bits.
  double Uniform();
  // Uniform in [0, n); n > 0.
  uint64_t Below(uint64_t n);
  // True with probability p.
  bool Chance(double p) { return Uniform() < p; }
  // Standard normal (Box-Muller).
  double Normal();
  // exp(N(log(median), sigma)).
  double LogNormal(double median, double sigma);
  // Exponential with the given mean.
  double Exponential(double mean);

 private:
  std::array<uint64_t, 4> state_;
};

// One step of splitmix64: a good 64-bit mix of `x`, used for seeding and for derived values.
uint64_t SplitMix64(uint64_t& x);

}  // namespace mysanta::datagen
