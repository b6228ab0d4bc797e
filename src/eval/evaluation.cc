#include "eval/evaluation.h"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "eval/baselines.h"
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

std::string SplitName(const SplitOptions& options) {
  if (options.kind == SplitKind::kRandom) {
    return fmt::format("random {:.2f}, seed {}", options.train_ratio, options.seed);
  }
  return fmt::format("recent {:.2f}", options.holdout_fraction);
}

// The ranked list of the e-th test user, of at most k presents.
using ListFn = std::function<std::vector<Index>(size_t e)>;

struct Fixture {
  const Split& split;
  const std::vector<int>& bucket_of;  // per test user
  int k;
  int64_t train_presents;
  int threads;
};

MethodMetrics Measure(const Fixture& fixture, std::string name, std::string kind,
                      std::string note, const ListFn& list_of) {
  const size_t users = fixture.split.users.size();
  std::vector<std::vector<Index>> lists(users);
  ParallelFor(users, fixture.threads, 32, [&](size_t begin, size_t end, int) {
    for (size_t e = begin; e < end; ++e) lists[e] = list_of(e);
  });
  std::vector<MetricsAccumulator> accumulators(kBucketCount, MetricsAccumulator(fixture.k));
  for (size_t e = 0; e < users; ++e) {
    accumulators[kAllUsers].Add(lists[e], fixture.split.test[e]);
    if (fixture.bucket_of[e] != kAllUsers) {
      accumulators[fixture.bucket_of[e]].Add(lists[e], fixture.split.test[e]);
    }
  }
  MethodMetrics metrics{std::move(name), std::move(kind), std::move(note), {}};
  for (int b = 0; b < kBucketCount; ++b) {
    metrics.buckets[b] = accumulators[b].Finish(fixture.train_presents);
  }
  return metrics;
}

ListFn SnapshotLists(const Snapshot& snapshot, const Split& split,
                     std::optional<Algorithm> tier, int k) {
  return [&snapshot, &split, tier, k](size_t e) {
    const PersonalizedQuery query{snapshot.data().user_ids.At(split.users[e]), std::nullopt, {}};
    return snapshot.Recommend(tier, query, nullptr, k).presents;
  };
}

ListFn BaselineLists(const Baseline& baseline, const Split& split, int k) {
  return [&baseline, &split, k](size_t e) { return baseline.Recommend(split.users[e], k); };
}

// What the collaborative tier served, e.g. "ease lambda 300, dropout 0.15, prior 0".
std::string CollaborativeNote(const Snapshot& snapshot) {
  const SnapshotOptions& options = snapshot.options();
  switch (options.collaborative.method) {
    case CollaborativeMethod::kUserKnn: return "user-kNN";
    case CollaborativeMethod::kItemKnn: return "item-kNN";
    case CollaborativeMethod::kBlend: return "user-kNN + item-kNN blend";
    case CollaborativeMethod::kEase: break;
  }
  const EaseSettings& settings = snapshot.ease_settings();
  return fmt::format("ease lambda {}, dropout {}, prior {}{}", settings.lambda, settings.dropout,
                     settings.prior, options.collaborative.tune_ease ? " (validation on train)" : "");
}

InteractionMatrix MatrixOf(const MainData& data, const SnapshotOptions& options) {
  InteractionOptions interactions = options.interactions;
  interactions.now = options.now;
  return InteractionMatrix::Build(data, interactions);
}

