#include "store/main_database_writer.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "store/main_database_writer_backends.h"
#include "store/postgres_connection.h"
#include "store/store_error.h"

namespace mysanta {

std::unique_ptr<MainDatabaseWriter> MainDatabaseWriter::Open(const DatabaseUrl& url) {
  if (url.is_postgres()) return OpenPostgresMainDatabaseWriter(url);
  return OpenSqliteMainDatabaseWriter(url);
}

void MainDatabaseWriter::CreateSchemaAndWrite(const MainData& data,
                                              const WriteProgress& progress) {
  CreateSchema(data.user_ids.kind());
  Write(data, progress);
}

void CheckIdKinds(const MainData& data, IdKind schema_ids) {
  if (data.user_ids.kind() != schema_ids || data.present_ids.kind() != schema_ids) {
    throw StoreError("main database writer: the data's id kinds differ from the schema's");
  }
}

bool MainDatabaseExists(const DatabaseUrl& url) {
  if (!url.is_postgres()) {
    std::error_code error;
    return std::filesystem::exists(url.sqlite_path, error);
  }
  auto connection = PostgresConnection::Connect(url);
  const PgResult result = connection->Query(
      "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() "
      "AND table_name IN ('users', 'presents', 'likes', 'clicks')");
  return result.Int64(0, 0) > 0;
}

namespace {

// A SQLite file written under a temporary name and renamed over its destination by Commit();
// removed when abandoned.
class TemporarySqliteFile {
 public:
  explicit TemporarySqliteFile(const std::string& destination)
      : destination_(destination),
        path_(fmt::format("{}.importing-{}", destination, static_cast<long>(getpid()))) {
    const std::filesystem::path folder = std::filesystem::path(destination).parent_path();
    std::error_code ignored;
    if (!folder.empty()) std::filesystem::create_directories(folder, ignored);
    Remove();
  }
  ~TemporarySqliteFile() {
    if (!committed_) Remove();
  }
  const std::string& path() const { return path_; }
  void Commit() {
    std::error_code error;
    std::filesystem::rename(path_, destination_, error);
    if (error) {
      throw StoreError(fmt::format("cannot rename {} to {}: {}", path_, destination_,
                                   error.message()));
    }
    committed_ = true;
  }

 private:
  void Remove() const {
    std::error_code ignored;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
      std::filesystem::remove(path_ + suffix, ignored);
    }
  }

  std::string destination_;
  std::string path_;
  bool committed_ = false;
};

}  // namespace

void ReplaceMainDatabase(const DatabaseUrl& url, const MainData& data,
                         const WriteProgress& progress) {
  if (url.is_postgres()) {
    MainDatabaseWriter::Open(url)->CreateSchemaAndWrite(data, progress);
    return;
  }
  TemporarySqliteFile file(url.sqlite_path);
  DatabaseUrl temporary = url;
  temporary.sqlite_path = file.path();
  temporary.url = "sqlite:" + file.path();
  MainDatabaseWriter::Open(temporary)->CreateSchemaAndWrite(data, progress);  // closed after
  file.Commit();
}

}  // namespace mysanta
