#include "api/ranked_list_codec.h"

#include <array>
#include <charconv>

namespace mysanta::api {
namespace {

constexpr std::array kAlgorithms = {Algorithm::kPopular, Algorithm::kContentBased,
                                    Algorithm::kCollaborative};

std::optional<Algorithm> AlgorithmOfName(std::string_view name) {
  for (Algorithm algorithm : kAlgorithms) {
    if (AlgorithmName(algorithm) == name) return algorithm;
  }
  return std::nullopt;
}

// Reads a decimal number at the front of `text`, advancing past it.
template <typename Number>
std::optional<Number> TakeNumber(std::string_view& text) {
  Number number{};
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (ec != std::errc()) return std::nullopt;
  text.remove_prefix(end - text.data());
  return number;
}

bool DecodeIntegers(std::string_view text, std::vector<ExternalId>& ids) {
  while (!text.empty()) {
    auto id = TakeNumber<int64_t>(text);
    if (!id) return false;
    ids.emplace_back(*id);
    if (!text.empty()) {
      if (text.front() != ',') return false;
      text.remove_prefix(1);
    }
  }
  return true;
}

bool DecodeTexts(std::string_view text, std::vector<ExternalId>& ids) {
  while (!text.empty()) {
    auto length = TakeNumber<size_t>(text);
    if (!length || text.empty() || text.front() != ':' || text.size() - 1 < *length) return false;
    ids.emplace_back(std::string(text.substr(1, *length)));
    text.remove_prefix(1 + *length);
  }
  return true;
}

}  // namespace

std::string EncodeRankedList(const EngineAnswer& list) {
  std::string text(AlgorithmName(list.algorithm));
  bool integers = list.items.empty() || std::holds_alternative<int64_t>(list.items.front());
  text += integers ? "\ni\n" : "\nt\n";
  for (size_t i = 0; i < list.items.size(); ++i) {
    if (integers) {
      if (i > 0) text += ',';
      text += std::to_string(std::get<int64_t>(list.items[i]));
    } else {
      const std::string& id = std::get<std::string>(list.items[i]);
      text += std::to_string(id.size());
      text += ':';
      text += id;
    }
  }
  return text;
}

std::optional<EngineAnswer> DecodeRankedList(std::string_view text) {
  size_t newline = text.find('\n');
  if (newline == std::string_view::npos) return std::nullopt;
  auto algorithm = AlgorithmOfName(text.substr(0, newline));
  text.remove_prefix(newline + 1);
  if (!algorithm || text.size() < 2 || text[1] != '\n') return std::nullopt;
  char kind = text[0];
  text.remove_prefix(2);
  EngineAnswer list;
  list.algorithm = *algorithm;
  bool ok = kind == 'i' ? DecodeIntegers(text, list.items)
            : kind == 't' ? DecodeTexts(text, list.items)
                          : false;
  if (!ok) return std::nullopt;
  return list;
}

}  // namespace mysanta::api
