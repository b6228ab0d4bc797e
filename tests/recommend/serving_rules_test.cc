// SPEC section 5's serving rules as property tests: hundreds of random requests against a random
// data set, each answer checked against an independent re-implementation of eligibility.
#include <algorithm>
#include <random>
#include <set>

#include <gtest/gtest.h>

#include "recommend/snapshot.h"
#include "recommend/tables.h"
#include "support/synthetic_data.h"

namespace mysanta {
namespace {

constexpr std::array<int32_t, 5> kRegions = {213, 2, 54, 999, kNoGeo};

class ServingRulesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    SyntheticDataOptions options;
    options.users = 600;
    options.presents = 400;
    options.likes = 4000;
    options.clicks = 5000;
    options.regional = 0.15;
    options.inactive = 0.1;
    options.seed = 7;
    data_ = std::make_shared<const MainData>(MakeSyntheticData(options));
    SnapshotOptions snapshot_options;
    snapshot_options.now = options.now;
    snapshot_options.max_similar_users = 10;
    snapshot_ = Snapshot::Build(ComputeSnapshotInputs(data_, snapshot_options));
    interacted_.assign(data_->presents.size(), false);
    for (const auto* rows : {&data_->likes, &data_->clicks}) {
      for (const Interaction& row : *rows) interacted_[row.present] = true;
    }
  }
  static void TearDownTestSuite() {
    snapshot_.reset();
    data_.reset();
  }

  Filters RandomFilters() {
    Filters filters;
    if (Chance(0.3)) filters.price_from = Uniform(0, 3000);
    if (Chance(0.3)) filters.price_to = filters.price_from.value_or(0) + Uniform(0, 5000);
    if (Chance(0.25)) filters.category = Chance(0.9) ? data_->categories.At(Below(data_->categories.size())) : "nonexistent";
    if (Chance(0.15)) filters.platform = Chance(0.9) ? data_->platforms.At(Below(data_->platforms.size())) : "nowhere";
    if (Chance(0.4)) {
      const int count = Below(60);
      for (int k = 0; k < count; ++k) filters.exclude_ids.push_back(data_->present_ids.At(Below(data_->presents.size())));
      filters.exclude_ids.emplace_back(std::in_place_type<int64_t>, -5);  // unknown: ignored
    }
    return filters;
  }

  // The filters and region part of eligibility, written independently of Eligibility.
  bool PassesFilters(Index p, const Filters& filters, std::optional<int32_t> region) const {
    const Present& present = data_->presents[p];
    if (!present.is_active) return false;
    if (filters.price_from && present.price < *filters.price_from) return false;
    if (filters.price_to && present.price > *filters.price_to) return false;
    if (filters.category && data_->categories.At(present.category) != *filters.category) return false;
    if (filters.platform && data_->platforms.At(present.platform) != *filters.platform) return false;
    if (present.geo_id != kNoGeo && region != present.geo_id) return false;
    for (const ExternalId& id : filters.exclude_ids) {
      if (data_->present_ids.Find(id) == p) return false;
    }
    return true;
  }

  bool MatchesSegment(Index p, const Segment& segment) const {
    const Present& present = data_->presents[p];
    if (segment.gender && *segment.gender != Gender::kAny && present.gender != Gender::kAny &&
        present.gender != *segment.gender) {
      return false;
    }
    if (segment.age && !present.age.is_any() && !present.age.Overlaps(*segment.age)) return false;
    if (segment.category && data_->categories.At(present.category) != *segment.category) return false;
    return true;
  }

  static void ExpectNoDuplicates(const RankedList& list) {
    std::set<Index> seen(list.presents.begin(), list.presents.end());
    EXPECT_EQ(seen.size(), list.presents.size());
  }

  bool Chance(double p) { return Uniform(0, 1) < p; }
  double Uniform(double low, double high) { return std::uniform_real_distribution<double>(low, high)(random_); }
  int Below(size_t n) { return static_cast<int>(random_() % n); }

  static std::shared_ptr<const MainData> data_;
  static std::shared_ptr<const Snapshot> snapshot_;
  static std::vector<bool> interacted_;
  std::mt19937_64 random_{12345};
};

std::shared_ptr<const MainData> ServingRulesTest::data_;
std::shared_ptr<const Snapshot> ServingRulesTest::snapshot_;
std::vector<bool> ServingRulesTest::interacted_;

