// Api: the service's HTTP API without sockets — one route table, request parsing, the handlers
// (thin adapters over the service layer and the Backend), error mapping and request metrics.
// `Handle` never throws: a Backend failure (an exception) becomes 503 `unavailable`.
//
// Thread safety: Handle may be called concurrently (Backend and Cache must allow that).
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "api/backend.h"
#include "api/message.h"
#include "api/metrics.h"
#include "core/cache.h"
#include "core/config.h"
#include "service/engine.h"
#include "service/recommendation_service.h"

namespace mysanta::api {

// Where a request should run: on an I/O thread (fast, in memory), on the pool for calls that may
// wait on a database, or on the pool for admin jobs (seconds).
enum class Lane { kInline, kBlocking, kJob };

class Api {
 public:
  // Every endpoint label Metrics needs: the route patterns and "unmatched".
  static std::vector<std::string> EndpointLabels();

  // `metrics` is shared with the composition root (which records scheduled job runs in it).
  // `engine` answers the recommendation use cases (through a service::RecommendationService);
  // `backend` the rest.
  Api(Backend& backend, service::RecommendationEngine& engine, Cache& cache, Config config,
      Metrics& metrics);

  // The lane of the route `request` names (unknown routes and wrong methods: kInline). Routes that
  // call the cache run inline only when the cache is in-process.
  Lane LaneOf(std::string_view method, std::string_view target) const;

  Response Handle(const Request& request);

  service::RecommendationService& recommendations() { return recommendations_; }

 private:
  // Runs route number `route` of the route table.
  Response Dispatch(size_t route, std::string_view path_argument, const Request& request);

  Response Popular(const Request& request);
  Response Personalized(const Request& request);
  Response Similar(const Request& request);
  Response Presents(const Request& request);
  Response UserProfile(std::string_view user_id_text);
  Response Health();
  Response Ready();
  Response Stats();
  Response MetricsText();
  Response OpenApi();
  Response Admin(JobName job, const Request& request);

  Backend& backend_;
  service::RecommendationEngine& engine_;
  Cache& cache_;
  Config config_;
  Metrics& metrics_;
  service::RecommendationService recommendations_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::string openapi_;  // serialized once
  bool cache_is_remote_;
};

}  // namespace mysanta::api
