// The offline evaluation's baselines (SPEC section 9), computed on the same training data as the
// service's own algorithms, each as the literature states it, on binary data (a user interacted
// with a present or not):
//   most_popular: presents by number of users;
//   item_knn:     cosine item-item similarity, each present's `neighbours` most similar kept,
//                 score(u, j) = sum of sim(i, j) over the user's presents i;
//   user_knn:     cosine user-user similarity, the `neighbours` most similar users,
//                 score(u, j) = sum of sim(u, v) over neighbours v who have j;
//   ease:         EASE (ease.h) over every present with a user, up to a cap, lambda given.
// A user's own training presents are never recommended. Built once, then Recommend is
// thread-safe (const, no shared scratch).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/ids.h"
#include "recommend/interaction_matrix.h"

namespace mysanta {

class Baseline {
 public:
  virtual ~Baseline() = default;
  // The best `k` presents for a training user (index into the matrix), best first.
  virtual std::vector<Index> Recommend(Index user, int k) const = 0;
};

std::unique_ptr<Baseline> MakeMostPopular(const InteractionMatrix& matrix);
std::unique_ptr<Baseline> MakeItemKnn(const InteractionMatrix& matrix, int neighbours,
                                      int threads);
std::unique_ptr<Baseline> MakeUserKnn(const InteractionMatrix& matrix, int neighbours);
std::unique_ptr<Baseline> MakeEase(const InteractionMatrix& matrix, double lambda, int max_items);

}  // namespace mysanta
