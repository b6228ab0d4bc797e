// End-to-end tests of the cache and of freshness: cache_hit tells the truth (SPEC rule 7) and
// /stats counts it; a refresh is never hidden by the cache (section 6); a like made a moment ago
// already counts for /personalized, cached list or not (rule 4), and a cached list never hides the
// user's new tier (section 6).
#include <atomic>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "ground_truth.h"
#include "list_walk.h"
#include "running_service.h"

namespace mysanta::e2e {
namespace {

constexpr char kToken[] = "e2e-admin-token";

class CacheAndFreshnessTest : public ServiceSuite<CacheAndFreshnessTest> {
 public:
  static std::vector<std::string> Data() { return kTinyData; }
  static Environment Settings() {
    return {{"MAX_RESULTS", "200"}, {"MAX_PAGE_SIZE", "50"}, {"ADMIN_TOKEN", kToken}};
  }

 protected:
  // A /popular body no earlier request of this process used (its price bound is new).
  static boost::json::object FreshPopularBody() {
    static std::atomic<int> counter{0};
    return {{"user_params", {{"gender", "f"}}},
            {"filters", {{"price_from", 0.001 * ++counter}}}};
  }

  // A user with 3+ interactions (collaborative), as the JSON id the API takes.
  boost::json::value HeavyUser(int skip = 0) {
    GroundTruth truth(service().truth());
    for (Index u = 0; u < truth.data().users.size(); ++u) {
      if (truth.InteractionCount(u) >= 3 && skip-- == 0) return truth.UserIdJson(u);
    }
    ADD_FAILURE() << "no user with 3+ interactions";
    return nullptr;
  }
};

struct CacheCounters {
  int64_t hits = 0;
  int64_t misses = 0;
};

CacheCounters ReadCacheCounters(HttpClient& client) {
  HttpResponse stats = client.Get("/stats");
  EXPECT_EQ(stats.status, 200);
  boost::json::value body = stats.Json();
  const boost::json::object& cache = body.at("cache").as_object();
  return {cache.at("hits").to_number<int64_t>(), cache.at("misses").to_number<int64_t>()};
}

int64_t DataVersion(HttpClient& client) {
  HttpResponse health = client.Get("/health");
  EXPECT_EQ(health.status, 200) << health.body;
  return health.Json().at("data_version").as_int64();
}

struct Page {
  int status = 0;
  bool cache_hit = false;
  std::string algorithm;
  std::vector<boost::json::value> items;
  int64_t total_count = 0;
};

Page Fetch(HttpClient& client, const std::string& endpoint, const boost::json::object& body,
           int page, int limit) {
  HttpResponse response = client.Post(endpoint, WithPage(body, page, limit));
  Page out;
  out.status = response.status;
  if (response.status != 200) {
    ADD_FAILURE() << endpoint << " answered " << response.status << ": " << response.body;
    return out;
  }
  boost::json::value answer = response.Json();
  out.cache_hit = answer.at("cache_hit").as_bool();
  out.algorithm = answer.at("algorithm_used").as_string();
  const boost::json::array& items = answer.at("items").as_array();
  out.items.assign(items.begin(), items.end());
  out.total_count = answer.at("pagination").at("total_count").as_int64();
  return out;
}

TEST_P(CacheAndFreshnessTest, CacheHitTellsTheTruthAndStatsCountIt) {
  HttpClient client = Client();
  const boost::json::object popular = FreshPopularBody();
  const boost::json::object personalized = {{"user_id", HeavyUser()},
                                            {"filters", {{"price_from", 0.5}}}};
  for (const auto& [endpoint, body] : {std::pair{"/popular", popular},
                                       std::pair{"/personalized", personalized}}) {
    SCOPED_TRACE(std::string(endpoint) + " " + boost::json::serialize(body));
    const CacheCounters before = ReadCacheCounters(client);

    Page first = Fetch(client, endpoint, body, 1, 5);
    EXPECT_FALSE(first.cache_hit) << "a list never computed before";
    ASSERT_GT(first.total_count, 10) << "the list should have several pages";
    CacheCounters after_miss = ReadCacheCounters(client);
    EXPECT_EQ(after_miss.misses, before.misses + 1);
    EXPECT_EQ(after_miss.hits, before.hits);

    Page again = Fetch(client, endpoint, body, 1, 5);
    EXPECT_TRUE(again.cache_hit) << "the same request again";
    EXPECT_EQ(again.items, first.items);
    Page second_page = Fetch(client, endpoint, body, 2, 5);
    EXPECT_TRUE(second_page.cache_hit) << "another page of the same list";
    Page other_limit = Fetch(client, endpoint, body, 1, 10);
    EXPECT_TRUE(other_limit.cache_hit) << "the cache holds lists, not pages";
    EXPECT_EQ(std::vector(other_limit.items.begin(), other_limit.items.begin() + 5), first.items);
    EXPECT_EQ(std::vector(other_limit.items.begin() + 5, other_limit.items.end()),
              second_page.items);

    CacheCounters after_hits = ReadCacheCounters(client);
    EXPECT_EQ(after_hits.hits, before.hits + 3);
    EXPECT_EQ(after_hits.misses, before.misses + 1);
  }
}

TEST_P(CacheAndFreshnessTest, RefreshIsNeverHiddenByTheCache) {
  HttpClient client = Client();
  const boost::json::object popular = FreshPopularBody();
  const boost::json::object personalized = {{"user_id", HeavyUser(1)},
                                            {"filters", {{"price_from", 0.25}}}};
  const Page popular_before = Fetch(client, "/popular", popular, 1, 50);
  EXPECT_TRUE(Fetch(client, "/popular", popular, 1, 50).cache_hit);
  const Page personalized_before = Fetch(client, "/personalized", personalized, 1, 50);
  EXPECT_TRUE(Fetch(client, "/personalized", personalized, 1, 50).cache_hit);
  const int64_t version_before = DataVersion(client);

  HttpResponse refresh = client.Post("/admin/refresh-popular-items", "",
                                     {{"Authorization", std::string("Bearer ") + kToken}});
  ASSERT_EQ(refresh.status, 200) << refresh.body;
  EXPECT_EQ(refresh.Json().at("job"), "popular_items");
  EXPECT_EQ(refresh.Json().at("status"), "completed") << refresh.body;
  EXPECT_GT(DataVersion(client), version_before) << "a completed refresh publishes new data";

  const Page popular_after = Fetch(client, "/popular", popular, 1, 50);
  EXPECT_FALSE(popular_after.cache_hit) << "the refresh must not be hidden by the cached list";
  EXPECT_EQ(popular_after.items, popular_before.items) << "same data, same request, same list";
  const Page personalized_after = Fetch(client, "/personalized", personalized, 1, 50);
  EXPECT_FALSE(personalized_after.cache_hit);
  EXPECT_EQ(personalized_after.items, personalized_before.items);
  EXPECT_TRUE(Fetch(client, "/popular", popular, 1, 50).cache_hit) << "cached again";
}

// Deletes the like a test inserted into the main database, also when the test fails.
class InsertedLike {
 public:
  InsertedLike(const Deployment& deployment, std::string user, std::string present)
      : deployment_(deployment), user_(std::move(user)), present_(std::move(present)) {
    deployment_.ExecuteOnMain(fmt::format(
        "INSERT INTO likes (user_id, present_id, created_at) VALUES ({}, {}, "
        "'2026-12-30 12:00:00')",
        user_, present_));
    inserted_ = true;
  }
  ~InsertedLike() { Remove(); }
  void Remove() {
    if (!inserted_) return;
    deployment_.ExecuteOnMain(fmt::format("DELETE FROM likes WHERE user_id = {} AND present_id = {}",
                                          user_, present_));
    inserted_ = false;
  }

