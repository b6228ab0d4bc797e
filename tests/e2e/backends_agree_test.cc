// End-to-end determinism across backends (SPEC rule 5: same data, same request, same list): the
// same generated data served from SQLite + memory:// and from PostgreSQL + Redis give identical
// ranked lists, every page, for random requests of both endpoints.
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "ground_truth.h"
#include "list_walk.h"
#include "request_generator.h"
#include "running_service.h"

namespace mysanta::e2e {
namespace {

constexpr int kCases = 60;

TEST(SqliteAndPostgresRedisAgreeTest, SameDataSameLists) {
  E2E_REQUIRE_BACKEND(BackendKind::kPostgresRedis);
  const Environment settings = {{"MAX_RESULTS", "200"}, {"MAX_PAGE_SIZE", "50"}};
  RunningService sqlite(BackendKind::kSqliteMemory, kTinyData, settings);
  RunningService postgres(BackendKind::kPostgresRedis, kTinyData, settings);
  GroundTruth truth(sqlite.truth());
  ASSERT_EQ(sqlite.truth().likes.size(), postgres.truth().likes.size());
  RequestGenerator generator(truth, 777, 50);
  HttpClient sqlite_client(sqlite.port());
  HttpClient postgres_client(postgres.port());
  for (int i = 0; i < 2 * kCases; ++i) {
    const bool popular = i % 2 == 0;
    RequestSpec spec = popular ? generator.Popular() : generator.Personalized();
    const boost::json::object body = popular ? PopularBody(spec) : PersonalizedBody(spec);
    const std::string endpoint = popular ? "/popular" : "/personalized";
    SCOPED_TRACE("case " + std::to_string(i) + ": " + endpoint + " " +
                 boost::json::serialize(body) + " limit " + std::to_string(spec.limit));
    WalkedList from_sqlite = WalkList(sqlite_client, endpoint, body, spec.limit);
    WalkedList from_postgres = WalkList(postgres_client, endpoint, body, spec.limit);
    ASSERT_TRUE(from_sqlite.ok && from_postgres.ok);
    EXPECT_EQ(from_sqlite.algorithm, from_postgres.algorithm);
    EXPECT_EQ(from_sqlite.items, from_postgres.items);
  }
}

}  // namespace
}  // namespace mysanta::e2e
