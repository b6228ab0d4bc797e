#include "store/sql_files.h"

#include "store/embedded_sql.h"
#include "store/store_error.h"

namespace mysanta {
namespace {

constexpr std::string_view kIntegerIdColumn = "BIGINT /* id */";
constexpr std::string_view kTextIdColumn = "TEXT /* id */";
// The marker on a line of its own (the files' comments mention it too).
constexpr std::string_view kAfterLoadMarker = "\n-- @after-load\n";

}  // namespace

std::string_view SqlFile(std::string_view name) {
  for (const auto& file : embedded_sql::kFiles) {
    if (file.name == name) return file.text;
  }
  throw StoreError("SQL file sql/" + std::string(name) + " is not embedded in this build");
}

std::string WithIdType(std::string_view sql, IdKind kind) {
  std::string result(sql);
  if (kind == IdKind::kInteger) return result;
  for (size_t at = result.find(kIntegerIdColumn); at != std::string::npos;
       at = result.find(kIntegerIdColumn, at + kTextIdColumn.size())) {
    result.replace(at, kIntegerIdColumn.size(), kTextIdColumn);
  }
  return result;
}

std::pair<std::string_view, std::string_view> SplitAtAfterLoad(std::string_view sql) {
  const size_t marker = sql.find(kAfterLoadMarker);
  if (marker == std::string_view::npos) return {sql, {}};
  return {sql.substr(0, marker + 1), sql.substr(marker + 1)};
}

}  // namespace mysanta
