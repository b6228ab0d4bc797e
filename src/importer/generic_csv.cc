#include "importer/generic_csv.h"

#include <algorithm>

#include <fmt/format.h>

#include "importer/delimited_file.h"
#include "importer/row_reader.h"

namespace mysanta {
namespace {

std::string DelimiterName(char delimiter) {
  return delimiter == '\t' ? std::string("tab") : fmt::format("'{}'", delimiter);
}

}  // namespace

ReadResult ReadInteractionCsv(const std::string& path, const ImportOptions& options,
                              InteractionLogBuilder& builder) {
  const std::vector<CsvColumn>& columns = options.columns;
  auto position = [&](CsvColumn role) -> size_t {
    return static_cast<size_t>(std::ranges::find(columns, role) - columns.begin());
  };
  const size_t user_at = position(CsvColumn::kUser);
  const size_t item_at = position(CsvColumn::kItem);
  const size_t time_at = position(CsvColumn::kTimestamp);
  const size_t weight_at = position(CsvColumn::kWeight);
  // Rows need every column up to the last of user and item; later ones may be missing.
  const size_t min_fields = std::max(user_at, item_at) + 1;
  const std::string description =
      fmt::format("an interaction CSV (columns {} separated by {})",
                  [&] {
                    std::string names;
                    for (CsvColumn column : columns) {
                      static constexpr std::string_view kNames[] = {"user", "item", "timestamp",
                                                                    "weight", "-"};
                      if (!names.empty()) names += ',';
                      names += kNames[static_cast<int>(column)];
                    }
                    return names;
                  }(),
                  DelimiterName(options.delimiter));
  std::vector<std::string> fields;
  int64_t row_number = 0;
  return ReadRows(
      path, {description, options.header}, [&](std::string_view line) -> std::string_view {
        const int64_t row = row_number++;
        if (!SplitFields(line, options.delimiter, /*quoted=*/true, fields)) {
          return "unclosed quote";
        }
        if (fields.size() < min_fields || fields.size() > columns.size()) {
          return "wrong field count";
        }
        const std::string_view user = TrimSpaces(fields[user_at]);
        const std::string_view item = TrimSpaces(fields[item_at]);
        if (!builder.IsAcceptableId(user)) return "bad user id";
        if (!builder.IsAcceptableId(item)) return "bad item id";
        int64_t created_at = kNoTimeEpoch + row;
        if (time_at < fields.size()) {
          const auto parsed = ParseTimeField(fields[time_at]);
          if (!parsed) return "bad timestamp";
          created_at = *parsed;
        }
        std::optional<double> weight;
        if (weight_at < fields.size()) {
          weight = ParseNumber(fields[weight_at]);
          if (!weight) return "bad weight";
        }
        builder.AddInteraction(user, item, created_at, weight);
        return {};
      });
}

ReadResult ReadItemCsv(const std::string& path, const ImportOptions& options,
                       InteractionLogBuilder& builder) {
  std::vector<std::string> fields;
  return ReadRows(
      path,
      {fmt::format("an item CSV (item,title[,category] separated by {})",
                   DelimiterName(options.delimiter)),
       options.header},
      [&](std::string_view line) -> std::string_view {
        if (!SplitFields(line, options.delimiter, /*quoted=*/true, fields)) {
          return "unclosed quote";
        }
        if (fields.size() < 2 || fields.size() > 3) return "wrong field count";
        const std::string_view item = TrimSpaces(fields[0]);
        if (!builder.IsAcceptableId(item)) return "bad item id";
        std::string category = fields.size() == 3 ? std::string(TrimSpaces(fields[2])) : "";
        if (!builder.AddItem(item, std::string(TrimSpaces(fields[1])), std::move(category))) {
          return "duplicate item";
        }
        return {};
      });
}

}  // namespace mysanta
