#include "recommend/popularity.h"

#include "recommend/interaction_matrix.h"

namespace mysanta {

int UserAgeGroup(const User& user, int64_t now) {
  if (user.birth_date == kUnknownDate) return kNoAgeGroup;
  const auto today = static_cast<int32_t>(now >= 0 ? now / 86400 : (now - 86399) / 86400);
  return AgeGroupOfAge(AgeInYears(user.birth_date, today));
}

PopularityModel ComputePopularity(const MainData& data, const PopularityOptions& options) {
  PopularityModel model(data.presents.size());
  // Per user: the segment slots they count toward, computed once.
  std::vector<int8_t> gender_slot(data.users.size());
  std::vector<int8_t> age_slot(data.users.size());
  for (size_t u = 0; u < data.users.size(); ++u) {
    gender_slot[u] = static_cast<int8_t>(PopularityModel::GenderSlot(data.users[u].gender));
    age_slot[u] = static_cast<int8_t>(PopularityModel::AgeSlot(UserAgeGroup(data.users[u], options.now)));
  }
  auto add = [&](const std::vector<Interaction>& rows, double weight) {
    for (const Interaction& row : rows) {
      if (row.present >= data.presents.size()) continue;
      const auto score = static_cast<float>(
          weight * DecayFactor(row.created_at, options.now, options.half_life_days));
      model.MutableScores(0, 0)[row.present] += score;
      if (row.user == kNoIndex || row.user >= data.users.size()) continue;
      const int g = gender_slot[row.user];
      const int a = age_slot[row.user];
      if (g != 0) model.MutableScores(g, 0)[row.present] += score;
      if (a != 0) model.MutableScores(0, a)[row.present] += score;
      if (g != 0 && a != 0) model.MutableScores(g, a)[row.present] += score;
    }
  };
  add(data.likes, options.like_weight);
  add(data.clicks, options.click_weight);
  return model;
}

std::vector<PopularityRow> PopularityToRows(const PopularityModel& model) {
  std::vector<PopularityRow> rows;
  for (int g = 0; g < PopularityModel::kGenderSlots; ++g) {
    for (int a = 0; a < PopularityModel::kAgeSlots; ++a) {
      const auto scores = model.Scores(g, a);
      for (Index item = 0; item < scores.size(); ++item) {
        if (scores[item] <= 0) continue;
        PopularityRow row;
        if (g != 0) row.gender = std::string(GenderName(static_cast<Gender>(g)));
        if (a != 0) row.age_group = std::string(kAgeGroupLabels[a - 1]);
        row.item = item;
        row.score = scores[item];
        rows.push_back(std::move(row));
      }
    }
  }
  return rows;
}

PopularityModel PopularityFromRows(std::span<const PopularityRow> rows, size_t item_count) {
  PopularityModel model(item_count);
  for (const PopularityRow& row : rows) {
    if (row.geo_id || row.category || row.item >= item_count) continue;
    int g = 0;
    if (row.gender) {
      const auto gender = ParseGender(*row.gender);
      if (!gender || *gender == Gender::kAny) continue;
      g = PopularityModel::GenderSlot(*gender);
    }
    int a = 0;
    if (row.age_group) {
      const int group = AgeGroupOfLabel(*row.age_group);
      if (group == kNoAgeGroup) continue;
      a = PopularityModel::AgeSlot(group);
    }
    model.MutableScores(g, a)[row.item] = static_cast<float>(row.score);
  }
  return model;
}

}  // namespace mysanta
