#include "service/paging.h"

#include <algorithm>

namespace mysanta::service {

PageInfo Paginate(size_t total_count, const PageRequest& request) {
  PageInfo info;
  info.page = request.page;
  info.limit = request.limit;
  info.total_count = static_cast<int64_t>(total_count);
  info.total_pages = (info.total_count + request.limit - 1) / request.limit;
  info.has_previous = request.page > 1;
  info.has_next = request.page < info.total_pages;
  // Computed in unsigned arithmetic bounded by the list's length, so a huge page cannot overflow.
  auto first_page_past_end = static_cast<uint64_t>(info.total_pages) + 1;
  if (static_cast<uint64_t>(request.page) < first_page_past_end) {
    info.begin = static_cast<size_t>(request.page - 1) * request.limit;
    info.end = std::min(total_count, info.begin + request.limit);
  } else {
    info.begin = info.end = total_count;
  }
  return info;
}

}  // namespace mysanta::service
