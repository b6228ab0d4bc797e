// End-to-end tests of SPEC section 5's error table through real HTTP, and a bounded fuzz of the two
// recommendation endpoints: no input, however malformed, makes the service crash, hang or answer
// a 5xx; every 4xx has a JSON error body.
#include <barrier>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "http_client.h"
#include "running_service.h"

namespace mysanta::e2e {
namespace {

constexpr char kToken[] = "e2e-hostile-token";
constexpr int kMaxPageSize = 50;

class HostileInputTest : public ServiceSuite<HostileInputTest> {
 public:
  static std::vector<std::string> Data() { return kTinyData; }
  static Environment Settings() {
    return {{"MAX_PAGE_SIZE", std::to_string(kMaxPageSize)}, {"ADMIN_TOKEN", kToken}};
  }
};

// The error body of SPEC section 5: {"error": code, "message": text, "details": [...]}.
void ExpectError(const HttpResponse& response, int status, const std::string& code,
                 const std::string& field = "") {
  EXPECT_EQ(response.status, status) << response.body;
  EXPECT_EQ(response.content_type.substr(0, 16), "application/json") << response.content_type;
  boost::json::value body = response.Json();
  ASSERT_TRUE(body.is_object()) << "not a JSON object: " << response.body;
  EXPECT_EQ(body.as_object().if_contains("error") ? body.at("error") : nullptr,
            boost::json::value(code))
      << response.body;
  ASSERT_TRUE(body.as_object().contains("message") && body.at("message").is_string())
      << response.body;
  if (field.empty()) return;
  const boost::json::value* details = body.as_object().if_contains("details");
  ASSERT_TRUE(details != nullptr && details->is_array()) << response.body;
  bool named = false;
  for (const boost::json::value& detail : details->as_array()) {
    ASSERT_TRUE(detail.is_object() && detail.at("field").is_string() &&
                detail.at("message").is_string())
        << response.body;
    named = named || detail.at("field") == boost::json::value(field);
  }
  EXPECT_TRUE(named) << "details should name " << field << ": " << response.body;
}

TEST_P(HostileInputTest, BadRequestWhenNotAJsonObject) {
  HttpClient client = Client();
  for (const char* endpoint : {"/popular", "/personalized"}) {
    for (const std::string body : {"", "not json", "{", "[1, 2]", "\"text\"", "42", "null",
                                   "{\"a\": 1} trailing", "{'single': 'quotes'}"}) {
      SCOPED_TRACE(std::string(endpoint) + " body: " + body);
      ExpectError(client.Post(endpoint, body), 400, "bad_request");
    }
  }
}

TEST_P(HostileInputTest, ValidationErrorNamesTheField) {
  HttpClient client = Client();
  const std::vector<std::pair<std::string, std::string>> popular = {
      {R"({"pagination": {"limit": 0}})", "pagination.limit"},
      {R"({"pagination": {"limit": 51}})", "pagination.limit"},
      {R"({"pagination": {"limit": "20"}})", "pagination.limit"},
      {R"({"pagination": {"limit": 20.0}})", "pagination.limit"},
      {R"({"pagination": {"page": 0}})", "pagination.page"},
      {R"({"pagination": {"page": -1}})", "pagination.page"},
      {R"({"pagination": {"page": 99999999999999999999}})", "pagination.page"},
      {R"({"pagination": 3})", "pagination"},
      {R"({"filters": {"price_from": -1}})", "filters.price_from"},
      {R"({"filters": {"price_to": -0.01}})", "filters.price_to"},
      {R"({"filters": {"price_from": "100"}})", "filters.price_from"},
      {R"({"filters": {"price_from": 200, "price_to": 100}})", "filters.price_from"},
      {R"({"user_params": {"gender": "x"}})", "user_params.gender"},
      {R"({"user_params": {"gender": 1}})", "user_params.gender"},
      {R"({"user_params": {"age": "30-40"}})", "user_params.age"},
      {R"({"user_params": {"age": "any"}})", "user_params.age"},
      {R"({"user_params": {"age": 121}})", "user_params.age"},
      {R"({"user_params": {"age": -1}})", "user_params.age"},
      {R"({"user_params": {"age": 30.5}})", "user_params.age"},
      {R"({"user_params": {"geo_id": "213"}})", "user_params.geo_id"},
      {R"({"user_params": "f"})", "user_params"},
      {R"({"user_params": {"category": "books"}, "filters": {"category": "beauty"}})",
       "filters.category"},
      {R"({"filters": {"exclude_ids": 5}})", "filters.exclude_ids"},
      {R"({"filters": []})", "filters"},
  };
  for (const auto& [body, field] : popular) {
    SCOPED_TRACE("/popular " + body);
    ExpectError(client.Post("/popular", body), 422, "validation_error", field);
  }
  boost::json::array too_many;
  for (int i = 1; i <= 1001; ++i) too_many.push_back(i);
  ExpectError(client.Post("/popular", boost::json::serialize(boost::json::object{
                                          {"filters", {{"exclude_ids", too_many}}}})),
              422, "validation_error", "filters.exclude_ids");
  too_many.pop_back();
  EXPECT_EQ(client.Post("/popular", boost::json::serialize(boost::json::object{
                                        {"filters", {{"exclude_ids", too_many}}}}))
                .status,
            200)
      << "1,000 exclude_ids are allowed";

  const std::vector<std::pair<std::string, std::string>> personalized = {
      {R"({})", "user_id"},
      {R"({"user_id": null})", "user_id"},
      {R"({"user_id": 0})", "user_id"},
      {R"({"user_id": -3})", "user_id"},
      {R"({"user_id": "abc"})", "user_id"},
      {R"({"user_id": "12a"})", "user_id"},
      {R"({"user_id": ""})", "user_id"},
      {R"({"user_id": 1.5})", "user_id"},
      {R"({"user_id": true})", "user_id"},
      {R"({"user_id": [1]})", "user_id"},
      {R"({"user_id": 99999999999999999999})", "user_id"},
      {R"({"user_id": "99999999999999999999"})", "user_id"},
      {R"({"user_id": 1, "geo_id": -1})", "geo_id"},
      {R"({"user_id": 1, "geo_id": "213"})", "geo_id"},
      {R"({"user_id": 1, "filters": {"exclude_ids": ["x"]}})", "filters.exclude_ids[0]"},
      {R"({"user_id": 1, "pagination": {"limit": 51}})", "pagination.limit"},
  };
  for (const auto& [body, field] : personalized) {
    SCOPED_TRACE("/personalized " + body);
    ExpectError(client.Post("/personalized", body), 422, "validation_error", field);
  }

  // Every faulty field of one request is listed.
  HttpResponse both = client.Post("/popular", R"({"pagination": {"page": 0, "limit": 0}})");
  ExpectError(both, 422, "validation_error", "pagination.page");
  ExpectError(both, 422, "validation_error", "pagination.limit");

  // Path ids are validated too.
  ExpectError(client.Get("/user-profile/abc"), 422, "validation_error", "user_id");
}

TEST_P(HostileInputTest, NotFoundAndMethodNotAllowed) {
  HttpClient client = Client();
  ExpectError(client.Get("/nope"), 404, "not_found");
  ExpectError(client.Post("/popular/extra", "{}"), 404, "not_found");
  ExpectError(client.Get("/user-profile/987654321"), 404, "not_found");
  ExpectError(client.Get("/popular"), 405, "method_not_allowed");
  ExpectError(client.Send("PUT", "/personalized", "{}", {}), 405, "method_not_allowed");
  ExpectError(client.Send("DELETE", "/popular", std::nullopt, {}), 405, "method_not_allowed");
  ExpectError(client.Post("/health", "{}"), 405, "method_not_allowed");
  ExpectError(client.Get("/admin/refresh-all"), 405, "method_not_allowed");
  EXPECT_EQ(client.Get("/health").status, 200) << "the connection is still usable";
}

TEST_P(HostileInputTest, PayloadTooLarge) {
  HttpClient client = Client();
  // A declared oversized body is refused at once: the body is never sent, the answer comes.
  for (const char* endpoint : {"/popular", "/personalized"}) {
    SCOPED_TRACE(endpoint);
    ExpectError(client.SendRaw(std::string("POST ") + endpoint +
                               " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                               "Content-Length: 70000\r\n\r\n"),
                413, "payload_too_large");
  }
  // A real body of 64 KiB + 1 byte, and one of exactly 64 KiB (accepted).
  auto padded = [](size_t size) {
    std::string body = R"({"pad": ")";
    body += std::string(size - body.size() - 2, 'x');
    body += "\"}";
    return body;
  };
  ExpectError(client.Post("/popular", padded(64 * 1024 + 1)), 413, "payload_too_large");
  EXPECT_EQ(client.Post("/popular", padded(64 * 1024)).status, 200) << "64 KiB is allowed";
  // A chunked body that grows over the limit.
  std::string chunked =
      "POST /popular HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 5; ++i) chunked += "4000\r\n" + std::string(0x4000, ' ') + "\r\n";
  chunked += "0\r\n\r\n";
  ExpectError(client.SendRaw(chunked), 413, "payload_too_large");
  EXPECT_EQ(client.Get("/health").status, 200);
}

TEST_P(HostileInputTest, AdminNeedsTheToken) {
  HttpClient client = Client();
  ExpectError(client.Post("/admin/cleanup-cache", ""), 401, "unauthorized");
  ExpectError(client.Post("/admin/cleanup-cache", "", {{"Authorization", "Bearer wrong"}}), 403,
              "forbidden");
  ExpectError(client.Post("/admin/refresh-all", "",
                          {{"Authorization", std::string("Bearer ") + kToken + "x"}}),
              403, "forbidden");
  HttpResponse done = client.Post("/admin/cleanup-cache", "",
                                  {{"Authorization", std::string("Bearer ") + kToken}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.Json().at("job"), "cache_cleanup");
  EXPECT_EQ(done.Json().at("status"), "completed");
}

// Two clients POST `path` at the same moment; the answers in order of the clients.
std::vector<HttpResponse> RaceTwo(uint16_t port, const std::string& path) {
  std::vector<HttpResponse> answers(2);
  std::barrier start(2);
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i) {
    threads.emplace_back([&, i] {
      HttpClient client(port);
      client.Get("/health");  // connected before the race starts
      start.arrive_and_wait();
      answers[i] = client.Post(path, "", {{"Authorization", std::string("Bearer ") + kToken}});
    });
  }
  for (std::thread& thread : threads) thread.join();
  return answers;
}

TEST_P(HostileInputTest, ConcurrentRunsOfOneJobConflict) {
  // One job: either both ran one after the other, or one ran and the other was refused.
  for (int attempt = 0; attempt < 3; ++attempt) {
    int completed = 0;
    for (const HttpResponse& answer :
         RaceTwo(service().port(), "/admin/update-user-similarities")) {
      if (answer.status == 200) {
        ++completed;
        EXPECT_EQ(answer.Json().at("status"), "completed") << answer.body;
      } else {
        ExpectError(answer, 409, "conflict");
      }
    }
    EXPECT_GE(completed, 1);
  }
  // refresh-all takes long enough that two at once always overlap at some point.
  bool conflict_seen = false;
  for (int attempt = 0; attempt < 6 && !conflict_seen; ++attempt) {
    std::vector<HttpResponse> answers = RaceTwo(service().port(), "/admin/refresh-all");
    int completed = 0;
    for (const HttpResponse& answer : answers) {
      if (answer.status == 200) {
        ++completed;
        EXPECT_EQ(answer.Json().at("job"), "all");
        EXPECT_EQ(answer.Json().at("status"), "completed") << answer.body;
      } else {
        ExpectError(answer, 409, "conflict");
        conflict_seen = true;
      }
    }
    EXPECT_GE(completed, 1) << "one of two concurrent runs completes";
  }
  EXPECT_TRUE(conflict_seen) << "two concurrent refresh-all runs never conflicted in 6 tries";
}

// Malformed bodies of every kind, drawn from a fixed seed.
class BodyFuzzer {
 public:
  explicit BodyFuzzer(uint32_t seed) : rng_(seed) {}

