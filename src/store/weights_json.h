// The JSON form of a user's preferred categories and platforms: an object name -> weight, e.g.
// {"books":0.6,"electronics":0.4}. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "store/recommendation_rows.h"

namespace mysanta {

// Non-finite weights are written as 0.
std::string WeightsToJson(const WeightedNames& weights);
// Sorted by weight, highest first, then by name. Throws StoreError when `json` is not an object
// of numbers.
WeightedNames WeightsFromJson(std::string_view json);

}  // namespace mysanta