TEST_F(ServingRulesTest, PopularKeepsEveryRule) {
  for (int trial = 0; trial < 400; ++trial) {
    PopularQuery query;
    if (Chance(0.6)) query.segment.gender = static_cast<Gender>(Below(3));
    if (Chance(0.6)) {
      const int kind = Below(3);
      query.segment.age = kind == 0 ? AgeGroupRange(Below(kAgeGroupCount))
                          : kind == 1 ? AgeRange{static_cast<int16_t>(Below(90)), static_cast<int16_t>(0)}
                                      : *ParseAgeRange("45+");
      if (kind == 1) query.segment.age->max = query.segment.age->min;
    }
    if (Chance(0.3)) query.segment.category = data_->categories.At(Below(data_->categories.size()));
    if (Chance(0.6)) query.segment.geo_id = kRegions[Below(kRegions.size())];
    if (query.segment.geo_id == kNoGeo) query.segment.geo_id.reset();
    query.filters = RandomFilters();
    if (query.segment.category && query.filters.category) query.filters.category = query.segment.category;
    const int max_results = 1 + Below(Chance(0.5) ? 30 : 500);

    const RankedList list = snapshot_->Popular(query, max_results);
    SCOPED_TRACE(testing::Message() << "trial " << trial);
    EXPECT_EQ(list.algorithm, Algorithm::kPopular);
    ExpectNoDuplicates(list);
    EXPECT_LE(list.presents.size(), static_cast<size_t>(max_results));
    for (Index p : list.presents) {
      ASSERT_LT(p, data_->presents.size());
      EXPECT_TRUE(PassesFilters(p, query.filters, query.segment.geo_id)) << "present " << p;
      EXPECT_TRUE(MatchesSegment(p, query.segment)) << "present " << p;
      EXPECT_TRUE(interacted_[p]);
    }
    size_t eligible = 0;
    for (Index p = 0; p < data_->presents.size(); ++p) {
      eligible += interacted_[p] && PassesFilters(p, query.filters, query.segment.geo_id) &&
                  MatchesSegment(p, query.segment);
    }
    EXPECT_EQ(list.presents.size(), std::min<size_t>(eligible, max_results));
    EXPECT_EQ(snapshot_->Popular(query, max_results).presents, list.presents);  // deterministic
    // A shorter list is a prefix of a longer one: pages are slices of one ranking.
    const RankedList shorter = snapshot_->Popular(query, max_results / 2);
    EXPECT_TRUE(std::equal(shorter.presents.begin(), shorter.presents.end(), list.presents.begin()));
  }
}

TEST_F(ServingRulesTest, PersonalizedKeepsEveryRule) {
  InteractionOptions interaction_options;
  interaction_options.now = snapshot_->options().now;
  for (int trial = 0; trial < 400; ++trial) {
    PersonalizedQuery query;
    const bool unknown_user = Chance(0.1);
    const Index user = unknown_user ? kNoIndex : static_cast<Index>(Below(data_->users.size()));
    query.user_id = unknown_user ? ExternalId{int64_t{999999}} : data_->user_ids.At(user);
    if (Chance(0.4)) query.geo_id = kRegions[Below(kRegions.size())];
    if (query.geo_id == kNoGeo) query.geo_id.reset();
    query.filters = RandomFilters();
    const int max_results = 1 + Below(Chance(0.5) ? 30 : 500);

    // The activity read at request time: the snapshot's likes plus fresh ones it has not seen.
    UserActivity activity;
    const bool with_activity = Chance(0.6);
    std::set<Index> liked;
    std::set<Index> interacted;
    if (!unknown_user) {
      for (Index p : snapshot_->matrix().UserLikes(user)) liked.insert(p);
      for (Index p : snapshot_->matrix().UserItems(user)) interacted.insert(p);
    }
    if (with_activity) {
      for (Index p : liked) activity.liked.push_back(data_->present_ids.At(p));
      const int fresh = Below(5);
      for (int k = 0; k < fresh; ++k) {
        const Index p = Below(data_->presents.size());
        activity.liked.push_back(data_->present_ids.At(p));
        liked.insert(p);
        interacted.insert(p);
      }
      if (Chance(0.3)) {
        const Index p = Below(data_->presents.size());
        activity.clicked.push_back(data_->present_ids.At(p));
        interacted.insert(p);
      }
      activity.liked.emplace_back(std::in_place_type<int64_t>, -1);  // unknown: ignored
    }
    const UserActivity* activity_now = with_activity ? &activity : nullptr;

    const RankedList list = snapshot_->Personalized(query, activity_now, max_results);
    SCOPED_TRACE(testing::Message() << "trial " << trial);
    EXPECT_EQ(list.algorithm, snapshot_->ChooseAlgorithm(static_cast<int>(interacted.size())));
    ExpectNoDuplicates(list);
    EXPECT_LE(list.presents.size(), static_cast<size_t>(max_results));
    std::optional<int32_t> region = query.geo_id;
    if (!region && !unknown_user && data_->users[user].in_users_table &&
        data_->users[user].geo_id != kNoGeo) {
      region = data_->users[user].geo_id;
    }
    for (Index p : list.presents) {
      ASSERT_LT(p, data_->presents.size());
      EXPECT_TRUE(PassesFilters(p, query.filters, region)) << "present " << p;
      EXPECT_FALSE(liked.contains(p)) << "liked present " << p;
    }
    size_t eligible = 0;
    for (Index p = 0; p < data_->presents.size(); ++p) {
      eligible += PassesFilters(p, query.filters, region) && !liked.contains(p);
    }
    EXPECT_EQ(list.presents.size(), std::min<size_t>(eligible, max_results));
    EXPECT_EQ(snapshot_->Personalized(query, activity_now, max_results).presents, list.presents);
  }
}

