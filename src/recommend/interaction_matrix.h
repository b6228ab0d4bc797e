// InteractionMatrix: the users' taste as a compact, immutable sparse matrix built from MainData.
//
// Rows are users, columns presents; a cell is the weight of what the user did with the present:
// a like counts `like_weight`, each click `click_weight` (clicks on one present add up to at most
// `like_weight`, so a click-happy user does not outweigh a like), every event decayed by its age
// with half-life `half_life_days` relative to the `now` given (never the wall clock, so results
// are reproducible). Anonymous clicks and rows naming unknown presents are skipped (they count
// toward popularity only, see popularity.h). A user's interaction count is the number of distinct
// presents they liked or clicked (SPEC section 1).
//
// Stored twice as CSR (user -> items sorted by present index, item -> users sorted by user
// index), plus each user's liked presents. Thread-safe for concurrent const use.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/ids.h"
#include "core/main_data.h"

namespace mysanta {

struct InteractionOptions {
  int64_t now = 0;             // Required: the time decay is relative to it (seconds since epoch).
  double like_weight = 3.0;    // Default 3: a like says more than a click.
  double click_weight = 1.0;   // Default 1, per click; a present's clicks sum to <= like_weight.
  double half_life_days = 180; // Default 180: taste drifts slowly; a year-old like counts 1/4.
};

// 0.5^(age / half-life); events in the future (clock skew) count fully.
double DecayFactor(int64_t at, int64_t now, double half_life_days);

class InteractionMatrix {
 public:
  InteractionMatrix() = default;
  static InteractionMatrix Build(const MainData& data, const InteractionOptions& options);

  size_t user_count() const { return user_offsets_.empty() ? 0 : user_offsets_.size() - 1; }
  size_t item_count() const { return item_offsets_.empty() ? 0 : item_offsets_.size() - 1; }
  size_t cell_count() const { return user_items_.size(); }

  std::span<const Index> UserItems(Index user) const { return Row(user_offsets_, user_items_, user); }
  std::span<const float> UserWeights(Index user) const {
    return Row(user_offsets_, user_weights_, user);
  }
  std::span<const Index> UserLikes(Index user) const { return Row(like_offsets_, user_likes_, user); }
  std::span<const Index> ItemUsers(Index item) const { return Row(item_offsets_, item_users_, item); }
  std::span<const float> ItemWeights(Index item) const {
    return Row(item_offsets_, item_weights_, item);
  }

  // Distinct presents the user liked or clicked; 0 for an index out of range.
  int InteractionCount(Index user) const { return static_cast<int>(UserItems(user).size()); }
  bool HasLiked(Index user, Index item) const;

 private:
  template <typename T>
  static std::span<const T> Row(const std::vector<uint32_t>& offsets, const std::vector<T>& values,
                                Index row) {
    if (static_cast<size_t>(row) + 1 >= offsets.size()) return {};
    return std::span<const T>(values.data() + offsets[row], offsets[row + 1] - offsets[row]);
  }
  void BuildTranspose();

  std::vector<uint32_t> user_offsets_;
  std::vector<Index> user_items_;
  std::vector<float> user_weights_;
  std::vector<uint32_t> like_offsets_;
  std::vector<Index> user_likes_;
  std::vector<uint32_t> item_offsets_;
  std::vector<Index> item_users_;
  std::vector<float> item_weights_;
};

}  // namespace mysanta
