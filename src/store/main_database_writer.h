// MainDatabaseWriter: writes a whole MainData as a main database (SPEC section 3), for
// `mysanta-rec generate` and tests. PostgreSQL: COPY FROM STDIN in one transaction; SQLite:
// prepared inserts in one transaction with bulk-load pragmas. Secondary indexes are built after
// the data. Users with in_users_table == false are not written to `users` (they exist only
// through their likes and clicks); clicks get ids 1..n in MainData order.
//
// Not thread-safe: one writer, one thread. Failures throw StoreError.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>

#include "core/ids.h"
#include "core/main_data.h"
#include "core/url.h"

namespace mysanta {

// Progress of Write(): `table` ("users", "presents", "likes", "clicks", "indexes"), rows
// written so far and the table's total.
using WriteProgress =
    std::function<void(std::string_view table, int64_t rows_written, int64_t rows_total)>;

class MainDatabaseWriter {
 public:
  // Connects (SQLite: creates the file and its folder when missing).
  static std::unique_ptr<MainDatabaseWriter> Open(const DatabaseUrl& url);
  virtual ~MainDatabaseWriter() = default;

  // Drops users, presents, likes and clicks and recreates them (without secondary indexes) with
  // user and present id columns of `ids`.
  virtual void CreateSchema(IdKind ids) = 0;

  // Writes `data` into the empty tables of CreateSchema, then builds the secondary indexes.
  // The data's user and present id kinds must be the schema's.
  virtual void Write(const MainData& data, const WriteProgress& progress = {}) = 0;

  // CreateSchema(ids of `data`) then Write(data). PostgreSQL does both in one transaction, so a
  // failure leaves the database as it was; SQLite does not (ReplaceMainDatabase gives it a
  // temporary file instead).
  virtual void CreateSchemaAndWrite(const MainData& data, const WriteProgress& progress = {});
};

// True when `url` already holds something a write would replace: the SQLite file exists, or the
// PostgreSQL database has a table or view named users, presents, likes or clicks.
bool MainDatabaseExists(const DatabaseUrl& url);

// Writes `data` as the whole main database at `url`, all or nothing: SQLite into a temporary
// file beside PATH that is renamed over PATH once complete; PostgreSQL in one transaction (drop,
// create, copy, index). A failure (thrown as StoreError) leaves `url` as it was.
void ReplaceMainDatabase(const DatabaseUrl& url, const MainData& data,
                         const WriteProgress& progress = {});

}  // namespace mysanta
