// Benchmarks of the recommend layer on synthetic data (support/synthetic_data.h), no I/O.
//
// Scale from MYSANTA_BENCH_SCALE: "small" (default: 20k users, 5k presents, 120k likes, 160k
// clicks), "seed" (100k users, 16k presents, 600k likes, 800k clicks) or "large" (300k users,
// 100k presents, 2M likes, 3M clicks). E.g.
//   MYSANTA_BENCH_SCALE=large build/mysanta_bench --benchmark_filter=Recommend
#include <atomic>
#include <cstdlib>
#include <memory>
#include <string>

#include <benchmark/benchmark.h>

#include "recommend/interaction_matrix.h"
#include "recommend/item_similarity.h"
#include "recommend/snapshot.h"
#include "recommend/tables.h"
#include "support/synthetic_data.h"
#include "recommend/user_similarity.h"

namespace mysanta {
namespace {

SyntheticDataOptions BenchDataOptions() {
  const char* scale = std::getenv("MYSANTA_BENCH_SCALE");
  const std::string name = scale ? scale : "small";
  SyntheticDataOptions options;
  if (name == "large") {
    options.users = 300000;
    options.presents = 100000;
    options.likes = 2000000;
    options.clicks = 3000000;
    options.clusters = 300;
    options.categories = 30;
    options.platforms = 6;
  } else if (name == "seed") {
    options.users = 100000;
    options.presents = 16000;
    options.likes = 600000;
    options.clicks = 800000;
    options.clusters = 120;
    options.categories = 25;
    options.platforms = 5;
  } else {
    options.users = 20000;
    options.presents = 5000;
    options.likes = 120000;
    options.clicks = 160000;
    options.clusters = 50;
    options.categories = 20;
  }
  return options;
}

struct Fixture {
  SyntheticDataOptions data_options = BenchDataOptions();
  std::shared_ptr<const MainData> data;
  SnapshotOptions snapshot_options;
  std::shared_ptr<const Snapshot> snapshot;

  Fixture() {
    data = std::make_shared<const MainData>(MakeSyntheticData(data_options));
    snapshot_options.now = data_options.now;
    snapshot = Snapshot::Build(ComputeSnapshotInputs(data, snapshot_options));
  }
};

Fixture& Shared() {
  static Fixture fixture;
  return fixture;
}

void BM_RecommendUserSimilarities(benchmark::State& state) {
  Fixture& f = Shared();
  InteractionOptions options;
  options.now = f.data_options.now;
  const InteractionMatrix matrix = InteractionMatrix::Build(*f.data, options);
  SimilarityOptions similarity;
  similarity.threads = static_cast<int>(state.range(0));
  size_t rows = 0;
  for (auto _ : state) rows = ComputeUserSimilarities(matrix, similarity).size();
  state.counters["rows"] = static_cast<double>(rows);
}
BENCHMARK(BM_RecommendUserSimilarities)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_RecommendItemNeighbours(benchmark::State& state) {
  Fixture& f = Shared();
  for (auto _ : state) {
    benchmark::DoNotOptimize(ItemNeighbours::Compute(f.snapshot->matrix(), {}).size());
  }
}
BENCHMARK(BM_RecommendItemNeighbours)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_RecommendComputeTables(benchmark::State& state) {
  Fixture& f = Shared();
  for (auto _ : state) {
    benchmark::DoNotOptimize(ComputeSnapshotInputs(f.data, f.snapshot_options).similarities.size());
  }
}
BENCHMARK(BM_RecommendComputeTables)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_RecommendSnapshotBuild(benchmark::State& state) {
  Fixture& f = Shared();
  const SnapshotInputs inputs = ComputeSnapshotInputs(f.data, f.snapshot_options);
  for (auto _ : state) benchmark::DoNotOptimize(Snapshot::Build(inputs).get());
}
BENCHMARK(BM_RecommendSnapshotBuild)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_RecommendPopular(benchmark::State& state) {
  Fixture& f = Shared();
  PopularQuery query;
  if (state.range(0) >= 1) {
    query.segment.gender = Gender::kFemale;
    query.segment.age = AgeGroupRange(2);
    query.segment.geo_id = 213;
  }
  if (state.range(0) >= 2) {
    query.segment.category = f.data->categories.At(3);
    query.filters.price_from = 500;
    query.filters.price_to = 2000;
  }
  size_t length = 0;
  for (auto _ : state) length = f.snapshot->Popular(query, 1000).presents.size();
  state.counters["length"] = static_cast<double>(length);
}
BENCHMARK(BM_RecommendPopular)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMicrosecond);

// Distinct users in turn, as the service sees them; Arg: 1 = with an activity read at request
// time (two fresh likes), 0 = without.
void BM_RecommendPersonalized(benchmark::State& state) {
  Fixture& f = Shared();
  const MainData& data = *f.data;
  Index user = 0;
  const Index step = 7919;  // a prime: walks all users in a scattered order
  UserActivity activity;
  size_t length = 0;
  for (auto _ : state) {
    user = (user + step) % data.users.size();
    const PersonalizedQuery query{data.user_ids.At(user), std::nullopt, {}};
    if (state.range(0)) {
      activity.liked = {data.present_ids.At(user % data.presents.size()),
                        data.present_ids.At((user * 31) % data.presents.size())};
    }
    length = f.snapshot->Personalized(query, state.range(0) ? &activity : nullptr, 1000).presents.size();
  }
  state.counters["length"] = static_cast<double>(length);
}
BENCHMARK(BM_RecommendPersonalized)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

// Only users with 3+ interactions: the collaborative path.
void BM_RecommendCollaborative(benchmark::State& state) {
  Fixture& f = Shared();
  const MainData& data = *f.data;
  std::vector<Index> users;
  for (Index u = 0; u < data.users.size() && users.size() < 5000; u += 13) {
    if (f.snapshot->matrix().InteractionCount(u) >= 3) users.push_back(u);
  }
  size_t next = 0;
  for (auto _ : state) {
    const PersonalizedQuery query{data.user_ids.At(users[next++ % users.size()]), std::nullopt, {}};
    benchmark::DoNotOptimize(f.snapshot->Personalized(query, nullptr, 1000).presents.size());
  }
}
BENCHMARK(BM_RecommendCollaborative)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace mysanta