  std::string Next() {
    switch (Uniform(0, 8)) {
      case 0: {  // a valid request, truncated
        std::string body = Valid();
        return body.substr(0, Uniform(0, static_cast<int>(body.size()) - 1));
      }
      case 1:
      case 2: {  // a field of a wrong type or an extreme value
        std::string slot = Pick(kSlots);
        return slot.replace(slot.find("@"), 1, Pick(kValues));
      }
      case 3: {  // deep nesting, closed or not, at the top or in a field
        const int depth = Uniform(1, 3) == 1 ? 10000 : Uniform(17, 2000);
        std::string open = Uniform(0, 1) ? "[" : "{\"a\":";
        std::string body = Uniform(0, 1) ? "{\"user_params\":" : "";
        for (int i = 0; i < depth; ++i) body += open;
        if (Uniform(0, 1)) {
          body += "1";
          for (int i = 0; i < depth; ++i) body += open == "[" ? "]" : "}";
          if (body[0] == '{' && body[1] == '"' && body[2] == 'u') body += "}";
        }
        return body;
      }
      case 4: {  // invalid UTF-8 in a string value or key
        std::string bad = Pick(kBadUtf8);
        return Uniform(0, 1) ? "{\"user_params\": {\"category\": \"" + bad + "\"}, \"user_id\": \"" +
                                   bad + "\"}"
                             : "{\"" + bad + "\": 1, \"filters\": {\"platform\": \"a" + bad + "\"}}";
      }
      case 5: {  // random bytes
        std::string body(Uniform(0, 300), '\0');
        for (char& c : body) c = static_cast<char>(Uniform(0, 255));
        return body;
      }
      case 6: {  // NUL bytes, raw or escaped
        std::string body = Valid();
        if (Uniform(0, 1)) {
          body.insert(Uniform(0, static_cast<int>(body.size())), 1, '\0');
        } else {
          body.insert(body.size() - 1, ", \"category\": \"a\\u0000b\", \"user_params\": "
                                       "{\"category\": \"\\u0000\"}");
        }
        return body;
      }
      case 7: {  // unknown fields (ignored) of any shape
        std::string body = Valid();
        body.insert(1, "\"unknown_" + std::to_string(Uniform(0, 99)) + "\": " + Pick(kValues) +
                           ", \"x\": {\"y\": [1, {\"z\": null}]}, ");
        return body;
      }
      default: {  // a few random byte edits of a valid request
        std::string body = Valid();
        for (int edits = Uniform(1, 5); edits > 0 && !body.empty(); --edits) {
          size_t at = Uniform(0, static_cast<int>(body.size()) - 1);
          switch (Uniform(0, 2)) {
            case 0: body[at] = static_cast<char>(Uniform(0, 255)); break;
            case 1: body.erase(at, 1); break;
            default: body.insert(at, 1, "{}[]\",:0-e."[Uniform(0, 11)]);
          }
        }
        return body;
      }
    }
  }