TEST_F(ServingRulesTest, EveryTierAndCollaborativeMethodKeepsTheRules) {
  struct Variant {
    Algorithm tier;
    CollaborativeMethod method;
  };
  const Variant variants[] = {{Algorithm::kPopular, CollaborativeMethod::kEase},
                              {Algorithm::kContentBased, CollaborativeMethod::kEase},
                              {Algorithm::kCollaborative, CollaborativeMethod::kEase},
                              {Algorithm::kCollaborative, CollaborativeMethod::kUserKnn},
                              {Algorithm::kCollaborative, CollaborativeMethod::kItemKnn},
                              {Algorithm::kCollaborative, CollaborativeMethod::kBlend}};
  for (const Variant& variant : variants) {
    SnapshotOptions options = snapshot_->options();
    options.collaborative.method = variant.method;
    const auto snapshot = Snapshot::Build(ComputeSnapshotInputs(data_, options));
    for (int trial = 0; trial < 60; ++trial) {
      const Index user = static_cast<Index>(Below(data_->users.size()));
      PersonalizedQuery query{data_->user_ids.At(user), std::nullopt, RandomFilters()};
      query.geo_id = kRegions[Below(3)];
      const RankedList list = snapshot->Recommend(variant.tier, query, nullptr, 200);
      EXPECT_EQ(list.algorithm, variant.tier);
      ExpectNoDuplicates(list);
      size_t eligible = 0;
      for (Index p = 0; p < data_->presents.size(); ++p) {
        eligible += PassesFilters(p, query.filters, query.geo_id) && !snapshot->matrix().HasLiked(user, p);
      }
      EXPECT_EQ(list.presents.size(), std::min<size_t>(eligible, 200));
      for (Index p : list.presents) {
        EXPECT_TRUE(PassesFilters(p, query.filters, query.geo_id));
        EXPECT_FALSE(snapshot->matrix().HasLiked(user, p));
      }
    }
  }
}

TEST_F(ServingRulesTest, ConcurrentRequestsGiveTheSameAnswers) {
  std::vector<PersonalizedQuery> queries;
  for (int k = 0; k < 50; ++k) {
    queries.push_back({data_->user_ids.At(Below(data_->users.size())), std::nullopt, RandomFilters()});
  }
  std::vector<std::vector<Index>> expected;
  for (const auto& query : queries) expected.push_back(snapshot_->Personalized(query, nullptr, 100).presents);
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int round = 0; round < 5; ++round) {
        for (size_t k = 0; k < queries.size(); ++k) {
          if (snapshot_->Personalized(queries[k], nullptr, 100).presents != expected[k]) ++mismatches;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(mismatches.load(), 0);
}

}  // namespace
}  // namespace mysanta
