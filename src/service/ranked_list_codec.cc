#include "service/ranked_list_codec.h"

#include <algorithm>
#include <array>
#include <charconv>

namespace mysanta::service {
namespace {

constexpr std::array kAlgorithms = {Algorithm::kPopular, Algorithm::kContentBased,
                                    Algorithm::kCollaborative, Algorithm::kSimilar};

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

// The header: the algorithm, then the id kind; `text` is left at the ids.
std::optional<std::pair<Algorithm, char>> TakeHeader(std::string_view& text) {
  size_t newline = text.find('\n');
  if (newline == std::string_view::npos) return std::nullopt;
  auto algorithm = AlgorithmOfName(text.substr(0, newline));
  text.remove_prefix(newline + 1);
  if (!algorithm || text.size() < 2 || text[1] != '\n') return std::nullopt;
  char kind = text[0];
  if (kind != 'i' && kind != 't') return std::nullopt;
  text.remove_prefix(2);
  return std::pair{*algorithm, kind};
}

// Walks the encoded ids one token at a time without decoding them.
class TokenReader {
 public:
  TokenReader(std::string_view text, char kind) : text_(text), kind_(kind) {}

  // The next id's text; nullopt at the end. Sets `malformed` on a broken entry.
  std::optional<std::string_view> Next() {
    if (text_.empty()) return std::nullopt;
    if (kind_ == 'i') {
      size_t comma = text_.find(',');
      std::string_view token = text_.substr(0, comma);
      text_.remove_prefix(comma == std::string_view::npos ? text_.size() : comma + 1);
      return token;
    }
    auto length = TakeNumber<size_t>(text_);
    if (!length || text_.empty() || text_.front() != ':' || text_.size() - 1 < *length) {
      malformed = true;
      text_ = {};
      return std::nullopt;
    }
    std::string_view token = text_.substr(1, *length);
    text_.remove_prefix(1 + *length);
    return token;
  }

  // Ids left, for integer lists (one more than the commas).
  size_t CountLeftIntegers() const {
    return text_.empty() ? 0 : std::count(text_.begin(), text_.end(), ',') + 1;
  }

  bool malformed = false;

 private:
  std::string_view text_;
  char kind_;
};

std::optional<ExternalId> IdOfToken(std::string_view token, char kind) {
  if (kind == 't') return ExternalId(std::string(token));
  int64_t number = 0;
  auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), number);
  if (ec != std::errc() || end != token.data() + token.size()) return std::nullopt;
  return ExternalId(number);
}

}  // namespace

std::optional<DecodedSlice> DecodeRankedSlice(std::string_view text, size_t first, size_t count,
                                              const std::vector<ExternalId>& removed) {
  auto header = TakeHeader(text);
  if (!header) return std::nullopt;
  auto [algorithm, kind] = *header;
  DecodedSlice slice;
  slice.algorithm = algorithm;
  TokenReader reader(text, kind);
  size_t kept = 0;
  size_t last = count > SIZE_MAX - first ? SIZE_MAX : first + count;
  // Integer ids are compared as plain integers: no variant per id on this hot path.
  std::vector<int64_t> removed_integers;
  if (kind == 'i') {
    for (const ExternalId& id : removed) {
      if (const auto* number = std::get_if<int64_t>(&id)) removed_integers.push_back(*number);
    }
    std::sort(removed_integers.begin(), removed_integers.end());
  }
  while (std::optional<std::string_view> token = reader.Next()) {
    std::optional<ExternalId> id;
    if (!removed.empty()) {
      id = IdOfToken(*token, kind);
      if (!id) return std::nullopt;
      bool is_removed = kind == 'i'
                            ? std::binary_search(removed_integers.begin(), removed_integers.end(),
                                                 std::get<int64_t>(*id))
                            : std::binary_search(removed.begin(), removed.end(), *id);
      if (is_removed) continue;
    }
    if (kept >= first && kept < last) {
      if (!id) id = IdOfToken(*token, kind);
      if (!id) return std::nullopt;
      slice.items.push_back(std::move(*id));
    }
    ++kept;
    // Past the slice with nothing to remove, integer ids need only be counted.
    if (kept >= last && removed.empty() && kind == 'i') {
      kept += reader.CountLeftIntegers();
      break;
    }
  }
  if (reader.malformed) return std::nullopt;
  slice.total_count = kept;
  return slice;
}

std::string EncodeRankedList(const RankedIds& list) {
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

std::optional<RankedIds> DecodeRankedList(std::string_view text) {
  auto header = TakeHeader(text);
  if (!header) return std::nullopt;
  RankedIds list;
  list.algorithm = header->first;
  const bool ok = header->second == 'i' ? DecodeIntegers(text, list.items)
                                        : DecodeTexts(text, list.items);
  if (!ok) return std::nullopt;
  return list;
}

}  // namespace mysanta::service
