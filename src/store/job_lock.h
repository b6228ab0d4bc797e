// JobLock: proof that this process holds the lock of one background job across every instance
// sharing the recommendations database (SPEC section 6). Destroying it releases the lock.
// Obtained from RecommendationsDatabase::TryLockJob. Not thread-safe (one owner).
#pragma once

#include <string>

namespace mysanta {

class JobLock {
 public:
  virtual ~JobLock() = default;
  virtual const std::string& job() const = 0;
};

}  // namespace mysanta
