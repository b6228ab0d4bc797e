// The process's own resources as Linux reports them (/proc/self), for the `process_*` metrics of
// GET /metrics (the names Prometheus client libraries use), and the open-file limit the service
// raises at start-up so that it can hold many connections (SPEC section 7: 10,000).
//
// Thread safety: every function may be called from any thread.
#pragma once

#include <cstdint>
#include <string>

namespace mysanta {

struct ProcessStats {
  double cpu_seconds = 0;          // user + system
  uint64_t resident_bytes = 0;
  uint64_t virtual_bytes = 0;
  uint64_t open_fds = 0;
  uint64_t max_fds = 0;            // the soft open-file limit
  double start_time_seconds = 0;   // since the Unix epoch
  uint64_t threads = 0;
};

// Zeros where /proc cannot be read (never throws).
ProcessStats ReadProcessStats();

// The process_* families in Prometheus text exposition format.
std::string ProcessMetricsText(const ProcessStats& stats);

struct OpenFileLimit {
  uint64_t before = 0;  // soft limit found
  uint64_t after = 0;   // soft limit now (the hard limit, when raising it worked)
  uint64_t hard = 0;
};

// Raises the soft open-file limit (RLIMIT_NOFILE) to the hard one.
OpenFileLimit RaiseOpenFileLimit();

}  // namespace mysanta
