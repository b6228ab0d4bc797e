// Known right answers for each algorithm on small hand-made data.
#include "recommend/snapshot.h"

#include <cmath>

#include <gtest/gtest.h>

#include "test_data.h"

namespace mysanta {
namespace {

using testing::PresentId;
using testing::TestData;
using testing::UserId;

TEST(SnapshotPopularTest, SegmentFavouritesComeFirst) {
  TestData t;
  const Index lipstick = t.AddPresent("beauty", 900, "ozon", Gender::kFemale);
  const Index drill = t.AddPresent("tools", 3000, "ozon", Gender::kMale);
  const Index book = t.AddPresent("books", 500);
  const Index teen = t.AddPresent("games", 500, "ozon", Gender::kAny, AgeGroupRange(0));
  for (int k = 0; k < 5; ++k) t.Like(t.AddUser(Gender::kFemale, 30), lipstick);
  for (int k = 0; k < 10; ++k) t.Like(t.AddUser(Gender::kMale, 40), drill);
  for (int k = 0; k < 3; ++k) t.Like(t.AddUser(Gender::kFemale, 60), book);
  t.Click(t.AddUser(Gender::kMale, 15), teen);
  const auto snapshot = t.Build();

  EXPECT_EQ(snapshot->Popular({}, 10).presents, (std::vector<Index>{drill, lipstick, book, teen}));
  PopularQuery women;
  women.segment.gender = Gender::kFemale;
  women.segment.age = AgeGroupRange(AgeGroupOfLabel("25-34"));
  EXPECT_EQ(snapshot->Popular(women, 10).presents, (std::vector<Index>{lipstick, book}));
  PopularQuery men;
  men.segment.gender = Gender::kMale;
  EXPECT_EQ(snapshot->Popular(men, 10).presents, (std::vector<Index>{drill, book, teen}));
  // A segment nobody in the data belongs to still gets the presents that suit it.
  PopularQuery older_men;
  older_men.segment.gender = Gender::kMale;
  older_men.segment.age = AgeRange{70, 70};
  EXPECT_EQ(snapshot->Popular(older_men, 10).presents, (std::vector<Index>{drill, book}));
  // "45+" spans two groups: the women of 60 make the book their favourite.
  PopularQuery over_45;
  over_45.segment.age = *ParseAgeRange("45+");
  EXPECT_EQ(snapshot->Popular(over_45, 10).presents.front(), book);
  PopularQuery books;
  books.segment.category = "books";
  EXPECT_EQ(snapshot->Popular(books, 10).presents, std::vector<Index>{book});
  books.filters.exclude_ids = {PresentId(book)};
  EXPECT_TRUE(snapshot->Popular(books, 10).presents.empty());
}

// Two taste clusters: eight readers who like books 0-4, and a bigger crowd who like toys 5-9.
class TasteClusterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (int k = 0; k < 5; ++k) books_.push_back(t_.AddPresent("books", 1000));
    for (int k = 0; k < 5; ++k) toys_.push_back(t_.AddPresent("toys", 1000));
    for (int k = 0; k < 10; ++k) t_.AddPresent("misc", 1000);
    for (int u = 0; u < 8; ++u) {
      const Index reader = t_.AddUser(Gender::kFemale, 30);
      for (int k = 0; k < 5; ++k) {
        if (u == 0 && k == 4) continue;  // the reader under test has not seen book 4
        if (u == 1 && k >= 2) continue;  // a reader with two likes
        t_.Like(reader, books_[k]);
      }
    }
    for (int u = 0; u < 20; ++u) {
      const Index player = t_.AddUser(Gender::kFemale, 30);
      for (Index toy : toys_) t_.Like(player, toy);
    }
    snapshot_ = t_.Build();
  }

  TestData t_;
  std::vector<Index> books_;
  std::vector<Index> toys_;
  std::shared_ptr<const Snapshot> snapshot_;
};

constexpr CollaborativeMethod kEveryMethod[] = {
    CollaborativeMethod::kUserKnn, CollaborativeMethod::kItemKnn, CollaborativeMethod::kBlend,
    CollaborativeMethod::kEase};