 private:
  std::string Valid() { return Pick(kValid); }
  int Uniform(int low, int high) { return std::uniform_int_distribution<int>(low, high)(rng_); }
  template <typename T, size_t N>
  T Pick(const T (&values)[N]) {
    return values[Uniform(0, N - 1)];
  }

  static inline const std::string kValid[] = {
      R"({"user_params": {"gender": "f", "age": "25-34", "category": "books", "geo_id": 213}, "filters": {"price_from": 500, "price_to": 2000}, "pagination": {"page": 1, "limit": 20}})",
      R"({"user_id": 12, "geo_id": 213, "filters": {"price_from": 1, "category": "electronics", "exclude_ids": [1, 2, 3]}, "pagination": {"page": 2, "limit": 5}})",
      R"({"user_id": "77", "filters": {"platform": "ozon", "exclude_ids": []}})",
      R"({"user_params": {"age": 30, "gender": "ANY"}, "pagination": {"limit": 50}})",
      R"({})",
  };
  static inline const std::string kSlots[] = {
      R"({"user_params": {"gender": @}})",
      R"({"user_params": {"age": @}})",
      R"({"user_params": {"category": @}})",
      R"({"user_params": {"geo_id": @}})",
      R"({"user_params": @})",
      R"({"filters": {"price_from": @, "price_to": 100}})",
      R"({"filters": {"price_to": @}})",
      R"({"filters": {"category": @}})",
      R"({"filters": {"platform": @}})",
      R"({"filters": {"exclude_ids": @}})",
      R"({"filters": {"exclude_ids": [1, @]}})",
      R"({"filters": @})",
      R"({"pagination": {"page": @}})",
      R"({"pagination": {"limit": @}})",
      R"({"pagination": @})",
      R"({"user_id": @})",
      R"({"user_id": 5, "geo_id": @})",
      R"({"user_id": @, "filters": {"exclude_ids": [@]}})",
      R"(@)",
  };
  static inline const std::string kValues[] = {
      "1e400", "-1e400", "1e-400", "99999999999999999999", "-99999999999999999999",
      "18446744073709551616", "9223372036854775807", "9223372036854775808",
      "-9223372036854775809", "2147483648", "0", "-0", "-1", "1.0", "20.0", "0.5", "1e5",
      "123456789012345678901234567890.5", "\"20\"", "\"\"", "\"f\"", "\"55+\"", "true", "false",
      "null", "[]", "{}", "[1, 2, 3]", "{\"a\": 1}", "\"\\u0000\"", "\"\\ud800\"",
      "\"x\\u0000y\"", "\"\\uDFFF\\uD800\"", "NaN", "Infinity", "-Infinity", "01", "+1", ".5",
      "\"" + std::string(5000, 'a') + "\"", "[" + std::string(3000, '1').insert(1, ",") + "]",
      "\"\\\\\\\"\"", "\"\xff\""};
  static inline const std::string kBadUtf8[] = {"\xff\xfe", "\xc0\xaf", "\xed\xa0\x80",
                                                "\xe2\x82", "\xf8\x88\x80\x80\x80", "\x80",
                                                "ok\xc3"};

