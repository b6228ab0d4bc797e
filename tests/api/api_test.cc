#include "api/api.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "api_fakes.h"
#include "json_text.h"

namespace mysanta::api {
namespace {

namespace json = boost::json;
using testing::FakeBackend;
using testing::TestCache;

class ApiTest : public ::testing::Test {
 protected:
  ApiTest() { Rebuild(Config{}); }

  void Rebuild(Config config) {
    api_.reset();
    metrics_ = std::make_unique<Metrics>(Api::EndpointLabels());
    api_ = std::make_unique<Api>(backend_, backend_, cache_, std::move(config), *metrics_);
  }

  Response Call(std::string method, std::string target, std::string body = "",
                std::optional<std::string> authorization = std::nullopt, bool loopback = true) {
    return api_->Handle({std::move(method), std::move(target), std::move(authorization),
                         std::move(body), loopback, false});
  }
  Response Post(std::string target, std::string body) {
    return Call("POST", std::move(target), std::move(body));
  }

  static json::object Json(const Response& response) {
    return json::parse(response.body).as_object();
  }
  static std::vector<int64_t> Items(const Response& response) {
    std::vector<int64_t> ids;
    json::object body = Json(response);
    for (const json::value& id : body.at("items").as_array()) ids.push_back(id.as_int64());
    return ids;
  }
  static std::string ErrorCode(const Response& response) {
    return std::string(Json(response).at("error").as_string());
  }

