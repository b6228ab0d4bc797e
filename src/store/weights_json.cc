#include "store/weights_json.h"

#include <algorithm>
#include <cmath>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "store/store_error.h"

namespace mysanta {

std::string WeightsToJson(const WeightedNames& weights) {
  std::string json = "{";
  for (const auto& [name, weight] : weights) {
    if (json.size() > 1) json += ',';
    json += boost::json::serialize(boost::json::string_view(name));
    json += ':';
    // Shortest text that reads back as the same double.
    json += fmt::format("{}", std::isfinite(weight) ? weight : 0.0);
  }
  json += '}';
  return json;
}

WeightedNames WeightsFromJson(std::string_view json) {
  boost::system::error_code error;
  const boost::json::value value = boost::json::parse(json, error);
  if (error || !value.is_object()) {
    throw StoreError("recommendations database: expected a JSON object of weights, got " +
                     std::string(json.substr(0, 100)));
  }
  WeightedNames weights;
  for (const auto& [name, weight] : value.as_object()) {
    const double number = weight.is_number() ? weight.to_number<double>() : 0.0;
    weights.emplace_back(std::string(name), number);
  }
  std::sort(weights.begin(), weights.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  return weights;
}

}  // namespace mysanta
