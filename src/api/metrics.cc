#include "api/metrics.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/plain_decimal.h"

namespace mysanta::api {
namespace {

constexpr auto kRelaxed = std::memory_order_relaxed;

template <size_t N>
size_t BucketOf(const std::array<double, N>& bounds, double seconds) {
  return std::lower_bound(bounds.begin(), bounds.end(), seconds) - bounds.begin();
}

uint64_t Nanoseconds(double seconds) {
  return seconds <= 0 ? 0 : static_cast<uint64_t>(seconds * 1e9);
}

// Writes one histogram family member: cumulative buckets, sum and count.
template <size_t N, size_t M>
void AppendHistogram(std::string& out, std::string_view name, std::string_view labels,
                     const std::array<double, N>& bounds,
                     const std::array<std::atomic<uint64_t>, M>& buckets, uint64_t sum_ns) {
  uint64_t cumulative = 0;
  for (size_t i = 0; i < M; ++i) {
    cumulative += buckets[i].load(kRelaxed);
    std::string le = i < N ? PlainDecimal(bounds[i]) : "+Inf";
    out += fmt::format("{}_bucket{{{},le=\"{}\"}} {}\n", name, labels, le, cumulative);
  }
  out += fmt::format("{}_sum{{{}}} {}\n", name, labels,
                     PlainDecimal(static_cast<double>(sum_ns) / 1e9));
  out += fmt::format("{}_count{{{}}} {}\n", name, labels, cumulative);
}

}  // namespace

Metrics::Metrics(std::vector<std::string> endpoints)
    : endpoints_(std::move(endpoints)),
      counters_(std::make_unique<EndpointCounters[]>(endpoints_.size())) {}

size_t Metrics::EndpointIndex(std::string_view endpoint) const {
  auto it = std::find(endpoints_.begin(), endpoints_.end(), endpoint);
  if (it == endpoints_.end()) return endpoints_.size() - 1;
  return it - endpoints_.begin();
}

double Metrics::FineBound(size_t bucket) { return 10e-6 * std::pow(1.25, bucket); }

void Metrics::RecordRequest(size_t endpoint, int status, double seconds) {
  EndpointCounters& counters = counters_[std::min(endpoint, endpoints_.size() - 1)];
  auto status_it = std::find(kStatuses.begin(), kStatuses.end() - 1, status);
  counters.by_status[status_it - kStatuses.begin()].fetch_add(1, kRelaxed);
  counters.buckets[BucketOf(kRequestBuckets, seconds)].fetch_add(1, kRelaxed);
  size_t fine = seconds <= 10e-6
                    ? 0
                    : static_cast<size_t>(std::ceil(std::log(seconds / 10e-6) / std::log(1.25)));
  counters.fine[std::min(fine, kFineBuckets - 1)].fetch_add(1, kRelaxed);
  counters.count.fetch_add(1, kRelaxed);
  counters.sum_ns.fetch_add(Nanoseconds(seconds), kRelaxed);
}

void Metrics::RecordJob(JobName job, JobStatus status, double seconds) {
  JobCounters& counters = jobs_[static_cast<size_t>(job)];
  counters.by_status[static_cast<size_t>(status)].fetch_add(1, kRelaxed);
  counters.buckets[BucketOf(kJobBuckets, seconds)].fetch_add(1, kRelaxed);
  counters.count.fetch_add(1, kRelaxed);
  counters.sum_ns.fetch_add(Nanoseconds(seconds), kRelaxed);
}

Metrics::LatencySummary Metrics::Summary(size_t endpoint) const {
  const EndpointCounters& counters = counters_[std::min(endpoint, endpoints_.size() - 1)];
  std::array<uint64_t, kFineBuckets> fine{};
  uint64_t total = 0;
  for (size_t i = 0; i < kFineBuckets; ++i) total += fine[i] = counters.fine[i].load(kRelaxed);
  LatencySummary summary;
  summary.count = total;
  if (total == 0) return summary;
  // A quantile is reported as the upper bound of the bucket holding it (at most 25% high).
  auto quantile_ms = [&](double q) {
    auto rank = static_cast<uint64_t>(std::ceil(q * static_cast<double>(total)));
    uint64_t cumulative = 0;
    for (size_t i = 0; i < kFineBuckets; ++i) {
      cumulative += fine[i];
      if (cumulative >= rank) return FineBound(i) * 1e3;
    }
    return FineBound(kFineBuckets - 1) * 1e3;
  };
  summary.p50_ms = quantile_ms(0.50);
  summary.p99_ms = quantile_ms(0.99);
  return summary;
}

std::string Metrics::PrometheusText() const {
  std::string out;
  out += "# HELP mysanta_http_requests_total HTTP requests answered, by route and status.\n";
  out += "# TYPE mysanta_http_requests_total counter\n";
  for (size_t e = 0; e < endpoints_.size(); ++e) {
    for (size_t s = 0; s < kStatuses.size(); ++s) {
      uint64_t count = counters_[e].by_status[s].load(kRelaxed);
      if (count == 0) continue;
      std::string status = kStatuses[s] == 0 ? "other" : std::to_string(kStatuses[s]);
      out += fmt::format("mysanta_http_requests_total{{endpoint=\"{}\",status=\"{}\"}} {}\n",
                         endpoints_[e], status, count);
    }
  }
  out += "# HELP mysanta_http_request_duration_seconds Time to answer a request, by route.\n";
  out += "# TYPE mysanta_http_request_duration_seconds histogram\n";
  for (size_t e = 0; e < endpoints_.size(); ++e) {
    AppendHistogram(out, "mysanta_http_request_duration_seconds",
                    fmt::format("endpoint=\"{}\"", endpoints_[e]), kRequestBuckets,
                    counters_[e].buckets, counters_[e].sum_ns.load(kRelaxed));
  }
  out += "# HELP mysanta_job_runs_total Background job runs, by job and outcome.\n";
  out += "# TYPE mysanta_job_runs_total counter\n";
  for (size_t j = 0; j < kJobCount; ++j) {
    for (size_t s = 0; s < kJobStatusCount; ++s) {
      out += fmt::format("mysanta_job_runs_total{{job=\"{}\",status=\"{}\"}} {}\n",
                         JobNameText(static_cast<JobName>(j)),
                         JobStatusText(static_cast<JobStatus>(s)),
                         jobs_[j].by_status[s].load(kRelaxed));
    }
  }
  out += "# HELP mysanta_job_duration_seconds Background job run time, by job.\n";
  out += "# TYPE mysanta_job_duration_seconds histogram\n";
  for (size_t j = 0; j < kJobCount; ++j) {
    AppendHistogram(out, "mysanta_job_duration_seconds",
                    fmt::format("job=\"{}\"", JobNameText(static_cast<JobName>(j))), kJobBuckets,
                    jobs_[j].buckets, jobs_[j].sum_ns.load(kRelaxed));
  }
  return out;
}

}  // namespace mysanta::api
