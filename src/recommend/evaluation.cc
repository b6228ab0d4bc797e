#include "recommend/evaluation.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include <fmt/format.h>

#include "core/bit_mix.h"
#include "recommend/parallel.h"
#include "recommend/tables.h"

namespace mysanta {
namespace {

int64_t LatestEvent(const MainData& data) {
  int64_t latest = 0;
  for (const auto* rows : {&data.likes, &data.clicks}) {
    for (const Interaction& row : *rows) latest = std::max(latest, row.created_at);
  }
  return latest + 1;
}

struct Split {
  std::vector<Index> users;                 // evaluated users, ascending
  std::vector<std::vector<Index>> hidden;   // per evaluated user: hidden presents, sorted
  MainData training;
};

Split MakeSplit(const MainData& data, const EvaluationOptions& options) {
  std::vector<std::vector<size_t>> likes_of(data.users.size());
  for (size_t k = 0; k < data.likes.size(); ++k) {
    const Interaction& like = data.likes[k];
    if (like.user < data.users.size() && like.present < data.presents.size()) {
      likes_of[like.user].push_back(k);
    }
  }
  std::vector<Index> qualifying;
  for (Index u = 0; u < data.users.size(); ++u) {
    if (static_cast<int>(likes_of[u].size()) >= std::max(options.min_likes, 2)) qualifying.push_back(u);
  }
  if (options.max_users > 0 && qualifying.size() > static_cast<size_t>(options.max_users)) {
    std::sort(qualifying.begin(), qualifying.end(), [&](Index a, Index b) {
      const uint64_t ha = MixBits(options.seed ^ (uint64_t{a} << 20));
      const uint64_t hb = MixBits(options.seed ^ (uint64_t{b} << 20));
      return ha != hb ? ha < hb : a < b;
    });
    qualifying.resize(options.max_users);
    std::sort(qualifying.begin(), qualifying.end());
  }
  Split split;
  split.users = qualifying;
  split.hidden.resize(qualifying.size());
  std::vector<bool> hidden_like(data.likes.size(), false);
  for (size_t e = 0; e < qualifying.size(); ++e) {
    std::vector<size_t> likes = likes_of[qualifying[e]];
    if (options.holdout == HoldoutMode::kMostRecent) {
      std::sort(likes.begin(), likes.end(), [&](size_t a, size_t b) {
        const Interaction& x = data.likes[a];
        const Interaction& y = data.likes[b];
        return x.created_at != y.created_at ? x.created_at < y.created_at : x.present < y.present;
      });
    } else {
      std::sort(likes.begin(), likes.end(), [&](size_t a, size_t b) {
        const uint64_t ha = MixBits(options.seed * 7919 + a);
        const uint64_t hb = MixBits(options.seed * 7919 + b);
        return ha != hb ? ha < hb : a < b;
      });
    }
    const auto count = std::clamp<size_t>(
        static_cast<size_t>(std::lround(options.holdout_fraction * likes.size())), 1, likes.size() - 1);
    for (size_t k = likes.size() - count; k < likes.size(); ++k) {
      hidden_like[likes[k]] = true;
      split.hidden[e].push_back(data.likes[likes[k]].present);
    }
    std::sort(split.hidden[e].begin(), split.hidden[e].end());
  }
  // Training data: everything but the hidden likes and the same users' clicks on those presents
  // (a click right before the like would give the answer away).
  std::unordered_set<uint64_t> hidden_pairs;
  for (size_t e = 0; e < split.users.size(); ++e) {
    for (Index p : split.hidden[e]) hidden_pairs.insert((uint64_t{split.users[e]} << 32) | p);
  }
  split.training.user_ids = data.user_ids;
  split.training.present_ids = data.present_ids;
  split.training.categories = data.categories;
  split.training.platforms = data.platforms;
  split.training.users = data.users;
  split.training.presents = data.presents;
  split.training.likes.reserve(data.likes.size());
  for (size_t k = 0; k < data.likes.size(); ++k) {
    if (!hidden_like[k]) split.training.likes.push_back(data.likes[k]);
  }
  split.training.clicks.reserve(data.clicks.size());
  for (const Interaction& click : data.clicks) {
    if (click.user == kNoIndex || !hidden_pairs.contains((uint64_t{click.user} << 32) | click.present)) {
      split.training.clicks.push_back(click);
    }
  }
  return split;
}

struct UserResult {
  double recall = 0;
  double ndcg = 0;
  bool hit = false;
};

UserResult Score(const std::vector<Index>& ranked, const std::vector<Index>& hidden, int k) {
  UserResult result;
  double dcg = 0;
  int hits = 0;
  for (size_t rank = 0; rank < ranked.size() && rank < static_cast<size_t>(k); ++rank) {
    if (std::binary_search(hidden.begin(), hidden.end(), ranked[rank])) {
      ++hits;
      dcg += 1.0 / std::log2(rank + 2.0);
    }
  }
  const size_t ideal = std::min<size_t>(hidden.size(), k);
  double idcg = 0;
  for (size_t rank = 0; rank < ideal; ++rank) idcg += 1.0 / std::log2(rank + 2.0);
  result.recall = ideal == 0 ? 0 : static_cast<double>(hits) / ideal;
  result.ndcg = idcg == 0 ? 0 : dcg / idcg;
  result.hit = hits > 0;
  return result;
}

}  // namespace

std::string_view HistoryBucketName(int bucket) {
  switch (bucket) {
    case kOneOrTwo: return "1-2";
    case kThreeOrMore: return "3+";
    default: return "all";
  }
}

EvaluationReport Evaluate(const MainData& data, const EvaluationOptions& options) {
  Split split = MakeSplit(data, options);
  SnapshotOptions snapshot_options = options.snapshot;
  snapshot_options.now = options.now != 0 ? options.now : LatestEvent(data);
  snapshot_options.with_ease = snapshot_options.with_ease ||
      std::ranges::find(options.strategies, Strategy::kEase) != options.strategies.end();
  auto training = std::make_shared<const MainData>(std::move(split.training));
  const auto snapshot = Snapshot::Build(ComputeSnapshotInputs(training, snapshot_options));

  EvaluationReport report;
  report.k = options.k;
  report.holdout = options.holdout == HoldoutMode::kMostRecent ? "most_recent" : "random";
  report.users_evaluated = static_cast<int64_t>(split.users.size());
  for (const auto& hidden : split.hidden) report.hidden_likes += hidden.size();
  for (const Present& present : data.presents) report.active_presents += present.is_active;

  std::vector<int> bucket(split.users.size());
  for (size_t e = 0; e < split.users.size(); ++e) {
    const int count = snapshot->matrix().InteractionCount(split.users[e]);
    bucket[e] = count >= 3 ? kThreeOrMore : count >= 1 ? kOneOrTwo : kAllUsers;
  }
  for (Strategy strategy : options.strategies) {
    std::vector<std::vector<Index>> lists(split.users.size());
    ParallelFor(split.users.size(), std::max(1, snapshot_options.threads), 64,
                [&](size_t begin, size_t end, int) {
                  for (size_t e = begin; e < end; ++e) {
                    PersonalizedQuery query{training->user_ids.At(split.users[e]), std::nullopt, {}};
                    lists[e] = snapshot->Recommend(strategy, query, nullptr, options.k).presents;
                  }
                });
    StrategyMetrics metrics;
    metrics.strategy = strategy;
    std::array<std::unordered_set<Index>, kBucketCount> recommended;
    for (size_t e = 0; e < split.users.size(); ++e) {
      const UserResult result = Score(lists[e], split.hidden[e], options.k);
      for (int b : {static_cast<int>(kAllUsers), bucket[e]}) {
        Metrics& m = metrics.buckets[b];
        m.recall += result.recall;
        m.ndcg += result.ndcg;
        m.hit_rate += result.hit;
        ++m.users;
        recommended[b].insert(lists[e].begin(), lists[e].end());
        if (b == bucket[e]) break;  // bucket kAllUsers for users left with no history
      }
    }
    for (int b = 0; b < kBucketCount; ++b) {
      Metrics& m = metrics.buckets[b];
      if (m.users > 0) {
        m.recall /= m.users;
        m.ndcg /= m.users;
        m.hit_rate /= m.users;
      }
      m.coverage = report.active_presents == 0
                       ? 0
                       : static_cast<double>(recommended[b].size()) / report.active_presents;
    }
    report.strategies.push_back(metrics);
  }
  return report;
}

std::string FormatReportTable(const EvaluationReport& report) {
  std::string text = fmt::format(
      "Offline evaluation: holdout {}, k = {}, {} users, {} hidden likes, {} active presents\n",
      report.holdout, report.k, report.users_evaluated, report.hidden_likes, report.active_presents);
  text += fmt::format("{:<14} {:<7} {:>8} {:>9} {:>8} {:>9} {:>9}\n", "strategy", "history", "users",
                      fmt::format("recall@{}", report.k), fmt::format("ndcg@{}", report.k),
                      "hit_rate", "coverage");
  for (const StrategyMetrics& row : report.strategies) {
    for (int b = 0; b < kBucketCount; ++b) {
      const Metrics& m = row.buckets[b];
      text += fmt::format("{:<14} {:<7} {:>8} {:>9.4f} {:>8.4f} {:>9.4f} {:>9.4f}\n",
                          StrategyName(row.strategy), HistoryBucketName(b), m.users, m.recall,
                          m.ndcg, m.hit_rate, m.coverage);
    }
  }
  return text;
}

std::string FormatReportJson(const EvaluationReport& report) {
  // Only numbers and fixed ASCII names go into this document, so no escaping is needed.
  std::string json = fmt::format(
      R"({{"k":{},"holdout":"{}","users_evaluated":{},"hidden_likes":{},"active_presents":{},"strategies":[)",
      report.k, report.holdout, report.users_evaluated, report.hidden_likes, report.active_presents);
  for (size_t s = 0; s < report.strategies.size(); ++s) {
    const StrategyMetrics& row = report.strategies[s];
    json += fmt::format(R"({}{{"strategy":"{}","buckets":{{)", s ? "," : "", StrategyName(row.strategy));
    for (int b = 0; b < kBucketCount; ++b) {
      const Metrics& m = row.buckets[b];
      json += fmt::format(
          R"({}"{}":{{"users":{},"recall":{:.6f},"ndcg":{:.6f},"hit_rate":{:.6f},"coverage":{:.6f}}})",
          b ? "," : "", HistoryBucketName(b), m.users, m.recall, m.ndcg, m.hit_rate, m.coverage);
    }
    json += "}}";
  }
  json += "]}";
  return json;
}

}  // namespace mysanta