// EASE's lambda with the best NDCG@k on a validation split cut from train (test never seen).
double ChooseEaseLambda(const MainData& train, const EvaluationOptions& options,
                        const SnapshotOptions& snapshot_options) {
  SplitOptions inner = options.split;
  inner.seed = options.split.seed + 1;
  const Split validation = SplitData(train, inner);
  const InteractionMatrix matrix = MatrixOf(validation.train, snapshot_options);
  double best_lambda = options.ease_lambdas.empty() ? 100 : options.ease_lambdas.front();
  double best_ndcg = -1;
  for (size_t step = 0; step < options.ease_lambdas.size(); ++step) {
    const double lambda = options.ease_lambdas[step];
    if (options.progress) {
      options.progress("ease: lambda on validation", double(step) / options.ease_lambdas.size());
    }
    const auto ease = MakeEase(matrix, lambda, options.ease_max_items);
    std::vector<double> ndcg(validation.users.size(), 0);
    ParallelFor(validation.users.size(), snapshot_options.threads, 32,
                [&](size_t begin, size_t end, int) {
                  for (size_t e = begin; e < end; ++e) {
                    ndcg[e] = ScoreUser(ease->Recommend(validation.users[e], options.k),
                                        validation.test[e], options.k)
                                  .ndcg;
                  }
                });
    double total = 0;
    for (double value : ndcg) total += value;
    if (total > best_ndcg) {
      best_ndcg = total;
      best_lambda = lambda;
    }
  }
  return best_lambda;
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
  auto progress = [&](std::string_view stage, double fraction) {
    if (options.progress) options.progress(stage, fraction);
  };
  progress("split", 0);
  Split split = SplitData(data, options.split);
  SnapshotOptions snapshot_options = options.snapshot;
  snapshot_options.now = options.now != 0 ? options.now : LatestEvent(data);
  const int threads = std::max(1, snapshot_options.threads);
  auto train = std::make_shared<const MainData>(std::move(split.train));
  progress("service: jobs and snapshot", 0);
  const auto snapshot = Snapshot::Build(ComputeSnapshotInputs(train, snapshot_options));
  const InteractionMatrix& matrix = snapshot->matrix();

  EvaluationReport report;
  report.k = options.k;
  report.split = SplitName(options.split);
  report.users_evaluated = static_cast<int64_t>(split.users.size());
  for (const auto& test : split.test) report.test_likes += static_cast<int64_t>(test.size());
  for (Index item = 0; item < matrix.item_count(); ++item) {
    report.train_presents += !matrix.ItemUsers(item).empty();
  }
  std::vector<int> bucket_of(split.users.size());
  for (size_t e = 0; e < split.users.size(); ++e) {
    const int count = matrix.InteractionCount(split.users[e]);
    bucket_of[e] = count >= 3 ? kThreeOrMore : count >= 1 ? kOneOrTwo : kAllUsers;
  }
  const Fixture fixture{split, bucket_of, options.k, report.train_presents, threads};

  const std::pair<const char*, std::optional<Algorithm>> tiers[] = {
      {"popular", Algorithm::kPopular},
      {"content_based", Algorithm::kContentBased},
      {"collaborative", Algorithm::kCollaborative},
      {"policy", std::nullopt}};
  const std::string collaborative_note = CollaborativeNote(*snapshot);
  for (const auto& [name, tier] : tiers) {
    progress(fmt::format("service: {}", name), 0);
    report.methods.push_back(Measure(fixture, name, "service",
                                     tier == Algorithm::kPopular ? "" : collaborative_note,
                                     SnapshotLists(*snapshot, split, tier, options.k)));
  }
  for (const EvaluationCandidate& candidate : options.candidates) {
    progress(fmt::format("candidate: {}", candidate.name), 0);
    SnapshotOptions candidate_options = candidate.snapshot;
    candidate_options.now = snapshot_options.now;
    const auto other = Snapshot::Build(ComputeSnapshotInputs(train, candidate_options));
    report.methods.push_back(Measure(fixture, candidate.name, "candidate",
                                     CollaborativeNote(*other),
                                     SnapshotLists(*other, split, candidate.tier, options.k)));
  }
  if (!options.baselines) return report;

  progress("baseline: most_popular", 0);
  report.methods.push_back(Measure(fixture, "most_popular", "baseline", "",
                                   BaselineLists(*MakeMostPopular(matrix), split, options.k)));
  progress("baseline: item_knn", 0);
  report.methods.push_back(
      Measure(fixture, "item_knn", "baseline",
              fmt::format("cosine, {} neighbours", options.item_knn_neighbours),
              BaselineLists(*MakeItemKnn(matrix, options.item_knn_neighbours, threads), split,
                            options.k)));
  progress("baseline: user_knn", 0);
  report.methods.push_back(
      Measure(fixture, "user_knn", "baseline",
              fmt::format("cosine, {} neighbours", options.user_knn_neighbours),
              BaselineLists(*MakeUserKnn(matrix, options.user_knn_neighbours), split,
                            options.k)));
  const double lambda = ChooseEaseLambda(*train, options, snapshot_options);
  progress("baseline: ease", 0);
  report.methods.push_back(
      Measure(fixture, "ease", "baseline",
              fmt::format("lambda {} (validation), at most {} presents", lambda,
                          options.ease_max_items),
              BaselineLists(*MakeEase(matrix, lambda, options.ease_max_items), split,
                            options.k)));
  return report;
}

std::string FormatReportTable(const EvaluationReport& report) {
  std::string text = fmt::format(
      "Offline evaluation: split {}, k = {}, {} test users, {} test likes, {} presents in "
      "train\n",
      report.split, report.k, report.users_evaluated, report.test_likes, report.train_presents);
  const int k = report.k;
  text += fmt::format("{:<22} {:<9} {:<7} {:>7} {:>9} {:>9} {:>9} {:>9} {:>8} {:>8}  {}\n",
                      "method", "kind", "history", "users", fmt::format("prec@{}", k),
                      fmt::format("recall@{}", k), fmt::format("ndcg@{}", k),
                      fmt::format("map@{}", k), "hit_rate", "coverage", "note");
  for (const MethodMetrics& row : report.methods) {
    for (int b = 0; b < kBucketCount; ++b) {
      const RankingMetrics& m = row.buckets[b];
      text += fmt::format(
          "{:<22} {:<9} {:<7} {:>7} {:>9.4f} {:>9.4f} {:>9.4f} {:>9.4f} {:>8.4f} {:>8.4f}  {}\n",
          row.name, row.kind, HistoryBucketName(b), m.users, m.precision, m.recall, m.ndcg, m.map,
          m.hit_rate, m.coverage, b == 0 ? row.note : "");
    }
  }
  return text;
}

std::string FormatReportJson(const EvaluationReport& report) {
  // Names and notes are fixed ASCII without quotes or backslashes, so no escaping is needed.
  std::string json = fmt::format(
      R"({{"k":{},"split":"{}","users_evaluated":{},"test_likes":{},"train_presents":{},"methods":[)",
      report.k, report.split, report.users_evaluated, report.test_likes, report.train_presents);
  for (size_t s = 0; s < report.methods.size(); ++s) {
    const MethodMetrics& row = report.methods[s];
    json += fmt::format(R"({}{{"name":"{}","kind":"{}","note":"{}","buckets":{{)", s ? "," : "",
                        row.name, row.kind, row.note);
    for (int b = 0; b < kBucketCount; ++b) {
      const RankingMetrics& m = row.buckets[b];
      json += fmt::format(
          R"({}"{}":{{"users":{},"precision":{:.6f},"recall":{:.6f},"ndcg":{:.6f},"map":{:.6f},)"
          R"("hit_rate":{:.6f},"coverage":{:.6f}}})",
          b ? "," : "", HistoryBucketName(b), m.users, m.precision, m.recall, m.ndcg, m.map,
          m.hit_rate, m.coverage);
    }
    json += "}}";
  }
  json += "]}";
  return json;
}

}  // namespace mysanta
