// The cached form of a ranked list: its algorithm and its ids, as text (Redis and the memory
// cache store it as is). Integer ids: "<algorithm>\ni\n12,45,78"; text ids: "<algorithm>\nt\n"
// followed by "<byte length>:<id>" for each id. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "api/backend.h"

namespace mysanta::api {

std::string EncodeRankedList(const EngineAnswer& list);

// nullopt when `text` is not a list this codec wrote (an entry of another format is a miss).
std::optional<EngineAnswer> DecodeRankedList(std::string_view text);

}  // namespace mysanta::api
