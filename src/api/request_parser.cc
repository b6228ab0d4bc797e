#include "api/request_parser.h"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/parse_options.hpp>
#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <vector>

namespace mysanta::api {
namespace {

namespace json = boost::json;

// Collects every faulty field of one request so that a single 422 lists them all.
class FieldErrors {
 public:
  void Add(std::string field, std::string message) {
    errors_.push_back({std::move(field), std::move(message)});
  }
  bool empty() const { return errors_.empty(); }
  ApiError ToError() && { return ApiError::Validation(std::move(errors_)); }

 private:
  std::vector<FieldError> errors_;
};

std::string Join(std::string_view parent, std::string_view key) {
  if (parent.empty()) return std::string(key);
  return std::string(parent) + "." + std::string(key);
}

// The member `key` of `object`; nullptr when absent or null (null means omitted).
const json::value* Member(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  if (value == nullptr || value->is_null()) return nullptr;
  return value;
}

// A nested object; nullptr (and an error when it has another type) when not an object.
const json::object* ReadObject(const json::object& parent, std::string_view key,
                               std::string_view path, FieldErrors& errors) {
  const json::value* value = Member(parent, key);
  if (value == nullptr) return nullptr;
  if (!value->is_object()) {
    errors.Add(Join(path, key), "must be an object");
    return nullptr;
  }
  return &value->get_object();
}

// A JSON integer within [min, max]. 20.0 and "20" are not integers.
std::optional<int64_t> ReadInteger(const json::object& parent, std::string_view key,
                                   std::string_view path, int64_t min, int64_t max,
                                   FieldErrors& errors) {
  const json::value* value = Member(parent, key);
  if (value == nullptr) return std::nullopt;
  std::string field = Join(path, key);
  auto out_of_range = [&] {
    errors.Add(field, "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  };
  if (value->is_int64()) {
    int64_t number = value->get_int64();
    if (number < min || number > max) return out_of_range();
    return number;
  }
  if (value->is_uint64()) return out_of_range();  // above INT64_MAX
  errors.Add(field, "must be an integer");
  return std::nullopt;
}

// A finite JSON number >= 0.
std::optional<double> ReadPrice(const json::object& parent, std::string_view key,
                                std::string_view path, FieldErrors& errors) {
  const json::value* value = Member(parent, key);
  if (value == nullptr) return std::nullopt;
  std::string field = Join(path, key);
  if (!value->is_number()) {
    errors.Add(field, "must be a number");
    return std::nullopt;
  }
  double number = value->to_number<double>();
  if (!std::isfinite(number) || number < 0) {
    errors.Add(field, "must be a number >= 0");
    return std::nullopt;
  }
  return number;
}

std::optional<std::string> ReadString(const json::object& parent, std::string_view key,
                                      std::string_view path, FieldErrors& errors) {
  const json::value* value = Member(parent, key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    errors.Add(Join(path, key), "must be a string");
    return std::nullopt;
  }
  return std::string(value->get_string());
}

// Number of code points of UTF-8 text; nullopt when it is not UTF-8 (a path may hold any bytes).
std::optional<size_t> Utf8Length(std::string_view text) {
  size_t count = 0;
  size_t i = 0;
  while (i < text.size()) {
    auto byte = static_cast<unsigned char>(text[i]);
    size_t extra = 0;
    if (byte >= 0x80) {
      if ((byte & 0xE0) == 0xC0) {
        extra = 1;
      } else if ((byte & 0xF0) == 0xE0) {
        extra = 2;
      } else if ((byte & 0xF8) == 0xF0) {
        extra = 3;
      } else {
        return std::nullopt;
      }
    }
    if (extra > text.size() - i - 1) return std::nullopt;
    for (size_t k = 1; k <= extra; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return std::nullopt;
    }
    i += extra + 1;
    ++count;
  }
  return count;
}

std::expected<ExternalId, std::string> ParseDigits(std::string_view text) {
  int64_t number = 0;
  bool all_digits = !text.empty() && std::all_of(text.begin(), text.end(),
                                                 [](char c) { return c >= '0' && c <= '9'; });
  if (!all_digits) return std::unexpected("must be a positive integer or a string of digits");
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (ec != std::errc() || number <= 0) {
    return std::unexpected("must be a positive integer up to 9223372036854775807");
  }
  return ExternalId(number);
}

std::expected<ExternalId, std::string> ParseTextId(std::string_view text) {
  std::optional<size_t> length = Utf8Length(text);
  if (!length || *length == 0 || *length > kMaxTextIdLength) {
    return std::unexpected("must be a non-empty string of at most 64 characters");
  }
  return ExternalId(std::string(text));
}

std::optional<Gender> ReadGender(const json::object& parent, std::string_view path,
                                 FieldErrors& errors) {
  const json::value* value = Member(parent, "gender");
  if (value == nullptr) return std::nullopt;
  std::optional<Gender> gender;
  if (value->is_string()) gender = ParseGender(value->get_string());
  if (!gender) errors.Add(Join(path, "gender"), "must be \"f\", \"m\" or \"any\"");
  return gender;
}

// An age group label ("25-34") or a whole number of years 0..120 (a one-year range).
std::optional<AgeRange> ReadAge(const json::object& parent, std::string_view path,
                                FieldErrors& errors) {
  const json::value* value = Member(parent, "age");
  if (value == nullptr) return std::nullopt;
  if (value->is_string()) {
    int group = AgeGroupOfLabel(value->get_string());
    if (group != kNoAgeGroup) return AgeGroupRange(group);
  } else if (value->is_int64() && value->get_int64() >= 0 && value->get_int64() <= kMaxAgeYears) {
    auto years = static_cast<int16_t>(value->get_int64());
    return AgeRange{years, years};
  }
  errors.Add(Join(path, "age"),
             "must be an age group (0-17, 18-24, 25-34, 35-44, 45-54, 55+) or whole years 0-120");
  return std::nullopt;
}

std::optional<int32_t> ReadGeoId(const json::object& parent, std::string_view path,
                                 FieldErrors& errors) {
  auto geo = ReadInteger(parent, "geo_id", path, 0, std::numeric_limits<int32_t>::max(), errors);
  if (!geo) return std::nullopt;
  return static_cast<int32_t>(*geo);
}

Filters ReadFilters(const json::object& body, IdKind present_id_kind, FieldErrors& errors) {
  Filters filters;
  const json::object* object = ReadObject(body, "filters", "", errors);
  if (object == nullptr) return filters;
  constexpr std::string_view kPath = "filters";
  filters.price_from = ReadPrice(*object, "price_from", kPath, errors);
  filters.price_to = ReadPrice(*object, "price_to", kPath, errors);
  if (filters.price_from && filters.price_to && *filters.price_from > *filters.price_to) {
    errors.Add("filters.price_from", "must not be greater than filters.price_to");
  }
  filters.category = ReadString(*object, "category", kPath, errors);
  filters.platform = ReadString(*object, "platform", kPath, errors);
  if (const json::value* ids = Member(*object, "exclude_ids")) {
    if (!ids->is_array()) {
      errors.Add("filters.exclude_ids", "must be an array of ids");
    } else if (ids->get_array().size() > kMaxExcludeIds) {
      errors.Add("filters.exclude_ids", "must hold at most 1000 ids");
    } else {
      const json::array& array = ids->get_array();
      for (size_t i = 0; i < array.size(); ++i) {
        auto id = ParseId(array[i], present_id_kind);
        if (!id) {
          errors.Add("filters.exclude_ids[" + std::to_string(i) + "]", id.error());
          break;  // one entry is enough to tell what is wrong
        }
        filters.exclude_ids.push_back(std::move(*id));
      }
    }
  }
  return filters;
}

// A required id member `key` in the main database's form.
std::optional<ExternalId> ReadRequiredId(const json::object& body, std::string_view key,
                                         IdKind kind, FieldErrors& errors) {
  const json::value* value = Member(body, key);
  if (value == nullptr) {
    errors.Add(std::string(key), "is required");
    return std::nullopt;
  }
  auto id = ParseId(*value, kind);
  if (!id) {
    errors.Add(std::string(key), id.error());
    return std::nullopt;
  }
  return std::move(*id);
}

PageRequest ReadPagination(const json::object& body, const RequestRules& rules,
                           FieldErrors& errors) {
  PageRequest page{1, rules.default_page_size};
  const json::object* object = ReadObject(body, "pagination", "", errors);
  if (object == nullptr) return page;
  if (auto number = ReadInteger(*object, "page", "pagination", 1,
                                std::numeric_limits<int64_t>::max(), errors)) {
    page.page = *number;
  }
  if (auto limit = ReadInteger(*object, "limit", "pagination", 1, rules.max_page_size, errors)) {
    page.limit = static_cast<int>(*limit);
  }
  return page;
}

}  // namespace

std::expected<json::object, ApiError> ParseJsonObject(std::string_view body) {
  if (body.empty()) return std::unexpected(ApiError::BadRequest("request body is empty"));
  json::parse_options options;
  options.max_depth = kMaxJsonDepth;
  boost::system::error_code ec;
  json::value value = json::parse(body, ec, {}, options);
  if (ec) {
    return std::unexpected(ApiError::BadRequest("request body is not valid JSON: " + ec.message()));
  }
  if (!value.is_object()) {
    return std::unexpected(ApiError::BadRequest("request body must be a JSON object"));
  }
  return std::move(value.get_object());
}

std::expected<ExternalId, std::string> ParseId(const json::value& value, IdKind kind) {
  if (kind == IdKind::kInteger) {
    if (value.is_int64()) {
      if (value.get_int64() > 0) return ExternalId(value.get_int64());
      return std::unexpected("must be a positive integer");
    }
    if (value.is_string()) return ParseDigits(value.get_string());
    if (value.is_uint64()) {
      return std::unexpected("must be a positive integer up to 9223372036854775807");
    }
    return std::unexpected("must be a positive integer or a string of digits");
  }
  if (!value.is_string()) {
    return std::unexpected("must be a non-empty string of at most 64 characters");
  }
  return ParseTextId(value.get_string());
}

std::expected<ExternalId, std::string> ParseIdText(std::string_view text, IdKind kind) {
  if (kind == IdKind::kInteger) return ParseDigits(text);
  return ParseTextId(text);
}

std::expected<PopularRequest, ApiError> ParsePopularRequest(std::string_view body,
                                                            const RequestRules& rules) {
  auto object = ParseJsonObject(body);
  if (!object) return std::unexpected(std::move(object.error()));
  FieldErrors errors;
  PopularRequest request;
  Segment& segment = request.query.segment;
  if (const json::object* params = ReadObject(*object, "user_params", "", errors)) {
    constexpr std::string_view kPath = "user_params";
    segment.gender = ReadGender(*params, kPath, errors);
    segment.age = ReadAge(*params, kPath, errors);
    segment.category = ReadString(*params, "category", kPath, errors);
    segment.geo_id = ReadGeoId(*params, kPath, errors);
  }
  request.query.filters = ReadFilters(*object, rules.present_id_kind, errors);
  // filters.category is the same filter as user_params.category: both carry the one value.
  std::optional<std::string>& filter_category = request.query.filters.category;
  if (segment.category && filter_category && *segment.category != *filter_category) {
    errors.Add("filters.category", "differs from user_params.category");
  } else if (segment.category || filter_category) {
    segment.category = filter_category = segment.category ? *segment.category : *filter_category;
  }
  request.page = ReadPagination(*object, rules, errors);
  if (!errors.empty()) return std::unexpected(std::move(errors).ToError());
  return request;
}

std::expected<PersonalizedRequest, ApiError> ParsePersonalizedRequest(std::string_view body,
                                                                      const RequestRules& rules) {
  auto object = ParseJsonObject(body);
  if (!object) return std::unexpected(std::move(object.error()));
  FieldErrors errors;
  PersonalizedRequest request;
  if (auto user_id = ReadRequiredId(*object, "user_id", rules.user_id_kind, errors)) {
    request.query.user_id = std::move(*user_id);
  }
  request.query.geo_id = ReadGeoId(*object, "", errors);
  request.query.filters = ReadFilters(*object, rules.present_id_kind, errors);
  request.page = ReadPagination(*object, rules, errors);
  if (!errors.empty()) return std::unexpected(std::move(errors).ToError());
  return request;
}

std::expected<SimilarRequest, ApiError> ParseSimilarRequest(std::string_view body,
                                                            const RequestRules& rules) {
  auto object = ParseJsonObject(body);
  if (!object) return std::unexpected(std::move(object.error()));
  FieldErrors errors;
  SimilarRequest request;
  if (auto present_id = ReadRequiredId(*object, "present_id", rules.present_id_kind, errors)) {
    request.query.present_id = std::move(*present_id);
  }
  if (const json::value* user_id = Member(*object, "user_id")) {
    if (auto id = ParseId(*user_id, rules.user_id_kind)) {
      request.query.user_id = std::move(*id);
    } else {
      errors.Add("user_id", id.error());
    }
  }
  request.query.geo_id = ReadGeoId(*object, "", errors);
  request.query.filters = ReadFilters(*object, rules.present_id_kind, errors);
  request.page = ReadPagination(*object, rules, errors);
  if (!errors.empty()) return std::unexpected(std::move(errors).ToError());
  return request;
}

std::optional<std::string> PercentDecode(std::string_view text) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    int high = hex(text[i + 1]);
    int low = hex(text[i + 2]);
    if (high < 0 || low < 0) return std::nullopt;
    out += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return out;
}

std::expected<std::vector<ExternalId>, ApiError> ParsePresentIdsQuery(
    std::string_view query, const RequestRules& rules) {
  std::optional<std::string_view> list;
  while (!query.empty()) {
    std::string_view pair = query.substr(0, query.find('&'));
    query.remove_prefix(std::min(query.size(), pair.size() + 1));
    if (pair.starts_with("ids=")) list = pair.substr(4);
  }
  FieldErrors errors;
  std::vector<ExternalId> ids;
  if (!list) {
    errors.Add("ids", "is required: a comma-separated list of present ids");
    return std::unexpected(std::move(errors).ToError());
  }
  size_t index = 0;
  while (!list->empty()) {
    std::string_view piece = list->substr(0, list->find(','));
    list->remove_prefix(std::min(list->size(), piece.size() + 1));
    std::optional<std::string> decoded = PercentDecode(piece);
    auto id = decoded ? ParseIdText(*decoded, rules.present_id_kind)
                      : std::unexpected(std::string("is not valid percent-encoding"));
    if (!id) {
      errors.Add("ids[" + std::to_string(index) + "]", id.error());
      break;
    }
    if (std::find(ids.begin(), ids.end(), *id) == ids.end()) ids.push_back(std::move(*id));
    if (ids.size() > static_cast<size_t>(rules.max_page_size)) {
      errors.Add("ids", "must hold at most " + std::to_string(rules.max_page_size) + " ids");
      break;
    }
    ++index;
  }
  if (!errors.empty()) return std::unexpected(std::move(errors).ToError());
  return ids;
}

}  // namespace mysanta::api
