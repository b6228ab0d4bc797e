// StoreError: an infrastructure failure of a database (cannot connect, a query failed, the schema
// is missing). Thrown by the store layer and caught at the service's boundary. Its message names
// the database by its masked URL and never contains a password.
#pragma once

#include <stdexcept>
#include <string>

namespace mysanta {

class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace mysanta
