#include "store/main_database_writer.h"

#include "store/main_database_writer_backends.h"
#include "store/store_error.h"

namespace mysanta {

std::unique_ptr<MainDatabaseWriter> MainDatabaseWriter::Open(const DatabaseUrl& url) {
  if (url.is_postgres()) return OpenPostgresMainDatabaseWriter(url);
  return OpenSqliteMainDatabaseWriter(url);
}

void CheckIdKinds(const MainData& data, IdKind schema_ids) {
  if (data.user_ids.kind() != schema_ids || data.present_ids.kind() != schema_ids) {
    throw StoreError("main database writer: the data's id kinds differ from the schema's");
  }
}

}  // namespace mysanta
