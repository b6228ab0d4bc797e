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
#include "request_generator.h"
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
  RequestGenerator generator(truth, 20261224, kMaxPageSize);
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
  RequestGenerator generator(truth, 20261225, kMaxPageSize);
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

// POST /similar: every id eligible (rules 1-4 with the user's likes left out), never the present
// itself, each liked or clicked by someone who liked or clicked the present; pages as rules 5-8;
// an unknown present is 404.
TEST_P(RecommendationRulesTest, SimilarAnswersKeepEveryRule) {
  GroundTruth truth(service().truth());
  const MainData& data = truth.data();
  std::vector<std::set<Index>> fans(data.presents.size());
  for (const auto* interactions : {&data.likes, &data.clicks}) {
    for (const Interaction& interaction : *interactions) {
      if (interaction.user != kNoIndex) fans[interaction.present].insert(interaction.user);
    }
  }
  RequestGenerator generator(truth, 20261226, kMaxPageSize);
  std::mt19937 random(20261226);
  HttpClient client = Client();
  CaseSummary summary;
  for (int i = 0; i < kCasesPerEndpoint / 3; ++i) {
    RequestSpec spec = generator.Personalized();
    Index given = random() % data.presents.size();
    boost::json::object body = PersonalizedBody(spec);
    body["present_id"] = truth.PresentIdJson(given);
    if (i % 3 == 0) body.erase("user_id");  // an anonymous visitor
    if (i % 3 == 0) spec.user_id.reset();
    SCOPED_TRACE("case " + std::to_string(i) + ": POST /similar " + boost::json::serialize(body));
    WalkedList list = WalkList(client, "/similar", body, spec.limit);
    if (!list.ok) continue;
    EXPECT_EQ(list.algorithm, "similar");
    EXPECT_LE(list.total_count, kMaxResults);
    for (Index p : CheckEveryId(truth, spec, list, /*popular=*/false)) {
      EXPECT_NE(p, given) << "the present itself";
      bool shared = std::any_of(fans[p].begin(), fans[p].end(),
                                [&](Index user) { return fans[given].contains(user); });
      EXPECT_TRUE(shared) << "no fan in common: " << Describe(truth, p);
    }
    summary.Add(list);
  }
  summary.Print("/similar");
  EXPECT_LT(summary.empty, summary.cases) << "some answers hold presents";
  HttpResponse unknown = client.Post("/similar", R"({"present_id": 987654321})");
  EXPECT_EQ(unknown.status, 404);
}

E2E_INSTANTIATE(RecommendationRulesTest);

}  // namespace
}  // namespace mysanta::e2e
