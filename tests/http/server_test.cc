#include "http/server.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <future>
#include <random>
#include <thread>

#include "api_fakes.h"
#include "http_test_client.h"

namespace mysanta::http {
namespace {

namespace json = boost::json;
using testing::FakeBackend;
using testing::HttpClient;
using testing::HttpResponse;
using testing::TestCache;

// A server on an ephemeral loopback port over a FakeBackend; stopped at the end of every test,
// also when it fails.
class ServerTest : public ::testing::Test {
 protected:
  void StartServer(Config config = {}, ServerOptions options = {}) {
    metrics_ = std::make_unique<api::Metrics>(api::Api::EndpointLabels());
    api_ = std::make_unique<api::Api>(backend_, backend_, cache_, std::move(config), *metrics_);
    options.host = "127.0.0.1";
    options.port = 0;
    options.io_threads = 2;
    options.blocking_threads = 2;
    server_ = std::make_unique<Server>(*api_, options);
    server_->Start();
    ASSERT_NE(server_->port(), 0);
  }

  void TearDown() override {
    if (server_) {
      server_->Stop();
      server_->Wait();
    }
  }

  HttpClient Connect() { return HttpClient(server_->port()); }

  static json::object Json(const HttpResponse& response) {
    return json::parse(response.body()).as_object();
  }
  static std::string ErrorCode(const HttpResponse& response) {
    return std::string(Json(response).at("error").as_string());
  }

  FakeBackend backend_;
  TestCache cache_;
  std::unique_ptr<api::Metrics> metrics_;
  std::unique_ptr<api::Api> api_;
  std::unique_ptr<Server> server_;
};

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  StartServer();
  HttpClient client = Connect();
  HttpResponse first = client.Send("POST", "/popular", R"({"pagination": {"limit": 5}})");
  EXPECT_EQ(first.result_int(), 200);
  EXPECT_EQ(first[boost::beast::http::field::content_type], "application/json");
  EXPECT_TRUE(first.keep_alive());
  EXPECT_FALSE(Json(first).at("cache_hit").as_bool());
  HttpResponse second =
      client.Send("POST", "/popular", R"({"pagination": {"page": 2, "limit": 5}})");
  EXPECT_TRUE(Json(second).at("cache_hit").as_bool());
  EXPECT_EQ(client.Send("GET", "/health").result_int(), 200);
  EXPECT_EQ(client.Send("POST", "/personalized", R"({"user_id": 4})").result_int(), 200);
  EXPECT_EQ(client.Send("GET", "/nowhere").result_int(), 404);
  EXPECT_EQ(client.Send("POST", "/popular", R"({"pagination": {"limit": "5"}})").result_int(), 422);
  EXPECT_EQ(client.Send("GET", "/metrics").result_int(), 200);
}

TEST_F(ServerTest, ErrorTableOverHttp) {
  StartServer();
  HttpClient client = Connect();
  HttpResponse bad = client.Send("POST", "/popular", "{oops");
  EXPECT_EQ(bad.result_int(), 400);
  EXPECT_EQ(ErrorCode(bad), "bad_request");
  EXPECT_EQ(client.Send("POST", "/popular", "").result_int(), 400);
  HttpResponse invalid = client.Send("POST", "/popular", R"({"filters": {"price_from": -5}})");
  EXPECT_EQ(invalid.result_int(), 422);
  EXPECT_EQ(ErrorCode(invalid), "validation_error");
  HttpResponse missing = client.Send("GET", "/missing");
  EXPECT_EQ(missing.result_int(), 404);
  EXPECT_EQ(ErrorCode(missing), "not_found");
  HttpResponse method = client.Send("PUT", "/popular", "{}");
  EXPECT_EQ(method.result_int(), 405);
  EXPECT_EQ(ErrorCode(method), "method_not_allowed");
  EXPECT_EQ(method[boost::beast::http::field::allow], "POST");
  backend_.job_running = true;
  HttpResponse busy = client.Send("POST", "/admin/refresh-popular-items");
  EXPECT_EQ(busy.result_int(), 409);
  EXPECT_EQ(ErrorCode(busy), "conflict");
  backend_.fail = true;
  HttpResponse down = client.Send("POST", "/popular", "{}");
  EXPECT_EQ(down.result_int(), 503);
  EXPECT_EQ(ErrorCode(down), "unavailable");
  EXPECT_EQ(client.Send("POST", "/personalized", R"({"user_id": 1})").result_int(), 503);
  EXPECT_EQ(client.Send("GET", "/stats").result_int(), 503);
}

TEST_F(ServerTest, StartingAnswers503) {
  backend_.version = -1;
  backend_.starting = true;
  StartServer();
  HttpClient client = Connect();
  EXPECT_EQ(client.Send("POST", "/popular", "{}").result_int(), 503);
  HttpResponse health = client.Send("GET", "/health");
  EXPECT_EQ(health.result_int(), 503);
  EXPECT_EQ(Json(health).at("status").as_string(), "starting");
  backend_.version = 3;
  EXPECT_EQ(client.Send("POST", "/popular", "{}").result_int(), 200);
}

TEST_F(ServerTest, DeclaredOversizedBodyIsRefusedWithoutReadingIt) {
  StartServer();
  HttpClient client = Connect();
  client.WriteRaw(
      "POST /popular HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Content-Length: 1000000\r\n\r\n");
  std::optional<HttpResponse> response = client.Read();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->result_int(), 413);
  EXPECT_EQ(ErrorCode(*response), "payload_too_large");
  EXPECT_FALSE(response->keep_alive());
  EXPECT_TRUE(client.ClosedByServer());
  EXPECT_EQ(Connect().Send("GET", "/health").result_int(), 200);  // still serving
}

