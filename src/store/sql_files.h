// The SQL files of sql/, embedded at build time (store/embedded_sql.h is generated from them by
// CMakeLists.txt), so that the files operators read are exactly what the service executes.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "core/ids.h"

namespace mysanta {

// The text of sql/<name>, e.g. "schema.sql". Throws StoreError for an unknown name (a build bug).
std::string_view SqlFile(std::string_view name);

// `sql` with every id column marked `BIGINT /* id */` given the type of `kind` (TEXT for text ids).
std::string WithIdType(std::string_view sql, IdKind kind);

// Splits a main-schema file at its `-- @after-load` line: {tables, statements run after loading}.
std::pair<std::string_view, std::string_view> SplitAtAfterLoad(std::string_view sql);

}  // namespace mysanta
