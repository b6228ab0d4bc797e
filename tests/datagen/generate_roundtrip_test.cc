// generate -> main database -> load back, on SQLite and on the real PostgreSQL of
// scripts/with-test-services, with integer and text ids: the loaded data is exactly the
// generated data (every row of every table), and the same seed gives the same database.
#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "datagen/generator.h"
#include "store/main_database.h"
#include "store/main_database_writer.h"
#include "store/scratch_database.h"
#include "test_support.h"

namespace mysanta {
namespace {

using testing::Backend;
using testing::ScratchDatabase;

// Every row of every table as text, sorted, in external ids: comparable across loads whatever
// the dense indices are.
struct CanonicalData {
  std::vector<std::string> users, presents, likes, clicks;
  bool operator==(const CanonicalData&) const = default;
};

std::string UserId(const MainData& data, Index user) {
  return user == kNoIndex ? "NULL" : ExternalIdToString(data.user_ids.At(user));
}

CanonicalData Canonical(const MainData& data) {
  CanonicalData rows;
  for (Index i = 0; i < data.users.size(); ++i) {
    const User& user = data.users[i];
    if (!user.in_users_table) continue;
    rows.users.push_back(fmt::format("{}|{}|{}|{}|{}", UserId(data, i), GenderName(user.gender),
                                     user.birth_date, user.geo_id, user.created_at));
  }
  for (Index i = 0; i < data.presents.size(); ++i) {
    const Present& present = data.presents[i];
    rows.presents.push_back(fmt::format(
        "{}|{}|{:.2f}|{}|{}|{}|{}|{}|{}|{}", ExternalIdToString(data.present_ids.At(i)),
        present.title, present.price, data.categories.At(present.category),
        data.platforms.At(present.platform), GenderName(present.gender),
        AgeRangeLabel(present.age), present.geo_id, present.is_active, present.created_at));
  }
  auto interaction = [&](const Interaction& row) {
    return fmt::format("{}|{}|{}", UserId(data, row.user),
                       ExternalIdToString(data.present_ids.At(row.present)), row.created_at);
  };
  for (const Interaction& like : data.likes) rows.likes.push_back(interaction(like));
  for (const Interaction& click : data.clicks) rows.clicks.push_back(interaction(click));
  for (auto* table : {&rows.users, &rows.presents, &rows.likes, &rows.clicks}) {
    std::sort(table->begin(), table->end());
  }
  return rows;
}

void Write(const MainData& data, IdKind ids, const DatabaseUrl& url) {
  auto writer = MainDatabaseWriter::Open(url);
  writer->CreateSchema(ids);
  writer->Write(data);
}

class GenerateRoundTripTest : public ::testing::TestWithParam<std::tuple<Backend, IdKind>> {};

TEST_P(GenerateRoundTripTest, LoadsBackExactlyWhatWasGenerated) {
  const auto [backend, ids] = GetParam();
  std::string admin_url;
  if (backend == Backend::kPostgres) {
    MYSANTA_REQUIRE_ENV(url, "TEST_POSTGRES_URL");
    admin_url = url;
  }
  GenerateOptions options = *ScaleOptions("tiny");
  options.seed = 7;
  options.id_kind = ids;
  const MainData generated = Generate(options);

  ScratchDatabase first(backend, admin_url);
  Write(generated, ids, first.url());
  const MainData loaded = MainDatabase::Open(first.url())->LoadAll();

  EXPECT_EQ(loaded.presents.size(), 500u);
  EXPECT_EQ(std::count_if(loaded.users.begin(), loaded.users.end(),
                          [](const User& user) { return user.in_users_table; }),
            2000);
  EXPECT_EQ(loaded.likes.size(), 10000u);
  // The generator may draw one user's click of a present twice in one second: the loader keeps
  // one (a duplicate click, counted).
  EXPECT_EQ(loaded.clicks.size() + loaded.duplicate_clicks, 12000u);
  EXPECT_EQ(loaded.orphan_likes, 0);
  EXPECT_EQ(loaded.orphan_clicks, 0);
  EXPECT_EQ(loaded.user_ids.kind(), ids);
  EXPECT_EQ(loaded.present_ids.kind(), ids);
  CanonicalData expected = Canonical(generated);
  // What the loader drops: a signed-in user's repeat of a click in the same second.
  std::vector<std::string> kept_clicks;
  for (const std::string& click : expected.clicks) {
    if (!kept_clicks.empty() && kept_clicks.back() == click && !click.starts_with("NULL|")) continue;
    kept_clicks.push_back(click);
  }
  EXPECT_EQ(static_cast<int64_t>(expected.clicks.size() - kept_clicks.size()),
            loaded.duplicate_clicks);
  expected.clicks = std::move(kept_clicks);
  const CanonicalData actual = Canonical(loaded);
  EXPECT_EQ(actual.users, expected.users);
  EXPECT_EQ(actual.presents, expected.presents);
  EXPECT_EQ(actual.likes, expected.likes);
  EXPECT_EQ(actual.clicks, expected.clicks);

  // Same seed, second database: the same data.
  ScratchDatabase second(backend, admin_url);
  Write(Generate(options), ids, second.url());
  EXPECT_TRUE(Canonical(MainDatabase::Open(second.url())->LoadAll()) == actual);
}

INSTANTIATE_TEST_SUITE_P(
    Backends, GenerateRoundTripTest,
    ::testing::Combine(::testing::Values(Backend::kSqlite, Backend::kPostgres),
                       ::testing::Values(IdKind::kInteger, IdKind::kText)),
    [](const auto& info) {
      return testing::BackendName(std::get<0>(info.param)) +
             (std::get<1>(info.param) == IdKind::kText ? "TextIds" : "IntegerIds");
    });

}  // namespace
}  // namespace mysanta