TEST_F(ServerTest, OversizedChunkedBodyIs413) {
  StartServer();
  HttpClient client = Connect();
  std::string chunk(40 * 1024, ' ');
  char size[16];
  std::snprintf(size, sizeof(size), "%zx", chunk.size());
  client.WriteRaw("POST /popular HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" +
                  std::string(size) + "\r\n" + chunk + "\r\n" + std::string(size) + "\r\n" + chunk +
                  "\r\n0\r\n\r\n");
  std::optional<HttpResponse> response = client.Read();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->result_int(), 413);
}

TEST_F(ServerTest, BodyUpToTheLimitIsRead) {
  StartServer();
  HttpClient client = Connect();
  std::string body = R"({"pad": ")" + std::string(60 * 1024, 'x') + "\"}";
  EXPECT_EQ(client.Send("POST", "/popular", body).result_int(), 200);
}

TEST_F(ServerTest, ExpectContinue) {
  StartServer();
  HttpClient client = Connect();
  std::string body = R"({"pagination": {"limit": 2}})";
  client.WriteRaw("POST /popular HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: " +
                  std::to_string(body.size()) + "\r\n\r\n");
  std::optional<HttpResponse> interim = client.Read();
  ASSERT_TRUE(interim);
  EXPECT_EQ(interim->result_int(), 100);
  client.WriteRaw(body);
  std::optional<HttpResponse> response = client.Read();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->result_int(), 200);
}

TEST_F(ServerTest, MalformedHttpIs400) {
  StartServer();
  HttpClient client = Connect();
  client.WriteRaw("THIS IS NOT HTTP\r\n\r\n");
  std::optional<HttpResponse> response = client.Read();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->result_int(), 400);
}

TEST_F(ServerTest, AdminWithToken) {
  Config config;
  config.admin_token = "tok-123";
  StartServer(config);
  HttpClient client = Connect();
  HttpResponse none = client.Send("POST", "/admin/refresh-all");
  EXPECT_EQ(none.result_int(), 401);
  EXPECT_EQ(ErrorCode(none), "unauthorized");
  HttpResponse wrong =
      client.Send("POST", "/admin/refresh-all", "", {{"Authorization", "Bearer tok-124"}});
  EXPECT_EQ(wrong.result_int(), 403);
  EXPECT_EQ(ErrorCode(wrong), "forbidden");
  HttpResponse right =
      client.Send("POST", "/admin/refresh-all", "", {{"Authorization", "Bearer tok-123"}});
  ASSERT_EQ(right.result_int(), 200);
  EXPECT_EQ(Json(right).at("job").as_string(), "all");
  EXPECT_EQ(Json(right).at("jobs").as_array().size(), 4u);
}

