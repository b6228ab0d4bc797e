#include "recommend/query.h"

namespace mysanta {

std::string_view AlgorithmName(Algorithm algorithm) {
  switch (algorithm) {
    case Algorithm::kPopular: return "popular";
    case Algorithm::kContentBased: return "content_based";
    case Algorithm::kCollaborative: return "collaborative";
    case Algorithm::kSimilar: return "similar";
  }
  return "popular";
}

}  // namespace mysanta
