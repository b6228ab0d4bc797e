#include "eval/split.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "core/bit_mix.h"

namespace mysanta {
namespace {

// Each user's likes (indices into data.likes) of existing presents, one per present (the latest).
std::vector<std::vector<size_t>> LikesByUser(const MainData& data) {
  std::vector<std::vector<size_t>> likes_of(data.users.size());
  for (size_t k = 0; k < data.likes.size(); ++k) {
    const Interaction& like = data.likes[k];
    if (like.user < data.users.size() && like.present < data.presents.size()) {
      likes_of[like.user].push_back(k);
    }
  }
  for (auto& likes : likes_of) {
    std::sort(likes.begin(), likes.end(), [&](size_t a, size_t b) {
      const Interaction& x = data.likes[a];
      const Interaction& y = data.likes[b];
      if (x.present != y.present) return x.present < y.present;
      return x.created_at != y.created_at ? x.created_at > y.created_at : a < b;
    });
    likes.erase(std::unique(likes.begin(), likes.end(),
                            [&](size_t a, size_t b) {
                              return data.likes[a].present == data.likes[b].present;
                            }),
                likes.end());
  }
  return likes_of;
}

// Orders a user's likes so that the test part is the tail: oldest first (kRecent), or a seeded
// shuffle (kRandom).
void OrderLikes(const MainData& data, const SplitOptions& options, Index user,
                std::vector<size_t>& likes) {
  if (options.kind == SplitKind::kRecent) {
    std::sort(likes.begin(), likes.end(), [&](size_t a, size_t b) {
      const Interaction& x = data.likes[a];
      const Interaction& y = data.likes[b];
      return x.created_at != y.created_at ? x.created_at < y.created_at : x.present < y.present;
    });
    return;
  }
  const uint64_t user_seed = MixBits(options.seed ^ (uint64_t{user} * 0x9e3779b97f4a7c15ULL));
  std::sort(likes.begin(), likes.end(), [&](size_t a, size_t b) {
    const uint64_t ha = MixBits(user_seed + data.likes[a].present);
    const uint64_t hb = MixBits(user_seed + data.likes[b].present);
    return ha != hb ? ha < hb : data.likes[a].present < data.likes[b].present;
  });
}

size_t TestCount(const SplitOptions& options, size_t likes) {
  if (options.kind == SplitKind::kGiven) {
    const auto given = static_cast<size_t>(std::max(options.given, 1));
    return likes > given ? likes - given : 0;
  }
  if (options.kind == SplitKind::kRecent) {
    const auto count = static_cast<size_t>(std::lround(options.holdout_fraction * likes));
    return std::clamp<size_t>(count, 1, likes - 1);
  }
  const auto train = static_cast<size_t>(std::lround(options.train_ratio * likes));
  return likes - std::min(train, likes);
}

// Keeps a seeded sample of `count` of the users, ascending.
void KeepSample(uint64_t seed, size_t count, std::vector<Index>& users) {
  if (users.size() <= count) return;
  std::sort(users.begin(), users.end(), [&](Index a, Index b) {
    const uint64_t ha = MixBits(seed ^ (uint64_t{a} << 20));
    const uint64_t hb = MixBits(seed ^ (uint64_t{b} << 20));
    return ha != hb ? ha < hb : a < b;
  });
  users.resize(count);
  std::sort(users.begin(), users.end());
}

void SampleUsers(const SplitOptions& options, std::vector<Index>& users) {
  if (options.kind == SplitKind::kGiven) {
    const double share = std::clamp(options.given_users, 0.0, 1.0);
    const auto count = static_cast<size_t>(std::lround(share * users.size()));
    KeepSample(options.seed + 1, std::max<size_t>(count, users.empty() ? 0 : 1), users);
  }
  if (options.max_users > 0) KeepSample(options.seed, options.max_users, users);
}

}  // namespace

Split SplitData(const MainData& data, const SplitOptions& options) {
  std::vector<std::vector<size_t>> likes_of = LikesByUser(data);
  std::vector<Index> users;
  for (Index u = 0; u < likes_of.size(); ++u) {
    const size_t likes = likes_of[u].size();
    if (likes < static_cast<size_t>(std::max(options.min_likes, 2))) continue;
    const size_t test = TestCount(options, likes);
    if (test > 0 && test < likes) users.push_back(u);
  }
  SampleUsers(options, users);

  Split split;
  split.users = users;
  split.test.resize(users.size());
  std::unordered_set<uint64_t> held_pairs;
  for (size_t e = 0; e < users.size(); ++e) {
    std::vector<size_t>& likes = likes_of[users[e]];
    OrderLikes(data, options, users[e], likes);
    const size_t test = TestCount(options, likes.size());
    for (size_t k = likes.size() - test; k < likes.size(); ++k) {
      const Index present = data.likes[likes[k]].present;
      split.test[e].push_back(present);
      held_pairs.insert((uint64_t{users[e]} << 32) | present);
    }
    std::sort(split.test[e].begin(), split.test[e].end());
  }
  // Every like and click of a held-out (user, present) pair leaves train, duplicates included.
  auto held = [&](const Interaction& row) {
    return row.user != kNoIndex && held_pairs.contains((uint64_t{row.user} << 32) | row.present);
  };
  split.train.user_ids = data.user_ids;
  split.train.present_ids = data.present_ids;
  split.train.categories = data.categories;
  split.train.platforms = data.platforms;
  split.train.users = data.users;
  split.train.presents = data.presents;
  split.train.likes.reserve(data.likes.size());
  for (const Interaction& like : data.likes) {
    if (!held(like)) split.train.likes.push_back(like);
  }
  split.train.clicks.reserve(data.clicks.size());
  for (const Interaction& click : data.clicks) {
    if (!held(click)) split.train.clicks.push_back(click);
  }
  return split;
}

}  // namespace mysanta