TEST_F(ServerTest, AdminWithoutTokenFromLoopback) {
  StartServer();
  HttpResponse response = Connect().Send("POST", "/admin/cleanup-cache");
  ASSERT_EQ(response.result_int(), 200);
  EXPECT_EQ(Json(response).at("job").as_string(), "cache_cleanup");
  EXPECT_EQ(Json(response).at("status").as_string(), "completed");
}

TEST_F(ServerTest, IdleConnectionsAreClosed) {
  ServerOptions options;
  options.idle_timeout = std::chrono::milliseconds(100);
  StartServer({}, options);
  HttpClient client = Connect();
  EXPECT_EQ(client.Send("GET", "/health").result_int(), 200);
  EXPECT_TRUE(client.ClosedByServer());  // the client's own deadline is 10 s
}

TEST_F(ServerTest, ConcurrentClients) {
  StartServer();
  constexpr int kClients = 8;
  constexpr int kRequests = 25;
  std::vector<std::future<int>> ok_counts;
  for (int c = 0; c < kClients; ++c) {
    ok_counts.push_back(std::async(std::launch::async, [this, c] {
      HttpClient client = Connect();
      int ok = 0;
      for (int i = 0; i < kRequests; ++i) {
        std::string body = c % 2 == 0
                               ? R"({"pagination": {"page": )" + std::to_string(i % 4 + 1) + "}}"
                               : R"({"user_id": )" + std::to_string(c * 100 + i) + "}";
        ok += client.Send("POST", c % 2 == 0 ? "/popular" : "/personalized", body).result_int() ==
              200;
      }
      return ok;
    }));
  }
  for (auto& count : ok_counts) EXPECT_EQ(count.get(), kRequests);
}

// Bodies of every malformed kind the service must survive: truncated and mutated valid JSON,
// wrong types, huge numbers, deep nesting, invalid UTF-8 and random bytes.
std::string FuzzBody(std::mt19937& random, int round) {
  static const std::vector<std::string> kValid = {
      R"({"user_params": {"gender": "f", "age": "25-34", "category": "books", "geo_id": 213}, "filters": {"price_from": 500, "price_to": 2000, "exclude_ids": [1, 2, 3]}, "pagination": {"page": 1, "limit": 20}})",
      R"({"user_id": 123, "geo_id": 5, "filters": {"category": "toys", "platform": "web"}, "pagination": {"page": 2, "limit": 5}})",
      R"({})"};
  static const std::vector<std::string> kValues = {"1e999",
                                                   "-1e999",
                                                   "18446744073709551616",
                                                   "-9223372036854775809",
                                                   "99999999999999999999999999",
                                                   "1.5",
                                                   "-0",
                                                   "\"\"",
                                                   "\"\xff\xfe\"",
                                                   "\"\xc3\x28\"",
                                                   "null",
                                                   "true",
                                                   "[]",
                                                   "{}",
                                                   "\"25-34\"",
                                                   "0",
                                                   "-1",
                                                   "1000000",
                                                   "\"\\u0000\"",
                                                   "\"\\ud800\"",
                                                   std::string(5000, '9')};
  static const std::vector<std::string> kFields = {
      "user_id",  "geo_id",     "user_params", "filters",     "pagination", "gender", "age",
      "category", "price_from", "price_to",    "exclude_ids", "page",       "limit",  "platform"};
  std::uniform_int_distribution<int> byte(0, 255);
  auto pick = [&](const auto& list) { return list[random() % list.size()]; };
  const std::string& valid = pick(kValid);
  switch (round % 7) {
    case 0:  // truncated
      return valid.substr(0, random() % valid.size());
    case 1: {  // one byte replaced
      std::string body = valid;
      body[random() % body.size()] = static_cast<char>(byte(random));
      return body;
    }
    case 2:  // a field of a wrong type or value, at the top or nested
      return "{\"" + pick(kFields) + "\": " + pick(kValues) + "}";
    case 3:
      return "{\"" + pick(std::vector<std::string>{"user_params", "filters", "pagination"}) +
             "\": {\"" + pick(kFields) + "\": " + pick(kValues) +
             "}, \"user_id\": " + pick(kValues) + "}";
    case 4: {  // deep nesting
      int depth = 1 + static_cast<int>(random() % 3000);
      return "{\"filters\": " + std::string(depth, '[') + std::string(depth, ']') + "}";
    }
    case 5: {  // random bytes
      std::string body(1 + random() % 300, ' ');
      for (char& c : body) c = static_cast<char>(byte(random));
      return body;
    }
    default: {  // many exclude_ids of mixed kinds
      std::string body = "{\"user_id\": 1, \"filters\": {\"exclude_ids\": [";
      int count = static_cast<int>(random() % 1100);
      for (int i = 0; i < count; ++i) body += (i ? "," : "") + pick(kValues);
      return body + "]}}";
    }
  }
}

