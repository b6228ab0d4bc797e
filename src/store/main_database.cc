#include "store/main_database.h"

#include "store/postgres_main_database.h"
#include "store/sqlite_main_database.h"

namespace mysanta {

std::unique_ptr<MainDatabase> MainDatabase::Open(const DatabaseUrl& url) {
  if (url.is_postgres()) return std::make_unique<PostgresMainDatabase>(url);
  return std::make_unique<SqliteMainDatabase>(url);
}

}  // namespace mysanta
