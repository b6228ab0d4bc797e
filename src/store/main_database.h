// MainDatabase: read access to the main database (SPEC section 3: users, presents, likes,
// clicks), PostgreSQL or SQLite. The service never writes there, and the connections enforce it:
// PostgreSQL sessions run with default_transaction_read_only=on, SQLite files are opened with
// SQLITE_OPEN_READONLY.
//
// LoadAll() reads everything for the background jobs (PostgreSQL: streamed COPY); the per-request
// LoadUserActivity() runs one prepared, indexed query on a pooled connection.
//
// Thread-safe: every method may be called concurrently (connections come from a small pool).
// Failures throw StoreError.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "core/ids.h"
#include "core/main_data.h"
#include "core/url.h"

namespace mysanta {

// Row counts as the tables stand (for /stats).
struct MainTableCounts {
  int64_t presents = 0;
  int64_t active_presents = 0;
  int64_t users = 0;
  int64_t likes = 0;
  int64_t clicks = 0;
};

class MainDatabase {
 public:
  // Connects and reads the id types of the schema (integer or text, from users.id and
  // presents.id). Throws StoreError when the database is unreachable or lacks the tables.
  static std::unique_ptr<MainDatabase> Open(const DatabaseUrl& url);
  virtual ~MainDatabase() = default;

  // The four relations in one consistent snapshot. Users appear in the users table's id order,
  // then users known only from likes and clicks; presents in id order. Likes and clicks of
  // presents that do not exist are skipped and counted (orphan_likes, orphan_clicks).
  virtual MainData LoadAll() = 0;

  // The distinct existing presents `user` liked and clicked, each sorted. An id of the wrong
  // form for the database (e.g. text that is not a UUID for a uuid column) is an unknown user.
  virtual UserActivity LoadUserActivity(const ExternalId& user) = 0;

  virtual MainTableCounts CountRows() = 0;

  virtual IdKind user_id_kind() const = 0;
  virtual IdKind present_id_kind() const = 0;

  // Throws StoreError when the database cannot answer a trivial query.
  virtual void Ping() = 0;

  // Tests only: runs `sql` on a connection of the pool, to prove that the connections refuse
  // writes. Throws StoreError when the statement fails.
  virtual void ExecuteForTest(std::string_view sql) = 0;
};

}  // namespace mysanta
