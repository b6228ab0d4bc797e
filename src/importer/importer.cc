#include "importer/importer.h"

#include <filesystem>
#include <system_error>

#include "importer/delimited_file.h"
#include "importer/generic_csv.h"
#include "importer/movielens.h"

namespace mysanta {
namespace {

// `given`, else `name` beside `ratings` when that file exists, else "".
std::string SideFile(const std::string& given, const std::string& ratings, const char* name) {
  if (!given.empty()) return given;
  const std::filesystem::path beside = std::filesystem::path(ratings).parent_path() / name;
  std::error_code error;
  return std::filesystem::is_regular_file(beside, error) ? beside.string() : std::string();
}

// Runs the readers in order, collecting their reports; the first error stops.
class Reading {
 public:
  explicit Reading(ImportReport& report) : report_(report) {}
  template <typename Reader>
  Reading& Then(const std::string& path, Reader reader) {
    if (!error_.empty() || path.empty()) return *this;
    ReadResult result = reader(path);
    if (result) {
      report_.files.push_back(std::move(*result));
    } else {
      error_ = result.error();
    }
    return *this;
  }
  const std::string& error() const { return error_; }

 private:
  ImportReport& report_;
  std::string error_;
};

// kMovieLens as the layout of `ratings`: ratings.csv when its first line is that file's header.
ImportFormat MovieLensLayout(const std::string& ratings) {
  auto reader = LineReader::Open(ratings);
  std::string_view line;
  if (reader && reader->Next(&line) && TrimSpaces(line) == kRatingsCsvHeader) {
    return ImportFormat::kMovieLensCsv;
  }
  return ImportFormat::kMovieLens100k;
}

}  // namespace

std::expected<ImportedData, std::string> LoadPublicData(const ImportOptions& options) {
  if (options.ratings_path.empty()) return std::unexpected("no ratings file given");
  if (!options.users_path.empty() && options.format != ImportFormat::kMovieLens100k &&
      options.format != ImportFormat::kMovieLens) {
    return std::unexpected("--users is for MovieLens 100K's u.user only");
  }
  const bool movielens = options.format != ImportFormat::kCsv;
  InteractionLogBuilder builder(options, movielens ? IdTypeChoice::kInteger : options.id_type);
  ImportedData imported;
  Reading reading(imported.report);
  const std::string& ratings = options.ratings_path;
  const ImportFormat format = options.format == ImportFormat::kMovieLens
                                  ? MovieLensLayout(options.ratings_path)
                                  : options.format;
  switch (format) {
    case ImportFormat::kMovieLens:  // resolved above
    case ImportFormat::kMovieLens100k: {
      std::vector<std::string> genres = MovieLens100kGenres();
      if (const std::string path = SideFile("", ratings, "u.genre"); !path.empty()) {
        auto read = ReadMovieLensGenres(path);
        if (!read) return std::unexpected(read.error());
        genres = std::move(*read);
      }
      reading
          .Then(ratings, [&](const std::string& path) { return ReadMovieLensData(path, builder); })
          .Then(SideFile(options.items_path, ratings, "u.item"),
                [&](const std::string& path) { return ReadMovieLensItems(path, genres, builder); })
          .Then(SideFile(options.users_path, ratings, "u.user"),
                [&](const std::string& path) { return ReadMovieLensUsers(path, builder); });
      break;
    }
    case ImportFormat::kMovieLensCsv:
      reading
          .Then(ratings,
                [&](const std::string& path) { return ReadMovieLensRatingsCsv(path, builder); })
          .Then(SideFile(options.items_path, ratings, "movies.csv"),
                [&](const std::string& path) { return ReadMovieLensMoviesCsv(path, builder); });
      break;
    case ImportFormat::kCsv:
      reading
          .Then(ratings,
                [&](const std::string& path) { return ReadInteractionCsv(path, options, builder); })
          .Then(options.items_path,
                [&](const std::string& path) { return ReadItemCsv(path, options, builder); });
      break;
  }
  if (!reading.error().empty()) return std::unexpected(reading.error());
  if (builder.interactions() == 0) {
    return std::unexpected(ratings + ": no interaction to import (every rating is below the "
                                     "minimum)");
  }
  imported.data = builder.Build(imported.report);
  return imported;
}

}  // namespace mysanta
