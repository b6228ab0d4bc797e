// TinyData: a MainData with `users` users and `presents` presents (ids 1..n, default attributes)
// and no interactions, for hand-computed evaluation tests to add likes and clicks to.
#pragma once

#include "core/main_data.h"

namespace mysanta::testing {

inline MainData TinyData(int users, int presents) {
  MainData data;
  for (int p = 0; p < presents; ++p) {
    data.present_ids.Intern(int64_t{p + 1});
    data.presents.push_back(Present{});
  }
  for (int u = 0; u < users; ++u) {
    data.user_ids.Intern(int64_t{u + 1});
    data.users.push_back(User{});
  }
  return data;
}

}  // namespace mysanta::testing
