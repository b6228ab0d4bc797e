// An imported data set written to a real main database (SQLite, and the PostgreSQL of
// scripts/with-test-services) and read back as the service reads it; a write that fails leaves
// the database that was there.
#include <filesystem>

#include <gtest/gtest.h>

#include "import_files.h"
#include "importer/importer.h"
#include "store/main_database.h"
#include "store/main_database_writer.h"
#include "store/scratch_database.h"
#include "test_support.h"

namespace mysanta {
namespace {

using testing::Backend;
using testing::ImportFiles;
using testing::ScratchDatabase;

class ImportWriteTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres) {
      MYSANTA_REQUIRE_ENV(url, "TEST_POSTGRES_URL");
      admin_url_ = url;
    }
    database_ = std::make_unique<ScratchDatabase>(GetParam(), admin_url_);
  }

  ImportedData ImportMovieLens() const {
    const std::string ratings = files_.Write("ratings.csv",
                                             "userId,movieId,rating,timestamp\n"
                                             "1,10,4.0,964982703\n"
                                             "1,20,2.0,964982800\n"
                                             "2,10,5.0,964983000\n");
    files_.Write("movies.csv",
                 "movieId,title,genres\n"
                 "10,\"Caf\xc3\xa9, The (1995)\",Comedy|Drama\n"
                 "20,Other (1996),Horror\n");
    ImportOptions options;
    options.format = ImportFormat::kMovieLensCsv;
    options.ratings_path = ratings;
    options.min_rating = 3;
    options.below_min_rating = BelowMinRating::kClick;
    auto imported = LoadPublicData(options);
    if (!imported) throw std::runtime_error(imported.error());
    return std::move(*imported);
  }

  std::string admin_url_;
  ImportFiles files_;
  std::unique_ptr<ScratchDatabase> database_;
};

TEST_P(ImportWriteTest, TheServiceReadsWhatWasImported) {
  const DatabaseUrl& url = database_->url();
  EXPECT_FALSE(MainDatabaseExists(url));
  const ImportedData imported = ImportMovieLens();
  ReplaceMainDatabase(url, imported.data);
  EXPECT_TRUE(MainDatabaseExists(url));

  const MainData read = MainDatabase::Open(url)->LoadAll();
  EXPECT_EQ(read.users.size(), 2u);
  ASSERT_EQ(read.presents.size(), 2u);
  EXPECT_EQ(read.likes.size(), 2u);
  ASSERT_EQ(read.clicks.size(), 1u);
  EXPECT_EQ(read.clicks[0].created_at, 964982800);
  const Present& present = read.presents[read.present_ids.Find(int64_t{10})];
  EXPECT_EQ(present.title, "Caf\xc3\xa9, The (1995)");
  EXPECT_EQ(read.categories.At(present.category), "comedy");
  const Present& written = imported.data.presents[imported.data.present_ids.Find(int64_t{10})];
  EXPECT_EQ(present.price, written.price);
  EXPECT_EQ(read.platforms.At(present.platform),
            imported.data.platforms.At(written.platform));
  EXPECT_TRUE(read.users[read.user_ids.Find(int64_t{2})].in_users_table);
}

TEST_P(ImportWriteTest, AFailedWriteLeavesTheDatabaseThatWasThere) {
  const DatabaseUrl& url = database_->url();
  const ImportedData imported = ImportMovieLens();
  ReplaceMainDatabase(url, imported.data);

  MainData broken = imported.data;
  broken.likes.push_back(broken.likes.front());  // violates the likes primary key mid-write
  EXPECT_THROW(ReplaceMainDatabase(url, broken), StoreError);

  const MainData read = MainDatabase::Open(url)->LoadAll();
  EXPECT_EQ(read.presents.size(), 2u);
  EXPECT_EQ(read.likes.size(), 2u);
  EXPECT_EQ(read.clicks.size(), 1u);
  if (GetParam() == Backend::kSqlite) {
    const auto folder = std::filesystem::path(url.sqlite_path).parent_path();
    size_t entries = 0;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
      ++entries;
      EXPECT_EQ(entry.path().filename(), "db.sqlite") << "no temporary file left behind";
    }
    EXPECT_EQ(entries, 1u);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, ImportWriteTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return testing::BackendName(info.param); });

}  // namespace
}  // namespace mysanta
