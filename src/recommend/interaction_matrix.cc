#include "recommend/interaction_matrix.h"

#include <algorithm>
#include <cmath>

namespace mysanta {
namespace {

struct Event {
  Index item;
  float weight;
  bool like;
};

}  // namespace

double DecayFactor(int64_t at, int64_t now, double half_life_days) {
  if (at >= now || half_life_days <= 0) return 1.0;
  const double age_days = static_cast<double>(now - at) / 86400.0;
  return std::exp2(-age_days / half_life_days);
}

bool InteractionMatrix::HasLiked(Index user, Index item) const {
  const auto likes = UserLikes(user);
  return std::binary_search(likes.begin(), likes.end(), item);
}

InteractionMatrix InteractionMatrix::Build(const MainData& data, const InteractionOptions& options) {
  const size_t users = data.users.size();
  const size_t items = data.presents.size();
  auto valid = [&](const Interaction& row) {
    return row.user != kNoIndex && row.user < users && row.present < items;
  };
  // Counting sort of all events by user: one pass to count, one to place.
  std::vector<uint32_t> starts(users + 1, 0);
  for (const auto* rows : {&data.likes, &data.clicks}) {
    for (const Interaction& row : *rows) {
      if (valid(row)) ++starts[row.user + 1];
    }
  }
  for (size_t u = 0; u < users; ++u) starts[u + 1] += starts[u];
  std::vector<Event> events(starts[users]);
  {
    std::vector<uint32_t> cursor(starts.begin(), starts.end() - 1);
    auto place = [&](const std::vector<Interaction>& rows, bool like, double weight) {
      for (const Interaction& row : rows) {
        if (!valid(row)) continue;
        const double decay = DecayFactor(row.created_at, options.now, options.half_life_days);
        events[cursor[row.user]++] = {row.present, static_cast<float>(weight * decay), like};
      }
    };
    place(data.likes, true, options.like_weight);
    place(data.clicks, false, options.click_weight);
  }

  InteractionMatrix matrix;
  matrix.user_offsets_.assign(users + 1, 0);
  matrix.like_offsets_.assign(users + 1, 0);
  matrix.user_items_.reserve(events.size());
  matrix.user_weights_.reserve(events.size());
  for (size_t u = 0; u < users; ++u) {
    auto begin = events.begin() + starts[u];
    auto end = events.begin() + starts[u + 1];
    std::sort(begin, end, [](const Event& a, const Event& b) {
      return a.item != b.item ? a.item < b.item : a.like > b.like;
    });
    for (auto it = begin; it != end;) {
      const Index item = it->item;
      double like_part = 0;
      double click_part = 0;
      bool liked = false;
      for (; it != end && it->item == item; ++it) {
        if (it->like) {
          like_part = std::max<double>(like_part, it->weight);
          liked = true;
        } else {
          click_part += it->weight;
        }
      }
      matrix.user_items_.push_back(item);
      matrix.user_weights_.push_back(
          static_cast<float>(like_part + std::min(click_part, options.like_weight)));
      if (liked) matrix.user_likes_.push_back(item);
    }
    matrix.user_offsets_[u + 1] = static_cast<uint32_t>(matrix.user_items_.size());
    matrix.like_offsets_[u + 1] = static_cast<uint32_t>(matrix.user_likes_.size());
  }
  matrix.item_offsets_.assign(items + 1, 0);
  matrix.BuildTranspose();
  return matrix;
}

void InteractionMatrix::BuildTranspose() {
  const size_t items = item_offsets_.size() - 1;
  std::fill(item_offsets_.begin(), item_offsets_.end(), 0);
  for (Index item : user_items_) ++item_offsets_[item + 1];
  for (size_t i = 0; i < items; ++i) item_offsets_[i + 1] += item_offsets_[i];
  item_users_.resize(user_items_.size());
  item_weights_.resize(user_items_.size());
  std::vector<uint32_t> cursor(item_offsets_.begin(), item_offsets_.end() - 1);
  // Users in increasing order, so every item's list comes out sorted by user.
  for (size_t u = 0; u + 1 < user_offsets_.size(); ++u) {
    for (uint32_t k = user_offsets_[u]; k < user_offsets_[u + 1]; ++k) {
      const uint32_t slot = cursor[user_items_[k]]++;
      item_users_[slot] = static_cast<Index>(u);
      item_weights_[slot] = user_weights_[k];
    }
  }
}

}  // namespace mysanta
