// Readers of the MovieLens layouts (GroupLens, https://grouplens.org/datasets/movielens/):
//
// - 100K: u.data (user \t item \t rating \t timestamp), u.item (id|title|release date|video
//   release date|IMDb URL|19 genre flags 0/1, Latin-1), u.genre (name|flag index), u.user
//   (id|age|gender|occupation|zip code);
// - latest-small / 25M / 32M: ratings.csv (header userId,movieId,rating,timestamp) and
//   movies.csv (header movieId,title,genres; quoted titles; genres A|B|C).
//
// Each reader adds what it parses to the builder, returns its file's report, or the one sentence
// saying why the file is not of its layout (row_reader.h). Items take their first genre as
// category. Thread-compatible: one builder per call.
#pragma once

#include <expected>
#include <string>
#include <vector>

#include "importer/import_report.h"
#include "importer/interaction_log_builder.h"

namespace mysanta {

using ReadResult = std::expected<FileReport, std::string>;

inline constexpr std::string_view kRatingsCsvHeader = "userId,movieId,rating,timestamp";

ReadResult ReadMovieLensData(const std::string& path, InteractionLogBuilder& builder);
// `genres`: the genre of each flag, in order (MovieLensGenres or kMovieLens100kGenres).
ReadResult ReadMovieLensItems(const std::string& path, const std::vector<std::string>& genres,
                              InteractionLogBuilder& builder);
ReadResult ReadMovieLensUsers(const std::string& path, InteractionLogBuilder& builder);
// The genre names of a u.genre file in flag order, or why it is not one.
std::expected<std::vector<std::string>, std::string> ReadMovieLensGenres(const std::string& path);
// MovieLens 100K's genres, as its u.genre lists them (used when there is no u.genre).
std::vector<std::string> MovieLens100kGenres();

ReadResult ReadMovieLensRatingsCsv(const std::string& path, InteractionLogBuilder& builder);
ReadResult ReadMovieLensMoviesCsv(const std::string& path, InteractionLogBuilder& builder);

}  // namespace mysanta
