// The SQLite MainDatabase: connections opened with SQLITE_OPEN_READONLY from a pool, each keeping
// its prepared per-request statement. Thread-safe.
#pragma once

#include <memory>
#include <optional>

#include "store/connection_pool.h"
#include "store/main_database.h"
#include "store/sqlite_connection.h"

namespace mysanta {

class SqliteMainDatabase : public MainDatabase {
 public:
  explicit SqliteMainDatabase(const DatabaseUrl& url);

  MainData LoadAll() override;
  UserActivity LoadUserActivity(const ExternalId& user) override;
  MainTableCounts CountRows() override;
  IdKind user_id_kind() const override { return user_kind_; }
  IdKind present_id_kind() const override { return present_kind_; }
  void Ping() override;
  void ExecuteForTest(std::string_view sql) override;

 private:
  // A pooled connection and its prepared statement (declared after it: destroyed first).
  struct Session {
    std::unique_ptr<SqliteConnection> connection;
    std::optional<SqliteStatement> activity;
  };

  std::string path_;
  ConnectionPool<Session> pool_;
  IdKind user_kind_ = IdKind::kInteger;
  IdKind present_kind_ = IdKind::kInteger;
};

}  // namespace mysanta