TEST_F(ServerTest, FuzzedBodiesNeverCause5xx) {
  StartServer();
  std::mt19937 random(20261126);
  constexpr int kBodies = 1200;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  std::optional<HttpClient> client;
  int sent = 0;
  for (int round = 0; round < kBodies && std::chrono::steady_clock::now() < deadline; ++round) {
    if (!client) client.emplace(server_->port());
    std::string body = FuzzBody(random, round);
    std::string target = round % 2 == 0 ? "/popular" : "/personalized";
    HttpResponse response;
    try {
      response = client->Send("POST", target, body);
    } catch (const std::exception& error) {
      ADD_FAILURE() << "round " << round << ": " << error.what();
      client.reset();
      continue;
    }
    ++sent;
    EXPECT_LT(response.result_int(), 500) << "round " << round << " body " << body;
    // 413: some exclude_ids bodies are over 64 KiB.
    EXPECT_TRUE(response.result_int() == 200 || response.result_int() == 400 ||
                response.result_int() == 413 || response.result_int() == 422)
        << response.result_int();
    EXPECT_NO_THROW(json::parse(response.body()));
    if (!response.keep_alive()) client.reset();
  }
  EXPECT_EQ(sent, kBodies);
  EXPECT_EQ(Connect().Send("GET", "/health").result_int(), 200);
}

TEST_F(ServerTest, MalformedHttpNeverCause5xx) {
  StartServer();
  std::mt19937 random(7);
  const std::vector<std::string> kHeaders = {"Content-Length: -1",
                                             "Content-Length: abc",
                                             "Content-Length: 99999999999999999999999",
                                             "Transfer-Encoding: gzip",
                                             "Host:",
                                             ": empty-name",
                                             "X\x01Y: z",
                                             "Connection: keep-alive, close",
                                             "Expect: 100-continue",
                                             "Authorization: Bearer \xff\xfe"};
  const std::vector<std::string> kStarts = {"POST /popular HTTP/1.1", "GET /health HTTP/9.9",
                                            "GET  /health HTTP/1.1",  "G\x00T / HTTP/1.1",
                                            "POST /popular",          "/popular HTTP/1.1"};
  for (int round = 0; round < 200; ++round) {
    std::string raw;
    if (round % 2 == 0) {
      raw = kStarts[random() % kStarts.size()] + "\r\n";
      for (int h = 0; h < 3; ++h) raw += kHeaders[random() % kHeaders.size()] + "\r\n";
    } else {
      raw.resize(1 + random() % 200);
      for (char& c : raw) c = static_cast<char>(random() % 256);
    }
    raw += "\r\n\r\n";
    HttpClient client(server_->port(), std::chrono::seconds(3));
    try {
      client.WriteRaw(raw);
    } catch (const std::exception&) {
      continue;  // closed by the server while writing: fine
    }
    if (std::optional<HttpResponse> response = client.Read()) {
      EXPECT_LT(response->result_int(), 500) << "round " << round;
    }
  }
  EXPECT_EQ(Connect().Send("GET", "/health").result_int(), 200);
}

