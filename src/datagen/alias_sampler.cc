#include "datagen/alias_sampler.h"

namespace mysanta::datagen {

AliasSampler::AliasSampler(std::span<const double> weights)
    : probability_(weights.size(), 1.0), alias_(weights.size()) {
  const size_t n = weights.size();
  double total = 0;
  for (double weight : weights) total += weight;
  if (n == 0 || total <= 0) {
    for (size_t i = 0; i < n; ++i) alias_[i] = static_cast<uint32_t>(i);
    return;
  }
  std::vector<double> scaled(n);
  std::vector<uint32_t> small;
  std::vector<uint32_t> large;
  for (size_t i = 0; i < n; ++i) {
    scaled[i] = weights[i] * static_cast<double>(n) / total;
    (scaled[i] < 1.0 ? small : large).push_back(static_cast<uint32_t>(i));
  }
  while (!small.empty() && !large.empty()) {
    const uint32_t less = small.back();
    small.pop_back();
    const uint32_t more = large.back();
    probability_[less] = scaled[less];
    alias_[less] = more;
    scaled[more] = (scaled[more] + scaled[less]) - 1.0;
    if (scaled[more] < 1.0) {
      large.pop_back();
      small.push_back(more);
    }
  }
  // What is left has probability 1 up to rounding.
  for (const auto& rest : {small, large}) {
    for (uint32_t i : rest) {
      probability_[i] = 1.0;
      alias_[i] = i;
    }
  }
}

uint32_t AliasSampler::Sample(Rng& rng) const {
  const auto column = static_cast<uint32_t>(rng.Below(probability_.size()));
  return rng.Uniform() < probability_[column] ? column : alias_[column];
}

}  // namespace mysanta::datagen
