#include "api/openapi.h"

#include <boost/json/parse.hpp>

#include "api/embedded_asset.h"

namespace mysanta::api {

boost::json::object OpenApiDocument(const Config& config) {
  // The fixed part is src/api/assets/openapi.json; what depends on the configuration is set here.
  boost::json::object document =
      boost::json::parse(EmbeddedAsset("openapi.json").value_or("{}")).as_object();
  document["servers"].as_array()[0].as_object()["url"] =
      "http://localhost:" + std::to_string(config.port);
  boost::json::object& schemas = document["components"].as_object()["schemas"].as_object();
  boost::json::object& limit =
      schemas["Pagination"].as_object()["properties"].as_object()["limit"].as_object();
  limit["maximum"] = config.max_page_size;
  limit["default"] = config.default_page_size;
  document["paths"].as_object()["/presents"].as_object()["get"].as_object()["parameters"]
      .as_array()[0].as_object()["schema"].as_object()["maxItems"] = config.max_page_size;
  // The five admin operations answer alike.
  boost::json::object admin_responses{
      {"200", boost::json::object{
                  {"description", "The job ran; status completed or failed"},
                  {"content",
                   boost::json::object{
                       {"application/json",
                        boost::json::object{
                            {"schema",
                             boost::json::object{{"$ref", "#/components/schemas/JobAnswer"}}},
                            {"example", boost::json::object{{"job", "popular_items"},
                                                            {"status", "completed"},
                                                            {"duration_ms", 850.5},
                                                            {"rows", 41000},
                                                            {"error", nullptr}}}}}}}}},
      {"401", boost::json::object{{"$ref", "#/components/responses/Unauthorized"}}},
      {"403", boost::json::object{{"$ref", "#/components/responses/Forbidden"}}},
      {"409", boost::json::object{{"$ref", "#/components/responses/Conflict"}}},
      {"503", boost::json::object{{"$ref", "#/components/responses/Unavailable"}}}};
  for (auto& [path, item] : document["paths"].as_object()) {
    if (!path.starts_with("/admin/")) continue;
    item.as_object()["post"].as_object()["responses"] = admin_responses;
  }
  return document;
}

}  // namespace mysanta::api
