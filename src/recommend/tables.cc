#include "recommend/tables.h"

namespace mysanta {
namespace {

InteractionMatrix MatrixFor(const MainData& data, const SnapshotOptions& options) {
  InteractionOptions interaction_options = options.interactions;
  interaction_options.now = options.now;
  return InteractionMatrix::Build(data, interaction_options);
}

std::vector<ProfileRow> ProfileRows(const MainData& data, const InteractionMatrix& matrix) {
  return ProfilesToRows(ComputeUserProfiles(data, matrix), data);
}

std::vector<SimilarityRow> SimilarityRows(const InteractionMatrix& matrix,
                                          const SnapshotOptions& options) {
  SimilarityOptions similarity_options = options.similarity;
  similarity_options.max_similar_users = options.max_similar_users;
  similarity_options.threads = options.threads;
  return ComputeUserSimilarities(matrix, similarity_options);
}

}  // namespace

std::vector<PopularityRow> ComputePopularityRows(const MainData& data,
                                                 const SnapshotOptions& options) {
  PopularityOptions popularity_options = options.popularity;
  popularity_options.now = options.now;
  return PopularityToRows(ComputePopularity(data, popularity_options));
}

std::vector<ProfileRow> ComputeProfileRows(const MainData& data,
                                               const SnapshotOptions& options) {
  return ProfileRows(data, MatrixFor(data, options));
}

std::vector<SimilarityRow> ComputeSimilarityRows(const MainData& data,
                                                 const SnapshotOptions& options) {
  return SimilarityRows(MatrixFor(data, options), options);
}

SnapshotInputs ComputeSnapshotInputs(std::shared_ptr<const MainData> data,
                                     const SnapshotOptions& options) {
  SnapshotInputs inputs;
  const InteractionMatrix matrix = MatrixFor(*data, options);
  inputs.popularity = ComputePopularityRows(*data, options);
  inputs.profiles = ProfileRows(*data, matrix);
  inputs.similarities = SimilarityRows(matrix, options);
  inputs.data = std::move(data);
  inputs.options = options;
  return inputs;
}

}  // namespace mysanta
