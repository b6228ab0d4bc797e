// ImportReport: what `mysanta-rec import` read and wrote, and the rows it could not use, counted
// per file and per cause. A plain value.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace mysanta {

struct FileReport {
  std::string path;
  int64_t rows = 0;      // data rows read (a header line is not one)
  int64_t accepted = 0;  // rows that parsed
  std::map<std::string, int64_t> bad_rows;  // cause -> rows

  int64_t bad_total() const;
  void AddBad(const std::string& cause) { ++bad_rows[cause]; }
};

struct ImportReport {
  std::vector<FileReport> files;
  int64_t users = 0;
  int64_t presents = 0;
  int64_t likes = 0;
  int64_t clicks = 0;
  int64_t below_min_skipped = 0;       // ratings under the minimum, dropped
  int64_t duplicate_likes_merged = 0;  // repeated (user, item) likes kept once, at the latest time
  int64_t items_not_in_item_file = 0;  // named by interactions only: given a generated title

  // Several lines: the counts, then each file's rows and bad rows by cause.
  std::string Format() const;
};

}  // namespace mysanta
