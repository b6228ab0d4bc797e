// The two MainDatabaseWriter implementations, behind MainDatabaseWriter::Open (factory functions,
// thread-safe to call). Internal to the store layer.
#pragma once

#include <memory>

#include "store/main_database_writer.h"

namespace mysanta {

std::unique_ptr<MainDatabaseWriter> OpenPostgresMainDatabaseWriter(const DatabaseUrl& url);
std::unique_ptr<MainDatabaseWriter> OpenSqliteMainDatabaseWriter(const DatabaseUrl& url);

// Throws StoreError unless both id dictionaries of `data` are of `schema_ids`' kind.
void CheckIdKinds(const MainData& data, IdKind schema_ids);

// Rows between progress reports.
inline constexpr int64_t kProgressEvery = 100000;

}  // namespace mysanta
