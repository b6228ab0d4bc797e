// The cached form of a ranked list: its algorithm and its ids, as text (Redis and the memory
// cache store it as is). Integer ids: "<algorithm>\ni\n12,45,78"; text ids: "<algorithm>\nt\n"
// followed by "<byte length>:<id>" for each id. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "service/engine.h"

namespace mysanta::service {

std::string EncodeRankedList(const RankedIds& list);

// nullopt when `text` is not a list this codec wrote (an entry of another format is a miss).
std::optional<RankedIds> DecodeRankedList(std::string_view text);

// One slice of a cached list, decoding only what it needs: the cheap path of a cache hit.
struct DecodedSlice {
  Algorithm algorithm = Algorithm::kPopular;
  size_t total_count = 0;         // the list's length once `removed` ids are taken out
  std::vector<ExternalId> items;  // the kept ids at positions [first, first + count)
};
// `removed` must be sorted (e.g. the user's likes, SPEC rule 4). nullopt as DecodeRankedList.
std::optional<DecodedSlice> DecodeRankedSlice(std::string_view text, size_t first, size_t count,
                                              const std::vector<ExternalId>& removed);

}  // namespace mysanta::service
