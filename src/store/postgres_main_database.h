// The PostgreSQL MainDatabase: read-only sessions from a pool; LoadAll streams COPY TO STDOUT
// inside one REPEATABLE READ READ ONLY transaction. Thread-safe.
#pragma once

#include <memory>

#include "store/connection_pool.h"
#include "store/main_database.h"
#include "store/postgres_connection.h"

namespace mysanta {

class PostgresMainDatabase : public MainDatabase {
 public:
  explicit PostgresMainDatabase(const DatabaseUrl& url);

  MainData LoadAll() override;
  UserActivity LoadUserActivity(const ExternalId& user) override;
  MainTableCounts CountRows() override;
  IdKind user_id_kind() const override { return user_kind_; }
  IdKind present_id_kind() const override { return present_kind_; }
  void Ping() override;
  void ExecuteForTest(std::string_view sql) override;

 private:
  MainData LoadAllOn(PostgresConnection& connection);

  DatabaseUrl url_;
  ConnectionPool<PostgresConnection> pool_;
  IdKind user_kind_ = IdKind::kInteger;
  IdKind present_kind_ = IdKind::kInteger;
};

}  // namespace mysanta
