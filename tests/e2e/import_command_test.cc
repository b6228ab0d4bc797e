// `mysanta-rec import` through the real binary, on both backends: it refuses to replace a main
// database without --force and refuses a file of another format (exit 2, one line, the database
// untouched); an imported MovieLens ratings.csv is then computed by `refresh all`, served by
// /personalized, and evaluated by `evaluate`.
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "http_client.h"
#include "running_service.h"
#include "store/main_database.h"

namespace mysanta::e2e {
namespace {

using ::testing::HasSubstr;

class ImportCommandTest : public ::testing::TestWithParam<BackendKind> {
 protected:
  void SetUp() override { E2E_REQUIRE_BACKEND(GetParam()); }
};

// 40 users, each rating 8 of 60 movies in overlapping runs (so that neighbours exist), ratings
// 1-5 by position; and the movies with titles (some quoted) and genres.
void WriteMovieLens(const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  std::ofstream ratings(dir / "ratings.csv");
  ratings << "userId,movieId,rating,timestamp\n";
  for (int user = 1; user <= 40; ++user) {
    for (int k = 0; k < 8; ++k) {
      const int movie = 1 + (user * 3 + k) % 60;
      ratings << fmt::format("{},{},{}.0,{}\n", user, movie, 1 + (user + k) % 5,
                             1500000000 + user * 1000 + k);
    }
  }
  ratings << "not,a,valid,row\n";
  std::ofstream movies(dir / "movies.csv");
  movies << "movieId,title,genres\n";
  const char* kGenres[] = {"Comedy|Drama", "Action", "Drama", "Horror|Thriller"};
  for (int movie = 1; movie <= 60; ++movie) {
    movies << fmt::format("{},\"Movie {}, The (2000)\",{}\n", movie, movie, kGenres[movie % 4]);
  }
}

TEST_P(ImportCommandTest, ImportRefreshServeAndEvaluate) {
  Deployment deployment(GetParam(), kTinyData);  // a generated main database to replace
  const std::filesystem::path ml = deployment.dir() / "ml";
  WriteMovieLens(ml);
  const std::string ratings = (ml / "ratings.csv").string();
  auto import = [&](std::vector<std::string> args) {
    std::vector<std::string> argv = {BinaryPath(), "import", "--format", "movielens-csv",
                                     "--out", deployment.main_url()};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommand(argv, {}, deployment.dir() / "import.log");
  };
  auto presents_now = [&] {
    return MainDatabase::Open(deployment.MainDatabaseUrl())->LoadAll().presents.size();
  };
  const size_t generated_presents = presents_now();

  const CommandResult refused = import({"--ratings", ratings});
  EXPECT_EQ(refused.exit_code, 2) << refused.output;
  EXPECT_THAT(refused.output, HasSubstr("already holds a main database (--force replaces it)"));

  const CommandResult wrong_format = import({"--force", "--ratings", (ml / "movies.csv").string()});
  EXPECT_EQ(wrong_format.exit_code, 2) << wrong_format.output;
  EXPECT_THAT(wrong_format.output, HasSubstr("not a MovieLens ratings.csv file"));
  EXPECT_EQ(std::ranges::count(wrong_format.output, '\n'), 1) << wrong_format.output;
  EXPECT_EQ(presents_now(), generated_presents) << "nothing written";

  const CommandResult imported = import({"--force", "--min-rating", "3", "--below-min", "click",
                                         ratings});
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  EXPECT_THAT(imported.output, HasSubstr("import: 40 users, 60 presents, 192 likes, 128 clicks"));
  EXPECT_THAT(imported.output, HasSubstr("321 rows, 320 imported, 1 bad (bad user id: 1)"))
      << "the bad row is counted, not fatal";
  EXPECT_EQ(presents_now(), 60u);

  const Environment env = deployment.ServerEnvironment();
  const CommandResult refreshed =
      RunCommand({BinaryPath(), "refresh", "all"}, env, deployment.dir() / "refresh.log");
  ASSERT_EQ(refreshed.exit_code, 0) << refreshed.output;

  {
    ServerProcess server(env, deployment.dir() / "server.log");
    WaitHealthy(server);
    HttpClient client(server.port());
    // User 1 liked the movies it rated 3 or more: (1 + k) % 5 + 1 >= 3.
    std::set<int64_t> liked;
    for (int k = 0; k < 8; ++k) {
      if (1 + (1 + k) % 5 >= 3) liked.insert(1 + (3 + k) % 60);
    }
    const HttpResponse response =
        client.Post("/personalized", R"({"user_id": 1, "pagination": {"limit": 20}})");
    ASSERT_EQ(response.status, 200) << response.body;
    const boost::json::value body = response.Json();
    EXPECT_EQ(body.at("algorithm_used"), "collaborative") << response.body;
    const auto& items = body.at("items").as_array();
    EXPECT_EQ(items.size(), 20u) << response.body;
    for (const auto& item : items) {
      EXPECT_FALSE(liked.contains(item.as_int64())) << "a liked movie returned: " << item;
      EXPECT_GE(item.as_int64(), 1);
      EXPECT_LE(item.as_int64(), 60);
    }
  }

  const CommandResult evaluated = RunCommand(
      {BinaryPath(), "evaluate", "--k", "5", "--split", "random:0.75", "--seed", "1", "--json"},
      env, deployment.dir() / "evaluate.log");
  ASSERT_EQ(evaluated.exit_code, 0) << evaluated.output;
  EXPECT_THAT(evaluated.output, HasSubstr("\"ease\""));
}

E2E_INSTANTIATE(ImportCommandTest);

}  // namespace
}  // namespace mysanta::e2e