 private:
  const Deployment& deployment_;
  std::string user_;
  std::string present_;
  bool inserted_ = false;
};

TEST_P(CacheAndFreshnessTest, LikeMadeJustNowIsNeverRecommended) {
  HttpClient client = Client();
  const boost::json::value user = HeavyUser(2);
  const boost::json::object body = {{"user_id", user}};
  WalkedList before = WalkList(client, "/personalized", body, 50);
  ASSERT_TRUE(before.ok);
  ASSERT_GT(before.total_count, 1);
  const boost::json::value liked = before.items[1];  // on the first page, not the first id

  InsertedLike like(service().deployment(), boost::json::serialize(user),
                    boost::json::serialize(liked));
  Page first_page = Fetch(client, "/personalized", body, 1, 50);
  EXPECT_TRUE(first_page.cache_hit) << "the list cached before the like";
  EXPECT_EQ(std::count(first_page.items.begin(), first_page.items.end(), liked), 0)
      << "present " << liked << " was liked a moment ago";
  WalkedList after = WalkList(client, "/personalized", body, 50);
  ASSERT_TRUE(after.ok);
  EXPECT_EQ(std::count(after.items.begin(), after.items.end(), liked), 0);
  EXPECT_EQ(after.total_count, before.total_count - 1);

  like.Remove();  // the like is withdrawn: the present may come back, from the same cached list
  Page restored = Fetch(client, "/personalized", body, 1, 50);
  EXPECT_TRUE(restored.cache_hit);
  EXPECT_EQ(restored.items,
            std::vector(before.items.begin(),
                        before.items.begin() + static_cast<ptrdiff_t>(restored.items.size())));
}

TEST_P(CacheAndFreshnessTest, CachedListNeverHidesTheUsersNewTier) {
  HttpClient client = Client();
  GroundTruth truth(service().truth());
  Index newcomer = kNoIndex;  // in the users table, no likes or clicks yet
  for (Index u = 0; u < truth.data().users.size() && newcomer == kNoIndex; ++u) {
    if (truth.data().users[u].in_users_table && truth.InteractionCount(u) == 0) newcomer = u;
  }
  ASSERT_NE(newcomer, kNoIndex) << "the tiny data set has no user without interactions";
  const boost::json::value user = truth.UserIdJson(newcomer);
  const boost::json::object body = {{"user_id", user}};
  Page computed = Fetch(client, "/personalized", body, 1, 20);
  Page cached = Fetch(client, "/personalized", body, 1, 20);
  EXPECT_EQ(cached.algorithm, "popular");
  EXPECT_TRUE(cached.cache_hit) << "the popular-tier list is cached";
  ASSERT_FALSE(computed.items.empty());

  // The first like: the user is content-based from now on, whatever the cache holds.
  InsertedLike like(service().deployment(), boost::json::serialize(user),
                    boost::json::serialize(computed.items.front()));
  Page after = Fetch(client, "/personalized", body, 1, 20);
  EXPECT_EQ(after.algorithm, "content_based");
  EXPECT_FALSE(after.cache_hit) << "the cached list was computed for the popular tier";
  EXPECT_EQ(std::count(after.items.begin(), after.items.end(), computed.items.front()), 0);
}

E2E_INSTANTIATE(CacheAndFreshnessTest);

}  // namespace
}  // namespace mysanta::e2e
