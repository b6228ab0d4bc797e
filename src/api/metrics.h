// Metrics: the service's request and job counters and latency histograms, for GET /metrics
// (Prometheus text) and GET /stats (count, p50, p99 per endpoint). The label sets are fixed when
// it is built — endpoints are route patterns, statuses and jobs fixed lists — so recording is a
// few relaxed atomic increments and cardinality is bounded.
//
// Thread safety: every method may be called concurrently.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "api/backend.h"

namespace mysanta::api {

class Metrics {
 public:
  // `endpoints`: every endpoint label (route patterns, plus one for unmatched paths).
  explicit Metrics(std::vector<std::string> endpoints);

  const std::vector<std::string>& endpoints() const { return endpoints_; }
  // Index of an endpoint label; the last endpoint when unknown.
  size_t EndpointIndex(std::string_view endpoint) const;

  void RecordRequest(size_t endpoint, int status, double seconds);
  // Admin runs are recorded by the api; the composition root records scheduled runs here too.
  void RecordJob(JobName job, JobStatus status, double seconds);

  struct LatencySummary {
    uint64_t count = 0;
    double p50_ms = 0;
    double p99_ms = 0;
  };
  LatencySummary Summary(size_t endpoint) const;

  // The request and job families in Prometheus text exposition format.
  std::string PrometheusText() const;

 private:
  static constexpr std::array<int, 12> kStatuses = {200, 400, 401, 403, 404, 405,
                                                    409, 413, 422, 500, 503, 0};  // 0: other
  // From 25 us: a cached answer takes 30-50 us, and the buckets should tell it from a miss.
  static constexpr std::array<double, 18> kRequestBuckets = {
      0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
      0.025,    0.05,    0.1,    0.25,    0.5,    1,     2.5,    5,     10};
  static constexpr std::array<double, 10> kJobBuckets = {0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300};
  // Fine log-scale buckets for quantiles: upper bounds 10 us * 1.25^i.
  static constexpr size_t kFineBuckets = 72;
  static constexpr size_t kJobCount = 5;
  static constexpr size_t kJobStatusCount = 3;

  struct EndpointCounters {
    std::array<std::atomic<uint64_t>, kStatuses.size()> by_status{};
    std::array<std::atomic<uint64_t>, kRequestBuckets.size() + 1> buckets{};  // last: +Inf
    std::array<std::atomic<uint64_t>, kFineBuckets> fine{};
    std::atomic<uint64_t> count{0};
    std::atomic<uint64_t> sum_ns{0};
  };
  struct JobCounters {
    std::array<std::atomic<uint64_t>, kJobStatusCount> by_status{};
    std::array<std::atomic<uint64_t>, kJobBuckets.size() + 1> buckets{};
    std::atomic<uint64_t> count{0};
    std::atomic<uint64_t> sum_ns{0};
  };

  static double FineBound(size_t bucket);

  std::vector<std::string> endpoints_;
  std::unique_ptr<EndpointCounters[]> counters_;
  std::array<JobCounters, kJobCount> jobs_{};
};

}  // namespace mysanta::api
