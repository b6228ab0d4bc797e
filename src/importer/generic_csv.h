// Readers of a generic interaction log: one interaction per line, its columns named by
// ImportOptions::columns (default user,item,timestamp,weight; a file may have fewer: the missing
// trailing roles are absent), split at ImportOptions::delimiter, RFC 4180 quotes allowed, the
// first line skipped with ImportOptions::header. And its optional item file: item,title[,category]
// with the same delimiter and header.
//
// Without a timestamp column, the n-th row (from 0) happened at 2024-01-01 00:00:00 UTC + n
// seconds, so that the file's order is the time order. A weight is a rating (see min_rating).
// Thread-compatible: one builder per call.
#pragma once

#include <string>

#include "importer/import_options.h"
#include "importer/movielens.h"

namespace mysanta {

ReadResult ReadInteractionCsv(const std::string& path, const ImportOptions& options,
                              InteractionLogBuilder& builder);
ReadResult ReadItemCsv(const std::string& path, const ImportOptions& options,
                       InteractionLogBuilder& builder);

}  // namespace mysanta
