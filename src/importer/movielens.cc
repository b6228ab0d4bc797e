#include "importer/movielens.h"

#include <charconv>

#include "importer/delimited_file.h"
#include "importer/present_attributes.h"
#include "importer/row_reader.h"

namespace mysanta {
namespace {

constexpr std::string_view kWrongFieldCount = "wrong field count";
constexpr std::string_view kBadUserId = "bad user id";
constexpr std::string_view kBadItemId = "bad item id";
constexpr std::string_view kBadRating = "bad rating";
constexpr std::string_view kBadTimestamp = "bad timestamp";
constexpr std::string_view kDuplicateItem = "duplicate item";
constexpr std::string_view kDuplicateUser = "duplicate user";

// One rating row, fields in the order user, item, rating, timestamp.
std::string_view AddRatingRow(const std::vector<std::string>& fields,
                              InteractionLogBuilder& builder) {
  if (fields.size() != 4) return kWrongFieldCount;
  const std::string_view user = TrimSpaces(fields[0]);
  const std::string_view item = TrimSpaces(fields[1]);
  if (!builder.IsAcceptableId(user)) return kBadUserId;
  if (!builder.IsAcceptableId(item)) return kBadItemId;
  const auto rating = ParseNumber(fields[2]);
  if (!rating) return kBadRating;
  const auto timestamp = ParseEpochSeconds(fields[3]);
  if (!timestamp) return kBadTimestamp;
  builder.AddInteraction(user, item, *timestamp, *rating);
  return {};
}

std::string_view FirstGenre(std::string_view genres) {
  size_t start = 0;
  while (start <= genres.size()) {
    const size_t bar = std::min(genres.find('|', start), genres.size());
    const std::string_view genre = genres.substr(start, bar - start);
    if (!CategoryName(genre).empty()) return genre;
    start = bar + 1;
  }
  return {};
}

}  // namespace

ReadResult ReadMovieLensData(const std::string& path, InteractionLogBuilder& builder) {
  std::vector<std::string> fields;
  return ReadRows(path,
                  {"a MovieLens u.data file (tab-separated user item rating timestamp)"},
                  [&](std::string_view line) {
                    SplitFields(line, '\t', /*quoted=*/false, fields);
                    return AddRatingRow(fields, builder);
                  });
}

ReadResult ReadMovieLensItems(const std::string& path, const std::vector<std::string>& genres,
                              InteractionLogBuilder& builder) {
  std::vector<std::string> fields;
  return ReadRows(
      path, {"a MovieLens u.item file (id|title|release date|video date|URL|genre flags)"},
      [&](std::string_view line) -> std::string_view {
        SplitFields(line, '|', /*quoted=*/false, fields);
        if (fields.size() != 5 + genres.size()) return kWrongFieldCount;
        const std::string_view item = TrimSpaces(fields[0]);
        if (!builder.IsAcceptableId(item)) return kBadItemId;
        std::string category;
        for (size_t g = 0; g < genres.size(); ++g) {
          const std::string_view flag = TrimSpaces(fields[5 + g]);
          if (flag != "0" && flag != "1") return "bad genre flag";
          if (flag == "1" && category.empty()) category = CategoryName(genres[g]);
        }
        if (!builder.AddItem(item, std::string(TrimSpaces(fields[1])), category)) {
          return kDuplicateItem;
        }
        return {};
      });
}

ReadResult ReadMovieLensUsers(const std::string& path, InteractionLogBuilder& builder) {
  std::vector<std::string> fields;
  return ReadRows(
      path, {"a MovieLens u.user file (id|age|gender|occupation|zip code)"},
      [&](std::string_view line) -> std::string_view {
        SplitFields(line, '|', /*quoted=*/false, fields);
        if (fields.size() != 5) return kWrongFieldCount;
        const std::string_view user = TrimSpaces(fields[0]);
        if (!builder.IsAcceptableId(user)) return kBadUserId;
        const std::string_view age_text = TrimSpaces(fields[1]);
        int age = 0;
        const auto [end, error] =
            std::from_chars(age_text.data(), age_text.data() + age_text.size(), age);
        if (age_text.empty() || error != std::errc() || end != age_text.data() + age_text.size() ||
            age < 0 || age > 120) {
          return "bad age";
        }
        const std::string_view gender_text = TrimSpaces(fields[2]);
        Gender gender = Gender::kAny;
        if (gender_text == "M" || gender_text == "m") {
          gender = Gender::kMale;
        } else if (gender_text == "F" || gender_text == "f") {
          gender = Gender::kFemale;
        } else if (!gender_text.empty()) {
          return "bad gender";
        }
        if (!builder.AddUser(user, gender, age)) return kDuplicateUser;
        return {};
      });
}

std::expected<std::vector<std::string>, std::string> ReadMovieLensGenres(const std::string& path) {
  std::vector<std::string> genres;
  std::vector<std::string> fields;
  auto report = ReadRows(path, {"a MovieLens u.genre file (name|index)"},
                         [&](std::string_view line) -> std::string_view {
                           SplitFields(line, '|', /*quoted=*/false, fields);
                           if (fields.size() != 2) return kWrongFieldCount;
                           if (fields[1] != std::to_string(genres.size())) return "bad index";
                           genres.push_back(fields[0]);
                           return {};
                         });
  if (!report) return std::unexpected(report.error());
  if (report->bad_total() > 0) {
    return std::unexpected(path + ": not a MovieLens u.genre file: its indexes are not 0, 1, ...");
  }
  return genres;
}

std::vector<std::string> MovieLens100kGenres() {
  return {"unknown", "Action",  "Adventure", "Animation", "Children's", "Comedy",  "Crime",
          "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery",
          "Romance", "Sci-Fi", "Thriller", "War", "Western"};
}

ReadResult ReadMovieLensRatingsCsv(const std::string& path, InteractionLogBuilder& builder) {
  std::vector<std::string> fields;
  return ReadRows(path,
                  {"a MovieLens ratings.csv file", /*has_header=*/true, kRatingsCsvHeader},
                  [&](std::string_view line) {
                    SplitFields(line, ',', /*quoted=*/false, fields);
                    return AddRatingRow(fields, builder);
                  });
}

ReadResult ReadMovieLensMoviesCsv(const std::string& path, InteractionLogBuilder& builder) {
  std::vector<std::string> fields;
  return ReadRows(path, {"a MovieLens movies.csv file", /*has_header=*/true, "movieId,title,genres"},
                  [&](std::string_view line) -> std::string_view {
                    if (!SplitFields(line, ',', /*quoted=*/true, fields)) return "unclosed quote";
                    if (fields.size() != 3) return kWrongFieldCount;
                    const std::string_view item = TrimSpaces(fields[0]);
                    if (!builder.IsAcceptableId(item)) return kBadItemId;
                    if (!builder.AddItem(item, std::string(TrimSpaces(fields[1])),
                                         std::string(FirstGenre(fields[2])))) {
                      return kDuplicateItem;
                    }
                    return {};
                  });
}

}  // namespace mysanta
