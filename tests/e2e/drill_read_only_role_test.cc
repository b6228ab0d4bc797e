// Drill: the main database reached through a role that may only SELECT, as README's production
// section (and deploy/postgres-init.sh) set it up. The service serves through it, and a write on
// the service's own connection (opened as the service opens it) fails on PostgreSQL: twice over,
// by the read-only session and, with that lifted, by the role's privileges.
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "drill_support.h"
#include "running_service.h"
#include "store/main_database.h"

namespace mysanta::e2e {
namespace {

// `url` (postgresql://user@host:port/db) with `user:password` as its credentials.
std::string WithCredentials(const std::string& url, const std::string& credentials) {
  const size_t scheme = url.find("://") + 3;
  const size_t at = url.find('@', scheme);
  return url.substr(0, scheme) + credentials + url.substr(at == std::string::npos ? scheme : at);
}

class DrillReadOnlyRolePostgresRedisTest : public ::testing::Test {
 protected:
  void SetUp() override { E2E_REQUIRE_BACKEND(BackendKind::kPostgresRedis); }
};

TEST_F(DrillReadOnlyRolePostgresRedisTest, ServesThroughItAndCannotWrite) {
  Deployment deployment(BackendKind::kPostgresRedis, kTinyData);
  const std::string database = DatabaseName(deployment.main_url());
  const std::string role = database + "_reader";
  AdminSql(fmt::format("DROP ROLE IF EXISTS {}", role));
  AdminSql(fmt::format("CREATE ROLE {} LOGIN PASSWORD 'reader'", role));
  deployment.ExecuteOnMain(fmt::format(
      "GRANT CONNECT ON DATABASE {0} TO {1}; GRANT USAGE ON SCHEMA public TO {1}; "
      "GRANT SELECT ON ALL TABLES IN SCHEMA public TO {1}",
      database, role));
  const std::string reader_url = WithCredentials(deployment.main_url(), role + ":reader");

  {
    Environment env = deployment.ServerEnvironment();
    env["MAIN_DATABASE_URL"] = reader_url;
    ServerProcess server(env, deployment.dir() / "server.log");
    WaitHealthy(server);
    HttpClient client(server.port());
    EXPECT_EQ(client.Post("/popular", "{}").status, 200);
    EXPECT_EQ(client.Post("/personalized", R"({"user_id": 5})").status, 200)
        << "the per-request read of likes works through the role";
    const boost::json::value stats = client.Get("/stats").Json();
    EXPECT_GT(stats.at("main_database").at("presents").as_int64(), 0) << stats;
    EXPECT_EQ(stats.at("config").at("MAIN_DATABASE_URL").as_string().find(":reader@"),
              std::string::npos)
        << "the password is masked: " << stats.at("config");
  }

  // The service's own kind of connection, through the role.
  auto main = MainDatabase::Open(*ParseDatabaseUrl(reader_url));
  const int64_t likes = main->CountRows().likes;
  EXPECT_THROW(main->ExecuteForTest("DELETE FROM likes"), std::exception)
      << "a read-only session";
  EXPECT_THROW(main->ExecuteForTest("SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE; "
                                    "DELETE FROM likes"),
               std::exception)
      << "the role may not write even when the session asks for it";
  EXPECT_THROW(main->ExecuteForTest("SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE; "
                                    "CREATE TABLE intruder (x INTEGER)"),
               std::exception);
  EXPECT_EQ(MainDatabase::Open(deployment.MainDatabaseUrl())->CountRows().likes, likes);
}

}  // namespace
}  // namespace mysanta::e2e
