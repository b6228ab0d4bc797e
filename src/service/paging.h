// Paging of a ranked list (SPEC rules 5 and 8): pages are consecutive slices, total_pages is
// ceil(total_count / limit), a page past the end is empty. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>

#include "service/requests.h"

namespace mysanta::service {

struct PageInfo {
  int64_t page = 1;
  int limit = 20;
  int64_t total_pages = 0;
  int64_t total_count = 0;
  bool has_next = false;
  bool has_previous = false;
  // The slice [begin, end) of the list this page shows; empty past the end.
  size_t begin = 0;
  size_t end = 0;
};

PageInfo Paginate(size_t total_count, const PageRequest& request);

}  // namespace mysanta::service