  FakeBackend backend_;
  TestCache cache_;
  std::unique_ptr<Metrics> metrics_;
  std::unique_ptr<Api> api_;
};

TEST_F(ApiTest, ErrorTable) {
  Response bad = Post("/popular", "not json");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(ErrorCode(bad), "bad_request");
  EXPECT_TRUE(Json(bad).at("details").as_array().empty());
  EXPECT_EQ(Post("/popular", "").status, 400);
  EXPECT_EQ(Post("/popular", "[1]").status, 400);

  Response invalid = Post("/popular", R"({"pagination": {"limit": 0}})");
  EXPECT_EQ(invalid.status, 422);
  EXPECT_EQ(ErrorCode(invalid), "validation_error");
  json::object detail = Json(invalid).at("details").as_array().at(0).as_object();
  EXPECT_EQ(detail.at("field").as_string(), "pagination.limit");
  EXPECT_FALSE(detail.at("message").as_string().empty());

  Response missing = Call("GET", "/nope");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(ErrorCode(missing), "not_found");
  EXPECT_EQ(Call("GET", "/popular/").status, 404);
  Response odd_path = Call("GET", "/\xff\xc3(");  // the message quotes it: still valid JSON
  EXPECT_EQ(odd_path.status, 404);
  EXPECT_EQ(Json(odd_path).at("error").as_string(), "not_found");
  EXPECT_EQ(Call("GET", "/user-profile/").status, 404);

  Response wrong_method = Call("GET", "/popular");
  EXPECT_EQ(wrong_method.status, 405);
  EXPECT_EQ(ErrorCode(wrong_method), "method_not_allowed");
  EXPECT_EQ(wrong_method.allow, "POST");
  EXPECT_EQ(Call("DELETE", "/health").status, 405);
  EXPECT_EQ(Call("GET", "/admin/refresh-all").status, 405);

  Request huge{"POST", "/popular", std::nullopt, std::string(kMaxBodyBytes + 1, ' '), true, false};
  Response too_large = api_->Handle(huge);
  EXPECT_EQ(too_large.status, 413);
  EXPECT_EQ(ErrorCode(too_large), "payload_too_large");

  backend_.fail = true;
  Response down = Post("/popular", "{}");
  EXPECT_EQ(down.status, 503);
  EXPECT_EQ(ErrorCode(down), "unavailable");
}

TEST_F(ApiTest, PopularPagesAndCache) {
  Response first = Post("/popular", R"({"pagination": {"page": 1, "limit": 7}})");
  ASSERT_EQ(first.status, 200) << first.body;
  json::object body = Json(first);
  EXPECT_EQ(Items(first), (std::vector<int64_t>{1, 2, 3, 4, 5, 6, 7}));
  EXPECT_FALSE(body.at("cache_hit").as_bool());
  EXPECT_EQ(body.at("algorithm_used").as_string(), "popular");
  EXPECT_GE(body.at("computation_time_ms").as_double(), 0.0);
  json::object page = body.at("pagination").as_object();
  EXPECT_EQ(page.at("total_count").as_int64(), 30);
  EXPECT_EQ(page.at("total_pages").as_int64(), 5);
  EXPECT_EQ(page.at("page").as_int64(), 1);
  EXPECT_EQ(page.at("limit").as_int64(), 7);
  EXPECT_TRUE(page.at("has_next").as_bool());
  EXPECT_FALSE(page.at("has_previous").as_bool());

  // Another page of the same list: a hit, and the engine is not asked again.
  Response last = Post("/popular", R"({"pagination": {"page": 5, "limit": 7}})");
  EXPECT_TRUE(Json(last).at("cache_hit").as_bool());
  EXPECT_EQ(Items(last), (std::vector<int64_t>{29, 30}));
  EXPECT_FALSE(Json(last).at("pagination").as_object().at("has_next").as_bool());
  EXPECT_EQ(backend_.popular_calls, 1);

  Response past = Post("/popular", R"({"pagination": {"page": 6, "limit": 7}})");
  EXPECT_TRUE(Items(past).empty());
  EXPECT_FALSE(Json(past).at("pagination").as_object().at("has_next").as_bool());
  EXPECT_TRUE(Json(past).at("pagination").as_object().at("has_previous").as_bool());

  // Different filters: a different list.
  Response filtered = Post("/popular", R"({"filters": {"category": "toys", "price_to": 1000}})");
  EXPECT_FALSE(Json(filtered).at("cache_hit").as_bool());
  EXPECT_EQ(Items(filtered), (std::vector<int64_t>{2, 4, 6, 8, 10}));
  EXPECT_EQ(backend_.popular_calls, 2);
}

TEST_F(ApiTest, EmptyListPaging) {
  Response none = Post("/popular", R"({"filters": {"price_from": 1000000}})");
  ASSERT_EQ(none.status, 200);
  json::object page = Json(none).at("pagination").as_object();
  EXPECT_TRUE(Items(none).empty());
  EXPECT_EQ(page.at("total_count").as_int64(), 0);
  EXPECT_EQ(page.at("total_pages").as_int64(), 0);
  EXPECT_FALSE(page.at("has_next").as_bool());
  EXPECT_FALSE(page.at("has_previous").as_bool());
}

TEST_F(ApiTest, DefaultAndMaxPageSizeFromConfig) {
  Config config;
  config.default_page_size = 4;
  config.max_page_size = 6;
  Rebuild(config);
  EXPECT_EQ(Items(Post("/popular", "{}")).size(), 4u);
  EXPECT_EQ(Post("/popular", R"({"pagination": {"limit": 7}})").status, 422);
  EXPECT_EQ(Items(Post("/popular", R"({"pagination": {"limit": 6}})")).size(), 6u);
}

TEST_F(ApiTest, MaxResultsBoundsTheList) {
  Config config;
  config.max_results = 8;
  Rebuild(config);
  Response response = Post("/popular", R"({"pagination": {"limit": 100}})");
  EXPECT_EQ(Items(response).size(), 8u);
  EXPECT_EQ(Json(response).at("pagination").as_object().at("total_count").as_int64(), 8);
}

TEST_F(ApiTest, DataVersionChangeIsNeverHiddenByTheCache) {
  EXPECT_FALSE(Json(Post("/popular", "{}")).at("cache_hit").as_bool());
  EXPECT_TRUE(Json(Post("/popular", "{}")).at("cache_hit").as_bool());
  backend_.version = 2;
  EXPECT_FALSE(Json(Post("/popular", "{}")).at("cache_hit").as_bool());
  EXPECT_EQ(backend_.popular_calls, 2);
  for (const auto& [key, value] : cache_.Entries()) {
    EXPECT_TRUE(key.starts_with("mysanta:v1:") || key.starts_with("mysanta:v2:")) << key;
  }
}

TEST_F(ApiTest, PersonalizedFiltersLikesReadAtRequestTime) {
  backend_.SetLikes(int64_t{7}, {int64_t{30}, int64_t{28}, int64_t{5}});
  Response first = Post("/personalized", R"({"user_id": 7, "pagination": {"limit": 3}})");
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(Items(first), (std::vector<int64_t>{29, 27, 26}));
  EXPECT_EQ(Json(first).at("algorithm_used").as_string(), "collaborative");
  EXPECT_FALSE(Json(first).at("cache_hit").as_bool());

  // The user likes 29 and 26 now: the cached list must not show them.
  backend_.SetLikes(int64_t{7}, {int64_t{30}, int64_t{28}, int64_t{5}, int64_t{29}, int64_t{26}});
  Response second = Post("/personalized", R"({"user_id": "7", "pagination": {"limit": 3}})");
  EXPECT_TRUE(Json(second).at("cache_hit").as_bool());
  EXPECT_EQ(Json(second).at("algorithm_used").as_string(), "collaborative");
  EXPECT_EQ(Items(second), (std::vector<int64_t>{27, 25, 24}));
  EXPECT_EQ(Json(second).at("pagination").as_object().at("total_count").as_int64(), 25);
  EXPECT_EQ(backend_.personalized_calls, 1);
}

TEST_F(ApiTest, CachedListNeverHidesANewTier) {
  Response first = Post("/personalized", R"({"user_id": 8})");
  EXPECT_EQ(Json(first).at("algorithm_used").as_string(), "popular");
  EXPECT_TRUE(Json(Post("/personalized", R"({"user_id": 8})")).at("cache_hit").as_bool());

  backend_.SetLikes(int64_t{8}, {int64_t{30}});  // the first like: content-based from now on
  Response after = Post("/personalized", R"({"user_id": 8})");
  EXPECT_EQ(Json(after).at("algorithm_used").as_string(), "content_based");
  EXPECT_FALSE(Json(after).at("cache_hit").as_bool());
  EXPECT_EQ(backend_.personalized_calls, 2);
}

TEST_F(ApiTest, PersonalizedWithoutMainDatabaseStillAnswers) {
  backend_.main_database_down = true;
  Response response = Post("/personalized", R"({"user_id": 3})");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(Json(response).at("algorithm_used").as_string(), "popular");
}

TEST_F(ApiTest, PersonalizedValidation) {
  Response missing = Post("/personalized", R"({"geo_id": 5})");
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(Json(missing).at("details").as_array().at(0).as_object().at("field").as_string(),
            "user_id");
  EXPECT_EQ(Post("/personalized", R"({"user_id": "abc"})").status, 422);
  EXPECT_EQ(Post("/personalized", R"({"user_id": 1, "filters": {"exclude_ids": "1"}})").status,
            422);
}

TEST_F(ApiTest, StartingAnswers503) {
  backend_.version = -1;
  backend_.starting = true;
  Response popular = Post("/popular", "{}");
  EXPECT_EQ(popular.status, 503);
  EXPECT_EQ(ErrorCode(popular), "unavailable");
  EXPECT_EQ(Post("/personalized", R"({"user_id": 1})").status, 503);
  Response health = Call("GET", "/health");
  EXPECT_EQ(health.status, 503);
  EXPECT_EQ(Json(health).at("status").as_string(), "starting");
  backend_.starting = false;
  EXPECT_EQ(Json(Call("GET", "/health")).at("status").as_string(), "unhealthy");
  // Validation still comes first: a bad request is a 422 even while starting.
  EXPECT_EQ(Post("/popular", R"({"pagination": {"page": 0}})").status, 422);
}

TEST_F(ApiTest, Health) {
  Response healthy = Call("GET", "/health");
  EXPECT_EQ(healthy.status, 200);
  json::object body = Json(healthy);
  EXPECT_EQ(body.at("status").as_string(), "healthy");
  EXPECT_EQ(body.at("checks").as_object().at("main_database").as_string(), "ok");
  EXPECT_EQ(body.at("checks").as_object().at("recommendations_database").as_string(), "ok");
  EXPECT_EQ(body.at("checks").as_object().at("cache").as_string(), "ok");

  cache_.down = true;
  Response degraded = Call("GET", "/health");
  EXPECT_EQ(degraded.status, 200);
  EXPECT_EQ(Json(degraded).at("status").as_string(), "degraded");
  EXPECT_EQ(Json(degraded).at("checks").as_object().at("cache").as_string(), "connection refused");

  backend_.fail = true;
  Response failing = Call("GET", "/health");
  EXPECT_EQ(failing.status, 200);  // the data in memory is still served
  EXPECT_EQ(Json(failing).at("status").as_string(), "degraded");
  EXPECT_EQ(Json(failing).at("checks").as_object().at("main_database").as_string(),
            "database connection lost");
  backend_.version = -1;
  Response unhealthy = Call("GET", "/health");
  EXPECT_EQ(unhealthy.status, 503);
  EXPECT_EQ(Json(unhealthy).at("status").as_string(), "unhealthy");
}

TEST_F(ApiTest, PersonalizedAnswersWhenReadingLikesThrows) {
  struct ThrowingReads : FakeBackend {
    std::expected<UserActivity, std::string> ReadActivity(const ExternalId&) override {
      throw std::runtime_error("main database connection lost");
    }
  } backend;
  Metrics metrics(Api::EndpointLabels());
  Api api(backend, backend, cache_, Config{}, metrics);
  Response response =
      api.Handle({"POST", "/personalized", std::nullopt, R"({"user_id": 7})", true, false});
  EXPECT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(Json(response).at("algorithm_used").as_string(), "popular");
}

TEST_F(ApiTest, DependencyErrorsNeverShowPasswords) {
  struct LeakyBackend : FakeBackend {
    boost::json::object Stats() override {
      throw std::runtime_error("cannot connect to postgresql://app:hunter2@db:5432/main");
    }
  } leaky;
  Metrics metrics(Api::EndpointLabels());
  Api api(leaky, leaky, cache_, Config{}, metrics);
  Response response = api.Handle({"GET", "/stats", std::nullopt, "", true, false});
  EXPECT_EQ(response.status, 503);
  EXPECT_EQ(response.body.find("hunter2"), std::string::npos) << response.body;
}

TEST_F(ApiTest, UserProfile) {
  backend_.SetLikes(int64_t{12}, {int64_t{1}, int64_t{3}});
  Response profile = Call("GET", "/user-profile/12");
  ASSERT_EQ(profile.status, 200) << profile.body;
  json::object body = Json(profile);
  EXPECT_EQ(body.at("user_id").as_int64(), 12);
  EXPECT_EQ(body.at("interaction_count").as_int64(), 2);
  EXPECT_EQ(body.at("algorithm").as_string(), "content_based");
  EXPECT_EQ(body.at("preferred_categories").as_array().size(), 1u);
  EXPECT_TRUE(body.at("preferred_platforms").as_array().empty());
  EXPECT_EQ(body.at("avg_price").as_double(), 250.0);
  EXPECT_EQ(body.at("similar_users").as_int64(), 3);
  EXPECT_EQ(body.at("updated_at").as_string(), "2026-11-26T10:00:00Z");
  EXPECT_EQ(Call("GET", "/user-profile/12?verbose=1").status, 200);

  Response unknown = Call("GET", "/user-profile/13");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(ErrorCode(unknown), "not_found");
  EXPECT_EQ(Call("GET", "/user-profile/abc").status, 422);
  EXPECT_EQ(Call("GET", "/user-profile/0").status, 422);
  EXPECT_EQ(Call("GET", "/user-profile/%ZZ").status, 422);
  EXPECT_EQ(Call("GET", "/user-profile/12/x").status, 404);
}

TEST_F(ApiTest, AdminWithToken) {
  Config config;
  config.admin_token = "s3cret";
  Rebuild(config);
  Response none = Call("POST", "/admin/refresh-popular-items");
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(ErrorCode(none), "unauthorized");
  EXPECT_EQ(Call("POST", "/admin/refresh-popular-items", "", "Basic czNjcmV0").status, 401);
  Response wrong = Call("POST", "/admin/refresh-popular-items", "", "Bearer s3cre");
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(ErrorCode(wrong), "forbidden");
  EXPECT_EQ(backend_.job_runs, 0);

  // A right token works from any client.
  Response right = Call("POST", "/admin/refresh-popular-items", "", "Bearer s3cret", false);
  ASSERT_EQ(right.status, 200) << right.body;
  json::object body = Json(right);
  EXPECT_EQ(body.at("job").as_string(), "popular_items");
  EXPECT_EQ(body.at("status").as_string(), "completed");
  EXPECT_EQ(body.at("duration_ms").as_double(), 1.5);
  EXPECT_EQ(body.at("rows").as_int64(), 10);
  EXPECT_EQ(backend_.job_runs, 1);
}

TEST_F(ApiTest, AdminWithoutToken) {
  EXPECT_EQ(Call("POST", "/admin/cleanup-cache", "", std::nullopt, /*loopback=*/false).status, 403);
  Response local = Call("POST", "/admin/refresh-all", "", std::nullopt, /*loopback=*/true);
  ASSERT_EQ(local.status, 200);
  json::object body = Json(local);
  EXPECT_EQ(body.at("job").as_string(), "all");
  EXPECT_EQ(body.at("rows").as_int64(), 40);
  ASSERT_EQ(body.at("jobs").as_array().size(), 4u);
  EXPECT_EQ(body.at("jobs").as_array()[3].as_object().at("job").as_string(), "cache_cleanup");

  backend_.job_running = true;
  Response busy = Call("POST", "/admin/update-user-similarities");
  EXPECT_EQ(busy.status, 409);
  EXPECT_EQ(ErrorCode(busy), "conflict");
}

TEST_F(ApiTest, StatsShape) {
  Post("/popular", "{}");
  Post("/popular", "{}");
  Response stats = Call("GET", "/stats");
  ASSERT_EQ(stats.status, 200);
  json::object body = Json(stats);
  EXPECT_TRUE(body.contains("main_database"));
  EXPECT_TRUE(body.contains("recommendations_database"));
  json::object cache = body.at("cache").as_object();
  EXPECT_EQ(cache.at("backend").as_string(), "memory");
  EXPECT_EQ(cache.at("hits").as_int64(), 1);
  EXPECT_EQ(cache.at("misses").as_int64(), 1);
  EXPECT_EQ(cache.at("hit_ratio").as_double(), 0.5);
  EXPECT_EQ(cache.at("keys").as_int64(), 1);
  json::object popular = body.at("requests").as_object().at("/popular").as_object();
  EXPECT_EQ(popular.at("count").as_int64(), 2);
  EXPECT_GT(popular.at("p99_ms").as_double(), 0.0);
  EXPECT_GE(popular.at("p99_ms").as_double(), popular.at("p50_ms").as_double());
  json::object config = body.at("config").as_object();
  EXPECT_EQ(config.at("MAX_PAGE_SIZE").as_string(), "100");
  EXPECT_TRUE(body.at("uptime_seconds").is_int64());
}

TEST_F(ApiTest, StatsMasksSecrets) {
  Config config;
  config.admin_token = "topsecret";
  config.main_database = *ParseDatabaseUrl("postgresql://u:hunter2@db:5432/mysanta");
  Rebuild(config);
  Response stats = Call("GET", "/stats");
  EXPECT_EQ(stats.body.find("hunter2"), std::string::npos);
  EXPECT_EQ(stats.body.find("topsecret"), std::string::npos);
}

TEST_F(ApiTest, MetricsText) {
  Post("/popular", "{}");
  Call("GET", "/nope");
  Call("POST", "/admin/refresh-all");
  Response metrics = Call("GET", "/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_TRUE(metrics.content_type.starts_with("text/plain"));
  const std::string& text = metrics.body;
  for (std::string_view expected :
       {"mysanta_http_requests_total{endpoint=\"/popular\",status=\"200\"} 1",
        "mysanta_http_requests_total{endpoint=\"unmatched\",status=\"404\"} 1",
        "mysanta_http_request_duration_seconds_bucket{endpoint=\"/popular\",le=\"+Inf\"} 1",
        "mysanta_http_request_duration_seconds_count{endpoint=\"/popular\"} 1",
        "mysanta_cache_hits_total 0", "mysanta_cache_misses_total 1",
        "mysanta_job_runs_total{job=\"all\",status=\"completed\"} 1",
        // The parts are counted by the job runner, not by the api (no double count):
        "mysanta_job_runs_total{job=\"cache_cleanup\",status=\"completed\"} 0",
        "mysanta_job_duration_seconds_count{job=\"all\"} 1", "mysanta_data_version 1",
        "mysanta_data_age_seconds 12.5"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
}

TEST_F(ApiTest, OpenApiDocumentsEveryRoute) {
  Response response = Call("GET", "/openapi.json");
  ASSERT_EQ(response.status, 200);
  json::object document = Json(response);
  EXPECT_TRUE(document.at("openapi").as_string().starts_with("3.0"));
  json::object paths = document.at("paths").as_object();
  std::vector<std::string> labels = Api::EndpointLabels();
  labels.pop_back();  // "unmatched"
  for (const std::string& route : labels) EXPECT_TRUE(paths.contains(route)) << route;
  EXPECT_TRUE(document.at("components").as_object().at("schemas").as_object().contains("Error"));
}

TEST_F(ApiTest, SimilarPagesCachesAndLeavesOutTheUsersLikes) {
  Response first = Post("/similar", R"({"present_id": 3, "pagination": {"limit": 4}})");
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(Items(first), (std::vector<int64_t>{1, 5, 7, 9}));
  EXPECT_EQ(Json(first).at("algorithm_used").as_string(), "similar");
  EXPECT_FALSE(Json(first).at("cache_hit").as_bool());
  EXPECT_EQ(Json(first).at("pagination").as_object().at("total_count").as_int64(), 14);

  // User 7's likes, read now, leave the cached list: same list, fewer presents.
  backend_.SetLikes(int64_t{7}, {int64_t{5}, int64_t{9}});
  Response second =
      Post("/similar", R"({"present_id": 3, "user_id": 7, "geo_id": 213, "pagination": {"limit": 4}})");
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(Items(second), (std::vector<int64_t>{1, 7, 11, 13}));
  Response third = Post("/similar", R"({"present_id": 3, "user_id": 8, "geo_id": 213,
                                        "pagination": {"page": 2, "limit": 4}})");
  EXPECT_TRUE(Json(third).at("cache_hit").as_bool());
  EXPECT_EQ(Items(third), (std::vector<int64_t>{11, 13, 15, 17}));
  EXPECT_EQ(backend_.similar_calls, 2);  // without and with geo_id

  Response filtered =
      Post("/similar", R"({"present_id": 3, "filters": {"price_to": 900, "exclude_ids": [1]}})");
  EXPECT_EQ(Items(filtered), (std::vector<int64_t>{5, 7, 9}));
}

TEST_F(ApiTest, SimilarErrors) {
  Response unknown = Post("/similar", R"({"present_id": 999})");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(ErrorCode(unknown), "not_found");
  Response missing = Post("/similar", R"({"user_id": 1})");
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(Json(missing).at("details").as_array().at(0).as_object().at("field").as_string(),
            "present_id");
  Response invalid = Post("/similar", R"({"present_id": -3, "user_id": 0, "geo_id": "x",
                                          "pagination": {"limit": 5000}})");
  EXPECT_EQ(invalid.status, 422);
  EXPECT_EQ(Json(invalid).at("details").as_array().size(), 4u) << invalid.body;
  EXPECT_EQ(Post("/similar", "").status, 400);
  EXPECT_EQ(Call("GET", "/similar").status, 405);
  backend_.version = -1;
  EXPECT_EQ(Post("/similar", R"({"present_id": 3})").status, 503);
}

TEST_F(ApiTest, PresentsInTheOrderAskedUnknownLeftOut) {
  Response response = Call("GET", "/presents?ids=4,999,%32,4");
  ASSERT_EQ(response.status, 200) << response.body;
  json::array presents = Json(response).at("presents").as_array();
  ASSERT_EQ(presents.size(), 2u);
  json::object first = presents[0].as_object();
  EXPECT_EQ(first.at("id").as_int64(), 4);
  EXPECT_EQ(first.at("title").as_string(), "present 4");
  EXPECT_DOUBLE_EQ(first.at("price").as_double(), 400.0);
  EXPECT_EQ(first.at("category").as_string(), "toys");
  for (const char* field : {"platform", "gender", "age_group", "geo_id", "is_active"}) {
    EXPECT_TRUE(first.contains(field)) << field;
  }
  EXPECT_TRUE(first.at("geo_id").is_null());
  EXPECT_EQ(presents[1].as_object().at("id").as_int64(), 2);
  EXPECT_TRUE(Json(Call("GET", "/presents?ids=")).at("presents").as_array().empty());
}

TEST_F(ApiTest, PresentsValidation) {
  EXPECT_EQ(Call("GET", "/presents").status, 422);
  Response bad = Call("GET", "/presents?ids=1,x");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(Json(bad).at("details").as_array().at(0).as_object().at("field").as_string(),
            "ids[1]");
  std::string many = "/presents?ids=";
  for (int id = 1; id <= 101; ++id) many += std::to_string(id) + ",";
  Response too_many = Call("GET", many);
  EXPECT_EQ(too_many.status, 422);
  EXPECT_EQ(Call("GET", "/presents?ids=%zz").status, 422);
  EXPECT_EQ(Call("POST", "/presents?ids=1").status, 405);
}

TEST_F(ApiTest, DashboardAndDocsPagesAreServed) {
  for (const char* path : {"/", "/docs"}) {
    Response page = Call("GET", path);
    EXPECT_EQ(page.status, 200) << path;
    EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
    EXPECT_TRUE(page.body.starts_with("<!doctype html>")) << path;
    // Self-contained: nothing loaded from elsewhere.
    EXPECT_EQ(page.body.find("src=\"http"), std::string::npos) << path;
    EXPECT_EQ(page.body.find("href=\"http"), std::string::npos) << path;
  }
  json::object document = Json(Call("GET", "/openapi.json"));
  EXPECT_FALSE(document.at("servers").as_array().empty());
  EXPECT_FALSE(document.at("tags").as_array().empty());
}

TEST_F(ApiTest, OpenApiHasAnExamplePerRequestAndResponse) {
  json::object document = Json(Call("GET", "/openapi.json"));
  json::object components = document.at("components").as_object();
  auto resolve = [&](const json::object& object) -> const json::object& {
    if (!object.contains("$ref")) return object;
    std::string_view ref = object.at("$ref").as_string();
    return components.at("responses").as_object().at(ref.substr(ref.rfind('/') + 1)).as_object();
  };
  for (const auto& [path, item] : document.at("paths").as_object()) {
    for (const auto& [method, operation] : item.as_object()) {
      const json::object& op = operation.as_object();
      EXPECT_TRUE(op.contains("tags")) << method << " " << path;
      if (const json::value* body = op.if_contains("requestBody")) {
        const json::object& media =
            body->as_object().at("content").as_object().at("application/json").as_object();
        EXPECT_TRUE(media.contains("example") || media.contains("examples")) << path;
      }
      for (const auto& [status, response] : op.at("responses").as_object()) {
        const json::object& answer = resolve(response.as_object());
        if (!answer.contains("content")) continue;
        for (const auto& [type, media] : answer.at("content").as_object()) {
          EXPECT_TRUE(media.as_object().contains("example") ||
                      media.as_object().contains("examples"))
              << method << " " << path << " " << status << " " << type;
        }
      }
    }
  }
}

TEST_F(ApiTest, RequestsCountedPerRoutePattern) {
  backend_.SetLikes(int64_t{1}, {});
  backend_.SetLikes(int64_t{2}, {});
  Call("GET", "/user-profile/1");
  Call("GET", "/user-profile/2");
  EXPECT_EQ(metrics_->Summary(metrics_->EndpointIndex("/user-profile/{user_id}")).count, 2u);
}

TEST(ApiLaneTest, SlowRoutesLeaveTheIoThreads) {
  FakeBackend backend;
  TestCache cache;
  Metrics metrics(Api::EndpointLabels());
  Api api(backend, backend, cache, Config{}, metrics);
  EXPECT_EQ(api.LaneOf("POST", "/popular"), Lane::kInline);
  EXPECT_EQ(api.LaneOf("POST", "/personalized"), Lane::kBlocking);
  EXPECT_EQ(api.LaneOf("GET", "/user-profile/5?x"), Lane::kBlocking);
  EXPECT_EQ(api.LaneOf("POST", "/admin/refresh-all"), Lane::kJob);
  EXPECT_EQ(api.LaneOf("GET", "/admin/refresh-all"), Lane::kInline);  // a 405
}

}  // namespace
}  // namespace mysanta::api

namespace mysanta::api {
namespace {

class RemoteCache : public testing::TestCache {
 public:
  std::string_view backend() const override { return "redis"; }
  bool HitsAreLocal() const override { return false; }
};

TEST(ApiLaneTest, CacheCallsLeaveTheIoThreadsWhenTheCacheIsRemote) {
  FakeBackend backend;
  RemoteCache cache;
  Metrics metrics(Api::EndpointLabels());
  Api api(backend, backend, cache, Config{}, metrics);
  EXPECT_EQ(api.LaneOf("POST", "/popular"), Lane::kBlocking);
  EXPECT_EQ(api.LaneOf("GET", "/metrics"), Lane::kBlocking);
  EXPECT_EQ(api.LaneOf("GET", "/openapi.json"), Lane::kInline);
}

}  // namespace
}  // namespace mysanta::api

namespace mysanta::api {
namespace {

// A main database with text (UUID-like) ids: ids travel as JSON strings both ways.
class TextIdBackend : public FakeBackend {
 public:
  IdKind user_id_kind() const override { return IdKind::kText; }
  IdKind present_id_kind() const override { return IdKind::kText; }
  service::RankedIds Popular(const PopularQuery& query, int) override {
    service::RankedIds answer{{std::string("p-1"), std::string("p-2"), std::string("p-3")},
                        Algorithm::kPopular};
    std::erase_if(answer.items, [&](const ExternalId& id) {
      return std::find(query.filters.exclude_ids.begin(), query.filters.exclude_ids.end(), id) !=
             query.filters.exclude_ids.end();
    });
    return answer;
  }
  service::RankedIds Personalized(const PersonalizedQuery&, const UserActivity*, int) override {
    return {{std::string("p-1"), std::string("p-2"), std::string("p-3")}, Algorithm::kContentBased};
  }
};

TEST(ApiTextIdsTest, IdsAreStrings) {
  TextIdBackend backend;
  backend.SetLikes(std::string("u-1"), {std::string("p-2")});
  TestCache cache;
  Metrics metrics(Api::EndpointLabels());
  Api api(backend, backend, cache, Config{}, metrics);
  for (int round = 0; round < 2; ++round) {  // a miss, then a hit
    Response popular = api.Handle({"POST", "/popular", std::nullopt,
                                   R"({"filters": {"exclude_ids": ["p-3"]}})", true, false});
    ASSERT_EQ(popular.status, 200) << popular.body;
    EXPECT_EQ(json::parse(popular.body).at("items"), json::parse(R"(["p-1", "p-2"])"));
    Response personalized =
        api.Handle({"POST", "/personalized", std::nullopt, R"({"user_id": "u-1"})", true, false});
    ASSERT_EQ(personalized.status, 200) << personalized.body;
    EXPECT_EQ(json::parse(personalized.body).at("items"), json::parse(R"(["p-1", "p-3"])"));
    EXPECT_EQ(json::parse(personalized.body).at("cache_hit").as_bool(), round == 1);
  }
  EXPECT_EQ(
      api.Handle({"POST", "/personalized", std::nullopt, R"({"user_id": 5})", true, false}).status,
      422);
  Response profile = api.Handle({"GET", "/user-profile/u-1", std::nullopt, "", true, false});
  ASSERT_EQ(profile.status, 200);
  EXPECT_EQ(json::parse(profile.body).at("user_id").as_string(), "u-1");
}

}  // namespace
}  // namespace mysanta::api

namespace mysanta::api {
namespace {

// SPEC section 5: numbers in plain decimal notation in every body, /stats included.
TEST(ApiPlainDecimalsTest, NoBodyWritesAnExponent) {
  testing::FakeBackend backend;
  backend.profile_avg_price = 1.2461149178077433e3;
  backend.SetLikes(int64_t{12}, {int64_t{1}});
  testing::TestCache cache;
  Metrics metrics(Api::EndpointLabels());
  Api api(backend, backend, cache, Config{}, metrics);
  auto call = [&](std::string method, std::string target, std::string body = "") {
    Response response = api.Handle({std::move(method), std::move(target), std::nullopt,
                                    std::move(body), true, false});
    EXPECT_EQ(testing::NumberWithExponent(response.body), std::nullopt) << response.body;
    return response;
  };
  call("POST", "/popular", "{}");
  call("POST", "/popular", "{}");  // a hit: microseconds
  call("POST", "/personalized", R"({"user_id": 12})");
  Response profile = call("GET", "/user-profile/12");
  EXPECT_NE(profile.body.find("\"avg_price\":1246.11,"), std::string::npos) << profile.body;
  call("GET", "/health");
  call("POST", "/admin/refresh-all");
  call("GET", "/openapi.json");
  call("POST", "/popular", "not json");
  call("GET", "/nowhere");
  Response stats = call("GET", "/stats");
  EXPECT_NE(stats.body.find("\"hit_ratio\":0.3333,"), std::string::npos) << stats.body;
  Response metrics_text = call("GET", "/metrics");
  EXPECT_NE(metrics_text.body.find("le=\"0.000025\""), std::string::npos);
}

}  // namespace
}  // namespace mysanta::api
