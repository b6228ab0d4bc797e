// End-to-end property test of SPEC section 5's rules: hundreds of random valid /popular and
// /personalized requests against the real binary, every page of every answer checked against
// ground truth read independently from the main database.
#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "ground_truth.h"
#include "list_walk.h"
#include "running_service.h"

namespace mysanta::e2e {
namespace {

constexpr int kMaxResults = 200;
constexpr int kMaxPageSize = 50;
constexpr int kCasesPerEndpoint = 300;  // x2 endpoints = 600 requests (all their pages) a backend

class RecommendationRulesTest : public ServiceSuite<RecommendationRulesTest> {
 public:
  static std::vector<std::string> Data() { return kTinyData; }
  static Environment Settings() {
    return {{"MAX_RESULTS", std::to_string(kMaxResults)},
            {"MAX_PAGE_SIZE", std::to_string(kMaxPageSize)},
            {"DEFAULT_PAGE_SIZE", "10"}};
  }
};

// Draws random valid requests over the data's own values (and some unknown ones).
class RequestGenerator {
 public:
  RequestGenerator(const GroundTruth& truth, uint32_t seed) : truth_(truth), rng_(seed) {
    const MainData& data = truth.data();
    for (uint16_t i = 0; i < data.categories.size(); ++i) categories_.push_back(data.categories.At(i));
    for (uint16_t i = 0; i < data.platforms.size(); ++i) platforms_.push_back(data.platforms.At(i));
    std::set<int32_t> regions;
    for (const Present& present : data.presents) {
      prices_.push_back(present.price);
      if (present.geo_id != kNoGeo) regions.insert(present.geo_id);
    }
    regions_.assign(regions.begin(), regions.end());
    for (const User& user : data.users) {
      if (user.geo_id != kNoGeo) user_regions_.push_back(user.geo_id);
    }
    for (Index u = 0; u < data.users.size(); ++u) {
      size_t count = truth.InteractionCount(u);
      (count == 0 ? new_users_ : count <= 2 ? light_users_ : heavy_users_).push_back(u);
    }
  }

  // Users by interaction count, to make sure the property test met each kind.
  bool HasUsersOfEveryKind() const {
    return !new_users_.empty() && !light_users_.empty() && !heavy_users_.empty();
  }

  RequestSpec Popular() {
    RequestSpec spec;
    if (Chance(0.7)) spec.gender = Pick<std::string>({"f", "m", "any", "F", "M", "Any", "ANY"});
    if (Chance(0.35)) {
      spec.age_label = Pick<std::string>({"0-17", "18-24", "25-34", "35-44", "45-54", "55+"});
    } else if (Chance(0.5)) {
      spec.age_years = Uniform(0, 120);
    }
    if (Chance(0.5)) {
      std::string category = Chance(0.85) ? Pick(categories_) : "no-such-category";
      int where = Uniform(0, 2);  // user_params, filters, or both (the same value)
      if (where != 1) spec.segment_category = category;
      if (where != 0) spec.filter_category = category;
    }
    if (Chance(0.6)) spec.geo_id = Region();
    AddFilters(spec, /*category=*/false);
    return spec;
  }

  RequestSpec Personalized() {
    RequestSpec spec;
    const double kind = Uniform(0.0, 1.0);
    Index user = kNoIndex;
    if (kind < 0.2 && !new_users_.empty()) {
      user = Pick(new_users_);
    } else if (kind < 0.45 && !light_users_.empty()) {
      user = Pick(light_users_);
    } else if (kind < 0.85 && !heavy_users_.empty()) {
      user = Pick(heavy_users_);
    }
    if (user == kNoIndex) {
      spec.user_id = boost::json::value(int64_t{900'000'000} + Uniform(0, 1'000'000));
    } else {
      spec.user_id = truth_.UserIdJson(user);
    }
    // Integer user ids may also come as strings of digits.
    if (spec.user_id->is_int64() && Chance(0.2)) {
      spec.user_id = boost::json::value(std::to_string(spec.user_id->get_int64()));
    }
    if (Chance(0.3)) spec.geo_id = Region();
    AddFilters(spec, /*category=*/true);
    return spec;
  }

