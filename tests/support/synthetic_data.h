// MakeSyntheticData: small-to-large deterministic MainData with real taste structure, for the
// recommend layer's tests and benchmarks (the product's generator is datagen; this one exists so
// the engine can be tested and measured on its own).
//
// Users belong to taste clusters; each cluster prefers one or two categories, a price level and a
// gender/age profile; popularity within a cluster and overall is Zipf-skewed; user activity is
// heavy-tailed. Some presents are regional or inactive, some users are missing from `users`,
// some clicks are anonymous, and timestamps spread over the year before `now`.
// Same options, same data. Pure function; thread-safe.
#pragma once

#include <cstdint>

#include "core/main_data.h"

namespace mysanta {

struct SyntheticDataOptions {
  int users = 2000;            // Default 2,000.
  int presents = 800;          // Default 800.
  int64_t likes = 16000;       // Default 16,000 (about; duplicates are dropped).
  int64_t clicks = 20000;      // Default 20,000.
  int clusters = 12;           // Default 12 taste clusters.
  int categories = 10;         // Default 10.
  int platforms = 4;           // Default 4.
  double in_cluster = 0.85;    // Default 0.85: share of a user's interactions in their cluster.
  double regional = 0.05;      // Default 0.05: share of presents sold in one region only.
  double inactive = 0.05;      // Default 0.05: share of inactive presents.
  double anonymous_clicks = 0.2;  // Default 0.2.
  double missing_users = 0.05;    // Default 0.05: users absent from the users table.
  bool text_ids = false;       // Default false: integer ids; true: UUID-like text ids.
  int64_t now = 1767225600;    // Default 2026-01-01: timestamps fall in the year before.
  uint64_t seed = 42;          // Default 42.
};

MainData MakeSyntheticData(const SyntheticDataOptions& options);

// The taste cluster a synthetic user or present was generated in (same options, same answer).
int SyntheticUserCluster(const SyntheticDataOptions& options, Index user);
int SyntheticPresentCluster(const SyntheticDataOptions& options, Index present);

}  // namespace mysanta
