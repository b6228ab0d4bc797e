// What `mysanta-rec import` reads and how it turns a public interaction log into a main database
// (SPEC sections 2 and 9). Plain values with their defaults; thread-safe to read.
#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mysanta {

enum class ImportFormat {
  kMovieLens,      // either MovieLens layout below, told apart by the ratings file's first line
  kMovieLens100k,  // u.data: tab-separated user item rating timestamp (+ u.item, u.user, u.genre)
  kMovieLensCsv,   // ratings.csv: userId,movieId,rating,timestamp (+ movies.csv)
  kCsv,            // user,item[,timestamp[,weight]] with an optional item,title[,category] file
};

// "movielens", "movielens-100k", "movielens-csv", "csv"; nullopt otherwise.
std::optional<ImportFormat> ParseImportFormat(std::string_view name);

// What a rating (or a generic weight) below ImportOptions::min_rating becomes.
enum class BelowMinRating { kSkip, kClick };

// The role of one column of a generic CSV.
enum class CsvColumn { kUser, kItem, kTimestamp, kWeight, kIgnored };

// "user,item,timestamp,weight" with "-" for a column to ignore, or an error sentence.
// user and item are required, each role at most once.
std::expected<std::vector<CsvColumn>, std::string> ParseCsvColumns(std::string_view list);

enum class IdTypeChoice { kAuto, kInteger, kText };

struct ImportOptions {
  ImportFormat format = ImportFormat::kMovieLensCsv;
  std::string ratings_path;  // the interaction log (required)
  // The item file; empty: for MovieLens, u.item / movies.csv beside the ratings when present.
  std::string items_path;
  // MovieLens 100K's u.user; empty: beside u.data when present.
  std::string users_path;

  // Ratings (and generic weights) at least this become likes; below it, `below_min_rating`.
  // Without a minimum every row is a like.
  std::optional<double> min_rating;
  BelowMinRating below_min_rating = BelowMinRating::kSkip;
  // Category of presents whose data names none (no item file, or no genre).
  std::string default_category = "other";

  // Generic CSV only.
  char delimiter = ',';
  bool header = false;  // the first line of each file names the columns: skipped
  std::vector<CsvColumn> columns = {CsvColumn::kUser, CsvColumn::kItem, CsvColumn::kTimestamp,
                                    CsvColumn::kWeight};
  // kAuto: integer ids when every user and item id is a positive integer, else text for both.
  IdTypeChoice id_type = IdTypeChoice::kAuto;
};

}  // namespace mysanta