TEST_F(ServerTest, GracefulShutdownFinishesTheRequestInFlight) {
  backend_.job_sleep_ms = 400;
  StartServer();
  std::future<int> in_flight = std::async(std::launch::async, [port = server_->port()] {
    HttpClient client(port);
    return static_cast<int>(client.Send("POST", "/admin/refresh-popular-items").result_int());
  });
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!backend_.job_running && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_TRUE(backend_.job_running);
  HttpClient idle = Connect();  // open, no request: closed by the shutdown
  server_->Stop();
  EXPECT_EQ(in_flight.get(), 200);
  EXPECT_TRUE(idle.ClosedByServer());
  server_->Wait();
  EXPECT_THROW(Connect(), std::runtime_error);  // no longer accepting
  server_.reset();
}

TEST_F(ServerTest, ConnectionsOverTheLimitAreRefusedCleanly) {
  ServerOptions options;
  options.max_connections = 2;
  StartServer({}, options);
  auto first = std::make_unique<HttpClient>(server_->port());
  HttpClient second = Connect();
  EXPECT_EQ(first->Send("GET", "/health").result_int(), 200);
  EXPECT_EQ(second.Send("GET", "/health").result_int(), 200);

  // Over the limit: an answer, not a hang — 503 with Retry-After, then the connection closes.
  HttpClient third = Connect();
  HttpResponse refused = third.Send("POST", "/popular", "{}");
  EXPECT_EQ(refused.result_int(), 503);
  EXPECT_EQ(refused[boost::beast::http::field::retry_after], "1");
  EXPECT_EQ(ErrorCode(refused), "unavailable");
  EXPECT_FALSE(refused.keep_alive());
  EXPECT_FALSE(refused["X-Request-Id"].empty());
  EXPECT_TRUE(third.ClosedByServer());
  // The connections within the limit go on.
  EXPECT_EQ(second.Send("GET", "/health").result_int(), 200);

  // A slot freed is a slot for the next client (once the server has seen the close).
  first.reset();
  int status = 0;
  for (int attempt = 0; attempt < 200 && status != 200; ++attempt) {
    HttpClient next = Connect();
    status = next.Send("GET", "/health").result_int();
    if (status != 200) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(status, 200);
}

TEST_F(ServerTest, RequestIdIsEchoedOrMadeOnEveryResponse) {
  StartServer();
  HttpClient client = Connect();
  HttpResponse echoed =
      client.Send("POST", "/popular", "{}", {{"X-Request-Id", "rails-7f3a-0001"}});
  EXPECT_EQ(echoed["X-Request-Id"], "rails-7f3a-0001");
  HttpResponse made = client.Send("GET", "/nowhere");
  EXPECT_EQ(made.result_int(), 404);
  std::string id(made["X-Request-Id"]);
  EXPECT_EQ(id.size(), 32u) << id;
  EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos) << id;
  EXPECT_NE(client.Send("GET", "/nowhere")["X-Request-Id"], id);  // a new one each time
  // An id that is not a sane token is replaced, not echoed.
  std::string too_long(200, 'x');
  EXPECT_EQ(client.Send("GET", "/health", "", {{"X-Request-Id", too_long}})["X-Request-Id"].size(),
            32u);
  EXPECT_EQ(client.Send("GET", "/health", "", {{"X-Request-Id", "a b"}})["X-Request-Id"].size(),
            32u);
  // Errors too, down to a request that is not HTTP.
  HttpClient raw = Connect();
  raw.WriteRaw("GARBAGE\r\n\r\n");
  std::optional<HttpResponse> malformed = raw.Read();
  ASSERT_TRUE(malformed);
  EXPECT_EQ(malformed->result_int(), 400);
  EXPECT_EQ((*malformed)["X-Request-Id"].size(), 32u);
}

