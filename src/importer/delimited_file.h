// Reading the text files of public data sets: line by line (LF or CRLF line ends, a UTF-8 byte
// order mark dropped, a line that is not valid UTF-8 taken as Latin-1, as MovieLens 100K's u.item
// is, and transcoded), and splitting a line into fields.
//
// A LineReader is used by one thread; the functions are pure and thread-safe.
#pragma once

#include <cstdint>
#include <expected>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace mysanta {

class LineReader {
 public:
  // The error is one sentence naming the file.
  static std::expected<LineReader, std::string> Open(const std::string& path);

  // The next line without its line end, valid until the next call; false at the end.
  bool Next(std::string_view* line);
  // 1-based number of the line Next returned last.
  int64_t line_number() const { return line_number_; }
  const std::string& path() const { return path_; }
  // True when reading stopped at an I/O error rather than at the end.
  bool bad_read() const { return stream_.bad(); }

 private:
  explicit LineReader(std::string path) : path_(std::move(path)), stream_(path_) {}

  std::string path_;
  std::ifstream stream_;
  std::string line_;
  std::string transcoded_;
  int64_t line_number_ = 0;
};

// Splits `line` at `delimiter` into `fields` (cleared first). With `quoted`, a field may be
// enclosed in double quotes (RFC 4180: the delimiter inside, "" for a quote). False when a
// quoted field is not closed.
bool SplitFields(std::string_view line, char delimiter, bool quoted,
                 std::vector<std::string>& fields);

bool IsValidUtf8(std::string_view text);
// Each byte of `text` as the Latin-1 character it encodes, in UTF-8.
std::string Latin1ToUtf8(std::string_view text);

// `text` without leading and trailing spaces and tabs.
std::string_view TrimSpaces(std::string_view text);

}  // namespace mysanta
