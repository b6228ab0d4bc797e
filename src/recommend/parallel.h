// ParallelFor: runs a function over [0, n) on a few threads, in fixed-size chunks taken from a
// shared counter. Each index is handled exactly once; which thread handles it does not matter to
// callers that write only to per-index output, so results do not depend on the thread count.
// Thread-safe: the function must be safe to call concurrently for different indices.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace mysanta {

// `fn(begin, end, worker)` is called for consecutive chunks; `worker` is 0..threads-1 so callers
// can keep per-thread scratch space. threads <= 1 runs inline.
template <typename Fn>
void ParallelFor(size_t n, int threads, size_t chunk, Fn&& fn) {
  if (n == 0) return;
  chunk = std::max<size_t>(chunk, 1);
  threads = std::max(1, std::min<int>(threads, static_cast<int>((n + chunk - 1) / chunk)));
  std::atomic<size_t> next{0};
  auto work = [&](int worker) {
    for (;;) {
      const size_t begin = next.fetch_add(chunk);
      if (begin >= n) return;
      fn(begin, std::min(n, begin + chunk), worker);
    }
  };
  if (threads == 1) {
    work(0);
    return;
  }
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (int t = 1; t < threads; ++t) pool.emplace_back(work, t);
  work(0);
  for (auto& thread : pool) thread.join();
}

}  // namespace mysanta
