#include "importer/import_report.h"

#include <fmt/format.h>

namespace mysanta {

int64_t FileReport::bad_total() const {
  int64_t total = 0;
  for (const auto& [cause, rows] : bad_rows) total += rows;
  return total;
}

std::string ImportReport::Format() const {
  std::string out = fmt::format("import: {} users, {} presents, {} likes, {} clicks\n", users,
                                presents, likes, clicks);
  if (below_min_skipped > 0) {
    out += fmt::format("  {} ratings below the minimum skipped\n", below_min_skipped);
  }
  if (duplicate_likes_merged > 0) {
    out += fmt::format("  {} repeated (user, item) likes merged\n", duplicate_likes_merged);
  }
  if (items_not_in_item_file > 0) {
    out += fmt::format("  {} items named only by interactions (title \"Item ID\")\n",
                       items_not_in_item_file);
  }
  for (const FileReport& file : files) {
    out += fmt::format("  {}: {} rows, {} imported, {} bad", file.path, file.rows, file.accepted,
                       file.bad_total());
    std::string separator = " (";
    for (const auto& [cause, rows] : file.bad_rows) {
      out += fmt::format("{}{}: {}", separator, cause, rows);
      separator = ", ";
    }
    out += file.bad_rows.empty() ? "\n" : ")\n";
  }
  return out;
}

}  // namespace mysanta