TEST_F(ServerTest, HeadIsAnsweredWhereverGetIs) {
  backend_.SetLikes(int64_t{4}, {int64_t{1}});
  StartServer();
  HttpClient client = Connect();
  for (const char* target : {"/health", "/health/live", "/health/ready", "/openapi.json",
                             "/user-profile/4", "/user-profile/5", "/stats"}) {
    HttpResponse get = client.Send("GET", target);
    HttpResponse head = client.Send("HEAD", target);
    EXPECT_EQ(head.result_int(), get.result_int()) << target;
    EXPECT_TRUE(head.body().empty()) << target;
    EXPECT_EQ(head[boost::beast::http::field::content_type],
              get[boost::beast::http::field::content_type]) << target;
    if (std::string_view(target) != "/stats") {  // its uptime and counts move
      EXPECT_EQ(head[boost::beast::http::field::content_length], std::to_string(get.body().size()))
          << target;
    }
  }
  HttpResponse metrics = client.Send("HEAD", "/metrics");
  EXPECT_EQ(metrics.result_int(), 200);
  EXPECT_NE(metrics[boost::beast::http::field::content_length], "0");
  // The connection is still in step after the HEADs.
  EXPECT_EQ(client.Send("POST", "/popular", "{}").result_int(), 200);
  // HEAD where only POST is: 405, and GET paths say they take HEAD.
  HttpResponse post_only = client.Send("HEAD", "/popular");
  EXPECT_EQ(post_only.result_int(), 405);
  EXPECT_EQ(post_only[boost::beast::http::field::allow], "POST");
  HttpResponse get_only = client.Send("POST", "/health", "{}");
  EXPECT_EQ(get_only.result_int(), 405);
  EXPECT_EQ(get_only[boost::beast::http::field::allow], "GET, HEAD");
}

TEST_F(ServerTest, UnavailableAnswersSayWhenToRetry) {
  backend_.version = -1;  // no data yet
  StartServer();
  HttpClient client = Connect();
  HttpResponse popular = client.Send("POST", "/popular", "{}");
  EXPECT_EQ(popular.result_int(), 503);
  EXPECT_EQ(popular[boost::beast::http::field::retry_after], "1");
  HttpResponse health = client.Send("GET", "/health");
  EXPECT_EQ(health.result_int(), 503);
  EXPECT_EQ(health[boost::beast::http::field::retry_after], "5");
  HttpResponse ready = client.Send("GET", "/health/ready");
  EXPECT_EQ(ready.result_int(), 503);
  EXPECT_EQ(Json(ready).at("status").as_string(), "not_ready");
  EXPECT_FALSE(ready[boost::beast::http::field::retry_after].empty());
  // Liveness is not readiness: the process is up and answers.
  HttpResponse live = client.Send("GET", "/health/live");
  EXPECT_EQ(live.result_int(), 200);
  EXPECT_EQ(Json(live).at("status").as_string(), "alive");
  EXPECT_TRUE(client.Send("GET", "/stats")[boost::beast::http::field::retry_after].empty());

  backend_.version = 3;
  HttpResponse now_ready = client.Send("GET", "/health/ready");
  EXPECT_EQ(now_ready.result_int(), 200);
  EXPECT_EQ(Json(now_ready).at("status").as_string(), "ready");
  EXPECT_EQ(Json(now_ready).at("data_version").as_int64(), 3);
  EXPECT_TRUE(now_ready[boost::beast::http::field::retry_after].empty());
}

TEST(ServerStartTest, BusyPortIsAnError) {
  FakeBackend backend;
  TestCache cache;
  api::Metrics metrics(api::Api::EndpointLabels());
  api::Api api(backend, backend, cache, Config{}, metrics);
  ServerOptions options;
  options.host = "127.0.0.1";
  options.port = 0;
  Server first(api, options);
  first.Start();
  options.port = first.port();
  Server second(api, options);
  EXPECT_THROW(second.Start(), std::runtime_error);
  options.host = "no-such-host.invalid";
  Server third(api, options);
  EXPECT_THROW(third.Start(), std::runtime_error);
  options.host = "localhost";
  options.port = 0;
  Server by_name(api, options);
  by_name.Start();
  EXPECT_NE(by_name.port(), 0);
}

}  // namespace
}  // namespace mysanta::http
