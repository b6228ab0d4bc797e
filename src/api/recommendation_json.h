// The JSON of a recommendation answer (SPEC section 5): the items, the "pagination" object and the
// answer's metadata. Ids are JSON numbers (integer ids) or strings (text ids). Pure functions;
// thread-safe.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "core/ids.h"
#include "service/paging.h"
#include "service/recommendation_service.h"

namespace mysanta::api {

boost::json::object RecommendationJson(const service::Recommendation& recommendation);

boost::json::object PageInfoJson(const service::PageInfo& info);

boost::json::value ExternalIdJson(const ExternalId& id);

}  // namespace mysanta::api
