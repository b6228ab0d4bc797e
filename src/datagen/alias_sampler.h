// AliasSampler: draws an index with probability proportional to fixed weights in O(1) (Vose's
// alias method). The generator draws tens of millions of presents, users and categories.
//
// Thread safety: immutable after construction; Sample() may be called concurrently with
// different Rngs.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "datagen/random.h"

namespace mysanta::datagen {

class AliasSampler {
 public:
  AliasSampler() = default;
  // Weights must be non-negative; when they are all zero (or empty), every index is equally
  // likely (and an empty sampler must not be sampled).
  explicit AliasSampler(std::span<const double> weights);

  size_t size() const { return probability_.size(); }
  bool empty() const { return probability_.empty(); }
  uint32_t Sample(Rng& rng) const;

 private:
  std::vector<double> probability_;
  std::vector<uint32_t> alias_;
};

}  // namespace mysanta::datagen
