// End-to-end tests of a server over text (UUID) ids, started without ADMIN_TOKEN: ids come back as
// JSON strings and user ids are taken as strings (SPEC section 3); admin endpoints answer a
// loopback client without a token (section 5).
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "ground_truth.h"
#include "list_walk.h"
#include "running_service.h"

namespace mysanta::e2e {
namespace {

class TextIdsWithoutTokenTest : public ServiceSuite<TextIdsWithoutTokenTest> {
 public:
  static std::vector<std::string> Data() {
    return {"--scale", "tiny", "--seed", "11", "--id-type", "text"};
  }
  static Environment Settings() { return {{"MAX_RESULTS", "300"}}; }
};

TEST_P(TextIdsWithoutTokenTest, IdsAreJsonStrings) {
  GroundTruth truth(service().truth());
  ASSERT_EQ(truth.data().present_ids.kind(), IdKind::kText);
  ASSERT_EQ(truth.data().user_ids.kind(), IdKind::kText);
  HttpClient client = Client();

  RequestSpec popular;
  WalkedList list = WalkList(client, "/popular", PopularBody(popular), 100);
  ASSERT_TRUE(list.ok);
  ASSERT_GT(list.total_count, 0);
  for (const boost::json::value& id : list.items) {
    ASSERT_TRUE(id.is_string()) << id;
    std::optional<Index> present = truth.PresentOf(id);
    ASSERT_TRUE(present.has_value()) << id;
    EXPECT_TRUE(truth.Eligible(*present, popular, /*popular=*/true)) << id;
  }

  // A user with 3+ interactions, by their text id; exclude_ids as strings are honoured.
  Index heavy = 0;
  while (truth.InteractionCount(heavy) < 3) ++heavy;
  RequestSpec personalized;
  personalized.user_id = truth.UserIdJson(heavy);
  personalized.exclude_ids = {list.items[0], list.items[1]};
  WalkedList mine = WalkList(client, "/personalized", PersonalizedBody(personalized), 100);
  ASSERT_TRUE(mine.ok);
  EXPECT_EQ(mine.algorithm, "collaborative");
  EXPECT_EQ(mine.total_count,
            static_cast<int64_t>(std::min<size_t>(
                300, truth.EligiblePresents(personalized, /*popular=*/false).size())));
  for (const boost::json::value& id : mine.items) {
    ASSERT_TRUE(id.is_string()) << id;
    std::optional<Index> present = truth.PresentOf(id);
    ASSERT_TRUE(present.has_value()) << id;
    EXPECT_TRUE(truth.Eligible(*present, personalized, /*popular=*/false)) << id;
  }

  HttpResponse profile =
      client.Get("/user-profile/" + std::string(truth.UserIdJson(heavy).as_string()));
  ASSERT_EQ(profile.status, 200) << profile.body;
  EXPECT_EQ(profile.Json().at("user_id"), truth.UserIdJson(heavy));
  EXPECT_EQ(profile.Json().at("interaction_count").as_int64(),
            static_cast<int64_t>(truth.InteractionCount(heavy)));
}

TEST_P(TextIdsWithoutTokenTest, UserIdsAreStringsOfAtMost64Characters) {
  HttpClient client = Client();
  const std::string longest(64, 'u');
  HttpResponse unknown = client.Post("/personalized", "{\"user_id\": \"" + longest + "\"}");
  ASSERT_EQ(unknown.status, 200) << "an unknown user is a new user: " << unknown.body;
  EXPECT_EQ(unknown.Json().at("algorithm_used"), "popular");
  for (const std::string& body :
       {"{\"user_id\": \"" + longest + "u\"}", std::string("{\"user_id\": \"\"}"),
        std::string("{\"user_id\": 5}"), std::string("{}")}) {
    SCOPED_TRACE(body);
    HttpResponse refused = client.Post("/personalized", body);
    EXPECT_EQ(refused.status, 422) << refused.body;
    EXPECT_EQ(refused.Json().at("error"), "validation_error");
    EXPECT_EQ(refused.Json().at("details").at(0).at("field"), "user_id") << refused.body;
  }
  // A non-ASCII id counts characters, not bytes: 64 two-byte characters are allowed.
  std::string cyrillic;
  for (int i = 0; i < 64; ++i) cyrillic += "\xd0\xb6";
  EXPECT_EQ(client.Post("/personalized", "{\"user_id\": \"" + cyrillic + "\"}").status, 200);
}

TEST_P(TextIdsWithoutTokenTest, AdminAnswersLoopbackWithoutToken) {
  HttpClient client = Client();
  HttpResponse cleanup = client.Post("/admin/cleanup-cache", "");
  ASSERT_EQ(cleanup.status, 200) << cleanup.body;
  EXPECT_EQ(cleanup.Json().at("job"), "cache_cleanup");
  EXPECT_EQ(cleanup.Json().at("status"), "completed");
  HttpResponse refresh = client.Post("/admin/refresh-popular-items", "");
  ASSERT_EQ(refresh.status, 200) << refresh.body;
  EXPECT_EQ(refresh.Json().at("status"), "completed") << refresh.body;
  EXPECT_GT(refresh.Json().at("rows").as_int64(), 0);
}

E2E_INSTANTIATE(TextIdsWithoutTokenTest);

}  // namespace
}  // namespace mysanta::e2e
