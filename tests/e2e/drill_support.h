// Helpers of the fault drills (tests/e2e/drill_*_test.cc): SQL on the test PostgreSQL as its
// superuser, what /stats and /health say, and polling for a state with a bound. The drills run
// the real binary against the real servers of scripts/with-test-services.
//
// Not thread-safe unless a function says so.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <thread>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "deployment.h"
#include "http_client.h"
#include "store/postgres_connection.h"

namespace mysanta::e2e {

// The database name of a postgresql:// URL (its last path segment).
inline std::string DatabaseName(const std::string& url) { return url.substr(url.rfind('/') + 1); }

// One text value (row 0, column 0) of `sql` on the database at `url`, as the superuser the URL
// names; "" when there is no row.
inline std::string QueryText(const std::string& url, const std::string& sql) {
  PgResult result = PostgresConnection::Connect(*ParseDatabaseUrl(url))->Query(sql);
  if (result.rows() == 0 || result.IsNull(0, 0)) return "";
  return std::string(result.Text(0, 0));
}

// Runs `sql` on the test server's maintenance database (TEST_POSTGRES_URL). Thread-safe.
inline void AdminSql(const std::string& sql) {
  ExecuteSql(*ParseDatabaseUrl(EnvOrEmpty("TEST_POSTGRES_URL")), sql);
}

// Polls `done` every 50 ms until it holds or `timeout` passes; whether it held.
inline bool Eventually(const std::function<bool()>& done, std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return done();
}

// GET `path` as JSON (null when not JSON or not answered).
inline boost::json::value GetJson(uint16_t port, const std::string& path) {
  try {
    HttpClient client(port, std::chrono::seconds(10));
    return client.Get(path).Json();
  } catch (const HttpError&) {
    return nullptr;
  }
}

// /health's "status" ("" when not answered).
inline std::string HealthStatus(uint16_t port) {
  boost::json::value health = GetJson(port, "/health");
  if (!health.is_object() || !health.as_object().contains("status")) return "";
  return std::string(health.at("status").as_string());
}

// The value at JSON pointer `pointer` in `value`, or nullptr.
inline const boost::json::value* AtPointer(const boost::json::value& value,
                                           std::string_view pointer) {
  boost::system::error_code ec;
  return value.find_pointer(pointer, ec);
}

// The last run of `job` in /stats (`{}` when none).
inline boost::json::object LastJobRun(uint16_t port, const std::string& job) {
  boost::json::value stats = GetJson(port, "/stats");
  if (!stats.is_object()) return {};
  const boost::json::value* jobs = AtPointer(stats, "/recommendations_database/jobs");
  if (jobs == nullptr || !jobs->is_object() || !jobs->as_object().contains(job)) return {};
  return jobs->at(job).as_object();
}

// POST an admin job; its JSON answer (the job runs to its end before the answer).
inline boost::json::value RunAdminJob(uint16_t port, const std::string& path) {
  HttpClient client(port, std::chrono::seconds(120));
  HttpResponse response = client.Post(path, "");
  EXPECT_TRUE(response.status == 200 || response.status == 409) << path << ": " << response.body;
  return response.Json();
}

// A checksum of a whole table of the recommendations database (row count and content hash), to
// prove that it did not change.
inline std::string TableFingerprint(const std::string& url, const std::string& table) {
  return QueryText(url, "SELECT count(*) || ':' || coalesce(sum(hashtext(t::text)::bigint), 0) "
                        "FROM " + table + " t");
}

}  // namespace mysanta::e2e