 private:
  void AddFilters(RequestSpec& spec, bool category) {
    if (Chance(0.35)) spec.price_from = Pick(prices_);
    if (Chance(0.35)) spec.price_to = Pick(prices_);
    if (spec.price_from && spec.price_to && *spec.price_from > *spec.price_to) {
      std::swap(*spec.price_from, *spec.price_to);
    }
    if (category && Chance(0.4)) {
      spec.filter_category = Chance(0.85) ? Pick(categories_) : "unknown-category";
    }
    if (Chance(0.2)) spec.platform = Chance(0.85) ? Pick(platforms_) : "unknown-shop";
    if (Chance(0.3)) {
      int count = Uniform(1, 40);
      for (int i = 0; i < count; ++i) {
        Index present = static_cast<Index>(Uniform(0, static_cast<int>(prices_.size()) - 1));
        spec.exclude_ids.push_back(truth_.PresentIdJson(present));
      }
      if (truth_.data().present_ids.kind() == IdKind::kInteger) {
        spec.exclude_ids.push_back(int64_t{987'654'321});  // unknown ids are ignored
      }
    }
    spec.limit = Chance(0.1) ? Uniform(1, 4) : Uniform(5, kMaxPageSize);
  }

  int32_t Region() {
    if (Chance(0.6) && !regions_.empty()) return Pick(regions_);  // has regional presents
    if (Chance(0.5) && !user_regions_.empty()) return Pick(user_regions_);
    return Uniform(1, 100000);
  }

  bool Chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  int Uniform(int low, int high) { return std::uniform_int_distribution<int>(low, high)(rng_); }
  double Uniform(double low, double high) {
    return std::uniform_real_distribution<double>(low, high)(rng_);
  }
  template <typename T>
  T Pick(const std::vector<T>& values) {
    return values[std::uniform_int_distribution<size_t>(0, values.size() - 1)(rng_)];
  }

  const GroundTruth& truth_;
  std::mt19937 rng_;
  std::vector<std::string> categories_;
  std::vector<std::string> platforms_;
  std::vector<double> prices_;
  std::vector<int32_t> regions_;
  std::vector<int32_t> user_regions_;
  std::vector<Index> new_users_;
  std::vector<Index> light_users_;
  std::vector<Index> heavy_users_;
};

// What the cases covered, printed so that a reader sees the checks bite.
struct CaseSummary {
  int cases = 0;
  int empty = 0;
  int capped = 0;  // lists of MAX_RESULTS
  int exact_sets = 0;
  int64_t pages = 0;

