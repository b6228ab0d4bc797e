// ReadRows: the loop every format reader shares. It reads a file line by line, hands each data
// row to the format's parser, counts the rows it rejects per cause, and decides whether the file
// is of the format at all: a file is not when it cannot be read, when its header is not the one
// the format names, when it has no data rows, or when its first data row or most of its rows do
// not parse. Also the field parsers the formats share. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <expected>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "importer/import_report.h"

namespace mysanta {

struct FileLayout {
  FileLayout(std::string_view description, bool has_header = false, std::string_view header = {})
      : description(description), has_header(has_header), header(header) {}

  std::string_view description;  // "a MovieLens u.data file (tab-separated user item ...)"
  bool has_header;               // the first line names the columns
  std::string_view header;       // when not empty, the first line must be exactly this
};

// The parser of one data row: an empty cause when the row was taken, else why it was not
// ("wrong field count", "bad rating", ...).
using RowParser = std::function<std::string_view(std::string_view line)>;

// The file's report, or one sentence saying why it is not of the format.
std::expected<FileReport, std::string> ReadRows(const std::string& path, const FileLayout& layout,
                                                const RowParser& parse_row);

// A finite decimal number ("4", "3.5", "-1e2").
std::optional<double> ParseNumber(std::string_view text);
// Seconds since the epoch as a non-negative integer (values from 10^11 up are milliseconds), a
// date-time "YYYY-MM-DD[ T]HH:MM:SS", a date "YYYY-MM-DD", or a day-first date "DD-MM-YYYY",
// "DD.MM.YYYY" or "DD/MM/YYYY"; years 1970-9999.
std::optional<int64_t> ParseTimeField(std::string_view text);
// Seconds since the epoch as a non-negative integer only (MovieLens).
std::optional<int64_t> ParseEpochSeconds(std::string_view text);

}  // namespace mysanta
