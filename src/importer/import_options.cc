#include "importer/import_options.h"

#include <array>

namespace mysanta {

std::optional<ImportFormat> ParseImportFormat(std::string_view name) {
  if (name == "movielens") return ImportFormat::kMovieLens;
  if (name == "movielens-100k") return ImportFormat::kMovieLens100k;
  if (name == "movielens-csv") return ImportFormat::kMovieLensCsv;
  if (name == "csv") return ImportFormat::kCsv;
  return std::nullopt;
}

std::expected<std::vector<CsvColumn>, std::string> ParseCsvColumns(std::string_view list) {
  constexpr std::array<std::pair<std::string_view, CsvColumn>, 5> kRoles = {{
      {"user", CsvColumn::kUser},
      {"item", CsvColumn::kItem},
      {"timestamp", CsvColumn::kTimestamp},
      {"weight", CsvColumn::kWeight},
      {"-", CsvColumn::kIgnored},
  }};
  std::vector<CsvColumn> columns;
  std::array<int, 5> seen{};
  size_t start = 0;
  while (start <= list.size()) {
    const size_t comma = std::min(list.find(',', start), list.size());
    const std::string_view word = list.substr(start, comma - start);
    size_t role = 0;
    while (role < kRoles.size() && kRoles[role].first != word) ++role;
    if (role == kRoles.size()) {
      return std::unexpected(
          "expected a comma-separated list of user, item, timestamp, weight or -, got \"" +
          std::string(word) + "\"");
    }
    if (kRoles[role].second != CsvColumn::kIgnored && seen[role]++ > 0) {
      return std::unexpected("\"" + std::string(word) + "\" is named twice");
    }
    columns.push_back(kRoles[role].second);
    start = comma + 1;
  }
  if (seen[0] == 0 || seen[1] == 0) {
    return std::unexpected("the columns must include user and item");
  }
  return columns;
}

}  // namespace mysanta