  void Add(const WalkedList& list) {
    ++cases;
    if (list.total_count == 0) ++empty;
    if (list.total_count == kMaxResults) ++capped;
    pages += static_cast<int64_t>(list.items.size());
  }
  void Print(const std::string& endpoint) const {
    std::printf("%s: %d cases, %d empty lists, %d lists of MAX_RESULTS, %d compared as exact sets, "
                "%lld ids checked\n",
                endpoint.c_str(), cases, empty, capped, exact_sets, static_cast<long long>(pages));
  }
};

std::string Describe(const GroundTruth& truth, Index p) {
  const Present& present = truth.data().presents[p];
  return "present " + boost::json::serialize(truth.PresentIdJson(p)) +
         " {active " + std::to_string(present.is_active) + ", price " +
         std::to_string(present.price) + ", category " +
         truth.data().categories.At(present.category) + ", platform " +
         truth.data().platforms.At(present.platform) + ", gender " +
         std::string(GenderName(present.gender)) + ", age " + AgeRangeLabel(present.age) +
         ", geo " + (present.geo_id == kNoGeo ? "null" : std::to_string(present.geo_id)) + "}";
}

// Rules 1-4 for every id of `list`; the ids' presents in `out`.
std::vector<Index> CheckEveryId(const GroundTruth& truth, const RequestSpec& spec,
                                const WalkedList& list, bool popular) {
  std::vector<Index> presents;
  const IdKind kind = truth.data().present_ids.kind();
  for (const boost::json::value& id : list.items) {
    EXPECT_TRUE(kind == IdKind::kInteger ? id.is_int64() : id.is_string())
        << "id of the main database's JSON type: " << id;
    std::optional<Index> present = truth.PresentOf(id);
    EXPECT_TRUE(present.has_value()) << "no such present: " << id;
    if (!present) continue;
    EXPECT_TRUE(truth.Eligible(*present, spec, popular))
        << "not eligible: " << Describe(truth, *present);
    presents.push_back(*present);
  }
  return presents;
}

TEST_P(RecommendationRulesTest, PopularAnswersKeepEveryRule) {
  GroundTruth truth(service().truth());
  RequestGenerator generator(truth, 20261224);
  HttpClient client = Client();
  CaseSummary summary;
  int regional_answered = 0;        // regional presents answered to their region
  int forty_five_plus_answered = 0;  // "45+" presents answered to a request with an age
  for (int i = 0; i < kCasesPerEndpoint; ++i) {
    RequestSpec spec = generator.Popular();
    boost::json::object body = PopularBody(spec);
    SCOPED_TRACE("case " + std::to_string(i) + ": POST /popular " +
                 boost::json::serialize(body) + " limit " + std::to_string(spec.limit));
    WalkedList list = WalkList(client, "/popular", body, spec.limit);
    if (!list.ok) continue;
    EXPECT_EQ(list.algorithm, "popular");
    EXPECT_LE(list.total_count, kMaxResults);
    std::vector<Index> presents = CheckEveryId(truth, spec, list, /*popular=*/true);
    for (Index p : presents) {
      const Present& present = truth.data().presents[p];
      if (present.geo_id != kNoGeo) ++regional_answered;
      if (AgeRangeLabel(present.age) == "45+" && (spec.age_label || spec.age_years)) {
        ++forty_five_plus_answered;
      }
    }

    // Rule 6: exactly the eligible presents anyone interacted with (most popular first).
    std::set<Index> expected;
    for (Index p : truth.EligiblePresents(spec, /*popular=*/true)) {
      if (truth.AnyoneInteracted(p)) expected.insert(p);
    }
    for (Index p : presents) {
      EXPECT_TRUE(truth.AnyoneInteracted(p)) << "nobody interacted with " << Describe(truth, p);
    }
    summary.Add(list);
    if (expected.size() <= static_cast<size_t>(kMaxResults)) {
      ++summary.exact_sets;
      std::set<Index> got(presents.begin(), presents.end());
      EXPECT_EQ(got.size(), expected.size());
      for (Index p : expected) {
        EXPECT_TRUE(got.contains(p)) << "eligible and interacted, missing: " << Describe(truth, p);
      }
    } else {
      EXPECT_EQ(list.total_count, kMaxResults) << expected.size() << " eligible";
    }

    // Determinism: the same request again gives the same page 1.
    HttpResponse again = client.Post("/popular", WithPage(body, 1, spec.limit));
    ASSERT_EQ(again.status, 200);
    const boost::json::value again_json = again.Json();
    const boost::json::array& items = again_json.at("items").as_array();
    std::vector<boost::json::value> first(list.items.begin(),
                                          list.items.begin() + static_cast<ptrdiff_t>(items.size()));
    EXPECT_EQ(std::vector<boost::json::value>(items.begin(), items.end()), first);
  }
  summary.Print("/popular");
  EXPECT_GT(regional_answered, 0) << "the cases met regional presents";
  EXPECT_GT(forty_five_plus_answered, 0) << "the cases met \"45+\" presents";
}

TEST_P(RecommendationRulesTest, PersonalizedAnswersKeepEveryRule) {
  GroundTruth truth(service().truth());
  RequestGenerator generator(truth, 20261225);
  ASSERT_TRUE(generator.HasUsersOfEveryKind()) << "the data lack users of 0, 1-2 or 3+ interactions";
  HttpClient client = Client();
  std::set<std::string> algorithms_seen;
  CaseSummary summary;
  for (int i = 0; i < kCasesPerEndpoint; ++i) {
    RequestSpec spec = generator.Personalized();
    boost::json::object body = PersonalizedBody(spec);
    SCOPED_TRACE("case " + std::to_string(i) + ": POST /personalized " +
                 boost::json::serialize(body) + " limit " + std::to_string(spec.limit));
    WalkedList list = WalkList(client, "/personalized", body, spec.limit);
    if (!list.ok) continue;
    EXPECT_LE(list.total_count, kMaxResults);
    CheckEveryId(truth, spec, list, /*popular=*/false);

    // The algorithm follows the user's interaction count (SPEC section 1).
    const size_t interactions = truth.InteractionCount(truth.UserOf(*spec.user_id));
    const std::string expected_algorithm = interactions == 0   ? "popular"
                                           : interactions <= 2 ? "content_based"
                                                               : "collaborative";
    EXPECT_EQ(list.algorithm, expected_algorithm) << interactions << " interactions";
    algorithms_seen.insert(list.algorithm);
    summary.Add(list);

    // Rule 6, backfill: pages do not run dry while eligible presents remain.
    const size_t eligible = truth.EligiblePresents(spec, /*popular=*/false).size();
    EXPECT_EQ(list.total_count,
              static_cast<int64_t>(std::min<size_t>(kMaxResults, eligible)))
        << eligible << " eligible presents";

    HttpResponse again = client.Post("/personalized", WithPage(body, 1, spec.limit));
    ASSERT_EQ(again.status, 200);
    const boost::json::value again_json = again.Json();
    const boost::json::array& items = again_json.at("items").as_array();
    std::vector<boost::json::value> first(list.items.begin(),
                                          list.items.begin() + static_cast<ptrdiff_t>(items.size()));
    EXPECT_EQ(std::vector<boost::json::value>(items.begin(), items.end()), first);
  }
  EXPECT_EQ(algorithms_seen.size(), 3u) << "the cases met every algorithm";
  summary.Print("/personalized");
}

E2E_INSTANTIATE(RecommendationRulesTest);

}  // namespace
}  // namespace mysanta::e2e
