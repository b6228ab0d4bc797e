// LoadPublicData: reads a public interaction log in one of the formats of import_options.h, with
// its item and user files, into the main database's relations (interaction_log_builder.h says
// how ratings, items and users are mapped), and reports what it read. Nothing is written: the
// caller writes the MainData (store/main_database_writer.h, all or nothing).
//
// For MovieLens, the side files default to those beside the ratings file when present: u.item,
// u.user and u.genre beside u.data; movies.csv beside ratings.csv. Thread-safe (no shared state).
#pragma once

#include <expected>
#include <string>

#include "core/main_data.h"
#include "importer/import_options.h"
#include "importer/import_report.h"

namespace mysanta {

struct ImportedData {
  MainData data;
  ImportReport report;
};

// The error is one line: a file that cannot be read or is not of the format named.
std::expected<ImportedData, std::string> LoadPublicData(const ImportOptions& options);

}  // namespace mysanta