TEST_F(TasteClusterTest, MemberGetsTheClustersUnseenPresentFirst) {
  const PersonalizedQuery query{UserId(0), std::nullopt, {}};
  const RankedList list = snapshot_->Personalized(query, nullptr, 10);
  EXPECT_EQ(list.algorithm, Algorithm::kCollaborative);
  ASSERT_FALSE(list.presents.empty());
  EXPECT_EQ(list.presents[0], books_[4]);
  for (CollaborativeMethod method : kEveryMethod) {
    SnapshotOptions options;
    options.collaborative.method = method;
    const RankedList other = t_.Build(options)->Personalized(query, nullptr, 10);
    ASSERT_FALSE(other.presents.empty());
    EXPECT_EQ(other.presents[0], books_[4]) << static_cast<int>(method);
    EXPECT_EQ(other.algorithm, Algorithm::kCollaborative);
  }
  for (int k = 0; k < 4; ++k) {
    EXPECT_EQ(std::count(list.presents.begin(), list.presents.end(), books_[k]), 0);
  }
  // Every active present not liked, once, though only one came from collaborative filtering.
  EXPECT_EQ(snapshot_->Personalized(query, nullptr, 100).presents.size(), 20u - 4u);
}

TEST_F(TasteClusterTest, ThirdInteractionAtRequestTimeSwitchesToCollaborativeOnTheFly) {
  const PersonalizedQuery query{UserId(1), std::nullopt, {}};
  EXPECT_EQ(snapshot_->Personalized(query, nullptr, 10).algorithm, Algorithm::kContentBased);
  UserActivity activity;
  activity.liked = {PresentId(books_[0]), PresentId(books_[1]), PresentId(books_[2])};
  for (CollaborativeMethod method : kEveryMethod) {
    SnapshotOptions options;
    options.collaborative.method = method;
    const RankedList list = t_.Build(options)->Personalized(query, &activity, 10);
    EXPECT_EQ(list.algorithm, Algorithm::kCollaborative);
    ASSERT_GE(list.presents.size(), 2u);
    EXPECT_EQ(std::set<Index>(list.presents.begin(), list.presents.begin() + 2),
              (std::set<Index>{books_[3], books_[4]}))
        << static_cast<int>(method);
    EXPECT_EQ(std::count(list.presents.begin(), list.presents.end(), books_[2]), 0);
  }
  const auto profile = snapshot_->Profile(UserId(1), &activity);
  ASSERT_TRUE(profile.has_value());
  EXPECT_EQ(profile->interaction_count, 3);
  EXPECT_EQ(profile->algorithm, Algorithm::kCollaborative);
  EXPECT_GT(profile->similar_users, 0);
}

TEST_F(TasteClusterTest, ProfileViewAndUnknownUsers) {
  const auto reader = snapshot_->Profile(UserId(0), nullptr);
  ASSERT_TRUE(reader.has_value());
  EXPECT_EQ(reader->interaction_count, 4);
  EXPECT_EQ(reader->algorithm, Algorithm::kCollaborative);
  ASSERT_EQ(reader->preferred_categories.size(), 1u);
  EXPECT_EQ(reader->preferred_categories[0].first, "books");
  EXPECT_DOUBLE_EQ(reader->preferred_categories[0].second, 1.0);
  EXPECT_NEAR(reader->avg_price, 1000, 1e-6);
  EXPECT_GT(reader->similar_users, 0);
  EXPECT_LE(reader->similar_users, snapshot_->options().max_similar_users);

  EXPECT_FALSE(snapshot_->Profile(ExternalId{int64_t{424242}}, nullptr).has_value());
  const PersonalizedQuery stranger{ExternalId{int64_t{424242}}, std::nullopt, {}};
  const RankedList list = snapshot_->Personalized(stranger, nullptr, 3);
  EXPECT_EQ(list.algorithm, Algorithm::kPopular);
  EXPECT_EQ(list.presents, snapshot_->Popular({}, 3).presents);
}

TEST(SnapshotContentBasedTest, BooksLoverGetsBooksNearTheirPrice) {
  TestData t;
  std::vector<Index> books;
  for (int k = 0; k < 30; ++k) {
    books.push_back(t.AddPresent("books", std::round(100 * std::pow(100.0, k / 29.0)), "litres"));
  }
  std::vector<Index> gadgets;
  for (int k = 0; k < 30; ++k) gadgets.push_back(t.AddPresent("electronics", 1000, "ozon"));
  // Others make gadgets far more popular than books; every book has a little interest.
  for (int u = 0; u < 20; ++u) {
    const Index fan = t.AddUser();
    for (Index gadget : gadgets) t.Like(fan, gadget);
  }
  const Index browser = t.AddUser();
  for (Index book : books) t.Click(browser, book);
  const Index lover = t.AddUser();
  const Index near_1000 = books[14];  // ~ 1,000
  t.Like(lover, near_1000);
  t.Like(lover, books[15]);
  const auto snapshot = t.Build();

  const RankedList list = snapshot->Personalized({UserId(lover), std::nullopt, {}}, nullptr, 10);
  EXPECT_EQ(list.algorithm, Algorithm::kContentBased);
  ASSERT_EQ(list.presents.size(), 10u);
  const MainData& data = snapshot->data();
  int book_count = 0;
  for (Index p : list.presents) book_count += data.categories.At(data.presents[p].category) == "books";
  EXPECT_GE(book_count, 8);
  for (int rank = 0; rank < 3; ++rank) {
    const Present& top = data.presents[list.presents[rank]];
    EXPECT_EQ(data.categories.At(top.category), "books");
    EXPECT_GT(top.price, 500);
    EXPECT_LT(top.price, 2500);
  }
}

