// Benchmarks of the api layer without sockets: what one request costs on an I/O thread, over the
// test Backend (tests/api_fakes.h) and an in-process cache. Run: build/mysanta_bench
// --benchmark_filter=Api
#include <benchmark/benchmark.h>

#include "api/api.h"
#include "api/request_parser.h"
#include "api_fakes.h"

namespace mysanta::api {
namespace {

struct Fixture {
  testing::FakeBackend backend{1000};  // ranked lists of 1000 (MAX_RESULTS) ids
  testing::TestCache cache;
  Metrics metrics{Api::EndpointLabels()};
  Api api{backend, backend, cache, Config{}, metrics};
};

void BM_ApiNotFound(benchmark::State& state) {
  Fixture fixture;
  Request request{"GET", "/nope", std::nullopt, "", true, false};
  for (auto _ : state) benchmark::DoNotOptimize(fixture.api.Handle(request));
}
BENCHMARK(BM_ApiNotFound);

void BM_ApiPopularCached(benchmark::State& state) {
  Fixture fixture;
  Request request{"POST",
                  "/popular",
                  std::nullopt,
                  R"({"user_params": {"gender": "f", "age": "25-34"},
                      "filters": {"price_from": 100},
                      "pagination": {"page": 2, "limit": 5}})",
                  true,
                  false};
  fixture.api.Handle(request);  // fills the cache
  for (auto _ : state) benchmark::DoNotOptimize(fixture.api.Handle(request));
}
BENCHMARK(BM_ApiPopularCached);

void BM_ApiPersonalizedCached(benchmark::State& state) {
  Fixture fixture;
  fixture.backend.SetLikes(int64_t{7}, {int64_t{30}, int64_t{4}, int64_t{9}});
  Request request{"POST", "/personalized", std::nullopt, R"({"user_id": 7})", true, false};
  fixture.api.Handle(request);
  for (auto _ : state) benchmark::DoNotOptimize(fixture.api.Handle(request));
}
BENCHMARK(BM_ApiPersonalizedCached);

void BM_ParsePopularRequest(benchmark::State& state) {
  std::string body = R"({"user_params": {"gender": "f", "age": "25-34", "category": "books",
                         "geo_id": 213}, "filters": {"price_from": 500, "price_to": 2000,
                         "exclude_ids": [1, 2, 3, 4, 5]}, "pagination": {"page": 1, "limit": 20}})";
  RequestRules rules;
  for (auto _ : state) benchmark::DoNotOptimize(ParsePopularRequest(body, rules));
}
BENCHMARK(BM_ParsePopularRequest);

}  // namespace
}  // namespace mysanta::api
