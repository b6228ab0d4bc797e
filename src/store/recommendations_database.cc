#include "store/recommendations_database.h"

#include "store/postgres_recommendations_database.h"
#include "store/sqlite_recommendations_database.h"

namespace mysanta {

std::unique_ptr<RecommendationsDatabase> RecommendationsDatabase::Open(const DatabaseUrl& url) {
  if (url.is_postgres()) return std::make_unique<PostgresRecommendationsDatabase>(url);
  return std::make_unique<SqliteRecommendationsDatabase>(url);
}

}  // namespace mysanta
