// UserHistory: what the engine knows of one user while answering a request: the snapshot's
// interactions merged with the likes and clicks read from the main database at request time,
// and the user's demographic slots. A plain value built per request; not shared between threads.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/ids.h"

namespace mysanta {

struct UserHistory {
  Index user = kNoIndex;     // kNoIndex: unknown to the snapshot
  std::vector<Index> items;  // presents interacted with, sorted
  std::vector<float> weights;  // per item: the interaction weight (fresh ones count fully)
  std::vector<Index> liked;  // sorted, unique
  bool adds_to_snapshot = false;  // the request-time activity knows presents the snapshot does not
  int gender_slot = 0;       // PopularityModel::GenderSlot
  int age_slot = 0;          // PopularityModel::AgeSlot
  std::optional<int32_t> geo_id;
};

}  // namespace mysanta