  std::mt19937 rng_;
};

TEST_P(HostileInputTest, FuzzedBodiesNeverCrashOrAnswer5xx) {
  constexpr int kBodies = 1200;
  BodyFuzzer fuzzer(4242);
  HttpClient client = Client();
  int client_errors = 0;
  int successes = 0;
  for (int i = 0; i < kBodies; ++i) {
    const std::string body = fuzzer.Next();
    const char* endpoint = i % 2 == 0 ? "/popular" : "/personalized";
    SCOPED_TRACE("body " + std::to_string(i) + " to " + endpoint + ": " +
                 boost::json::serialize(boost::json::value(body.substr(0, 300))));
    HttpResponse response;
    ASSERT_NO_THROW(response = client.Post(endpoint, body)) << "the server did not answer";
    ASSERT_GE(response.status, 200);
    ASSERT_LT(response.status, 500) << response.body;
    if (response.status >= 400) {
      ++client_errors;
      boost::json::value error = response.Json();
      ASSERT_TRUE(error.is_object() && error.as_object().contains("error") &&
                  error.at("error").is_string() && error.at("message").is_string())
          << response.body;
    } else {
      ++successes;
      ASSERT_EQ(response.status, 200);
      ASSERT_TRUE(response.Json().as_object().at("items").is_array()) << response.body;
    }
    if (i % 200 == 199) ASSERT_EQ(client.Get("/health").status, 200) << "alive after " << i;
  }
  std::printf("fuzz: %d bodies, %d answered 4xx, %d answered 200\n", kBodies, client_errors,
              successes);
  EXPECT_GT(client_errors, kBodies / 2);
  EXPECT_EQ(client.Get("/health").status, 200);
  EXPECT_TRUE(service().server().running());
}

E2E_INSTANTIATE(HostileInputTest);

}  // namespace
}  // namespace mysanta::e2e
