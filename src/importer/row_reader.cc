#include "importer/row_reader.h"

#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "core/demographics.h"
#include "importer/delimited_file.h"

namespace mysanta {
namespace {

constexpr int64_t kLatestSecond = 253402300799;  // 9999-12-31 23:59:59

std::string Quote(std::string_view line) {
  constexpr size_t kShown = 60;
  return line.size() <= kShown ? fmt::format("\"{}\"", line)
                               : fmt::format("\"{}...\"", line.substr(0, kShown));
}

std::optional<int64_t> ParseInteger(std::string_view text) {
  int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::expected<FileReport, std::string> ReadRows(const std::string& path, const FileLayout& layout,
                                                const RowParser& parse_row) {
  auto reader = LineReader::Open(path);
  if (!reader) return std::unexpected(reader.error());
  FileReport report;
  report.path = path;
  auto not_the_format = [&](const std::string& why) {
    return std::unexpected(fmt::format("{}: not {}: {}", path, layout.description, why));
  };
  std::string_view line;
  if (layout.has_header) {
    if (!reader->Next(&line)) return not_the_format("the file is empty");
    if (!layout.header.empty() && TrimSpaces(line) != layout.header) {
      return not_the_format(
          fmt::format("expected the header {}, line 1 is {}", layout.header, Quote(line)));
    }
  }
  std::string first_cause;
  while (reader->Next(&line)) {
    if (TrimSpaces(line).empty()) continue;
    ++report.rows;
    const std::string_view cause = parse_row(line);
    if (cause.empty()) {
      ++report.accepted;
      continue;
    }
    report.AddBad(std::string(cause));
    if (report.rows == 1) {
      return not_the_format(
          fmt::format("line {} ({}): {}", reader->line_number(), cause, Quote(line)));
    }
  }
  if (reader->bad_read()) return std::unexpected(path + ": read error");
  if (report.rows == 0) return not_the_format("it has no data rows");
  if (report.bad_total() * 2 > report.rows) {
    return not_the_format(
        fmt::format("{} of its {} rows do not parse", report.bad_total(), report.rows));
  }
  return report;
}

std::optional<double> ParseNumber(std::string_view text) {
  text = TrimSpaces(text);
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() ||
      !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::optional<int64_t> ParseEpochSeconds(std::string_view text) {
  const auto value = ParseInteger(TrimSpaces(text));
  if (!value || *value < 0 || *value > kLatestSecond) return std::nullopt;
  return value;
}

std::optional<int64_t> ParseTimeField(std::string_view text) {
  text = TrimSpaces(text);
  if (const auto integer = ParseInteger(text)) {
    if (*integer < 0) return std::nullopt;
    const int64_t seconds = *integer >= 100'000'000'000 ? *integer / 1000 : *integer;
    if (seconds > kLatestSecond) return std::nullopt;
    return seconds;
  }
  if (const auto timestamp = ParseTimestamp(text)) return *timestamp >= 0 ? timestamp : std::nullopt;
  // Day first: DD-MM-YYYY, DD.MM.YYYY, DD/MM/YYYY.
  if (text.size() == 10 && text[2] == text[5] && (text[2] == '-' || text[2] == '.' || text[2] == '/')) {
    const std::string iso = fmt::format("{}-{}-{}", text.substr(6, 4), text.substr(3, 2),
                                        text.substr(0, 2));
    if (const auto days = ParseDate(iso); days && *days >= 0) return int64_t{*days} * 86400;
  }
  return std::nullopt;
}

}  // namespace mysanta