TEST(SnapshotRegionTest, RegionalPresentsOnlyForTheirRegion) {
  TestData t;
  const Index moscow = t.AddPresent("books", 100, "ozon", Gender::kAny, {}, 213);
  const Index everywhere = t.AddPresent("books", 100);
  const Index inactive = t.AddPresent("books", 100, "ozon", Gender::kAny, {}, kNoGeo, false);
  const Index muscovite = t.AddUser(Gender::kFemale, 30, 213);
  const Index other = t.AddUser(Gender::kFemale, 30, 2);
  for (Index p : {moscow, everywhere, inactive}) t.Click(other, p);
  const auto snapshot = t.Build();

  EXPECT_EQ(snapshot->Popular({}, 10).presents, std::vector<Index>{everywhere});
  PopularQuery in_moscow;
  in_moscow.segment.geo_id = 213;
  EXPECT_EQ(snapshot->Popular(in_moscow, 10).presents.size(), 2u);
  // Personalized: the user's own region by default, the request's when given.
  EXPECT_EQ(snapshot->Personalized({UserId(muscovite), std::nullopt, {}}, nullptr, 10).presents.size(), 2u);
  EXPECT_EQ(snapshot->Personalized({UserId(muscovite), 2, {}}, nullptr, 10).presents,
            std::vector<Index>{everywhere});
  EXPECT_EQ(snapshot->Personalized({UserId(other), std::nullopt, {}}, nullptr, 10).presents,
            std::vector<Index>{everywhere});
}

}  // namespace
}  // namespace mysanta

namespace mysanta {
namespace {

TEST(SnapshotEdgeTest, EmptyDataAnswersEmptyLists) {
  SnapshotInputs inputs;
  inputs.data = std::make_shared<const MainData>();
  inputs.options.now = testing::kNow;
  const auto snapshot = Snapshot::Build(std::move(inputs));
  EXPECT_TRUE(snapshot->Popular({}, 10).presents.empty());
  const RankedList list = snapshot->Personalized({ExternalId{int64_t{1}}, std::nullopt, {}}, nullptr, 10);
  EXPECT_TRUE(list.presents.empty());
  EXPECT_EQ(list.algorithm, Algorithm::kPopular);
  EXPECT_FALSE(snapshot->Profile(ExternalId{int64_t{1}}, nullptr).has_value());
}

TEST(SnapshotEdgeTest, StaleOrForeignRowsAreHarmless) {
  testing::TestData t;
  const Index old_hit = t.AddPresent("books", 100);
  const Index new_hit = t.AddPresent("books", 100);
  const Index u = t.AddUser();
  t.Like(u, old_hit);
  SnapshotInputs inputs;
  inputs.data = std::make_shared<const MainData>(t.data());
  inputs.options.now = testing::kNow;
  // Rows computed before `new_hit` was liked, plus rows naming indices the data does not have.
  PopularityRow row;
  row.item = old_hit;
  row.score = 3;
  inputs.popularity = {row};
  row.item = 77;
  inputs.popularity.push_back(row);
  inputs.similarities = {{u, 99, 0.5}, {99, u, 0.5}};
  ProfileRow profile;
  profile.user = 1234;
  inputs.profiles = {profile};
  t.Like(t.AddUser(), new_hit);
  inputs.data = std::make_shared<const MainData>(t.data());
  const auto snapshot = Snapshot::Build(std::move(inputs));
  // Presents the rows do not know yet still appear, after the scored ones.
  EXPECT_EQ(snapshot->Popular({}, 10).presents, (std::vector<Index>{old_hit, new_hit}));
  EXPECT_EQ(snapshot->Personalized({testing::UserId(u), std::nullopt, {}}, nullptr, 10).presents,
            std::vector<Index>{new_hit});
}

}  // namespace
}  // namespace mysanta
