// WithPostgresConnection: runs one database operation on a pooled PostgreSQL connection, and
// when it fails because that connection was broken (the server restarted or dropped it while it
// sat in the pool), drops the idle connections and runs the operation once more on a new one. So
// the service recovers on its first request after the database comes back, instead of failing
// once per pooled connection. Operations must be safe to repeat (reads, or whole transactions
// that rolled back).
//
// Thread-safe (as the pool is).
#pragma once

#include "store/connection_pool.h"
#include "store/postgres_connection.h"

namespace mysanta {

template <typename Operation>
auto WithPostgresConnection(ConnectionPool<PostgresConnection>& pool, Operation&& operation) {
  {
    auto connection = pool.Acquire();
    try {
      return operation(*connection);
    } catch (const PostgresError&) {
      if (connection->IsHealthy()) throw;
      connection.Discard();
      pool.Clear();
    }
  }
  auto connection = pool.Acquire();
  return operation(*connection);
}

}  // namespace mysanta
