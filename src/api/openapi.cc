#include "api/openapi.h"

#include <boost/json/parse.hpp>

namespace mysanta::api {
namespace {

// The document's fixed part. Limits that depend on the configuration are set in code below.
constexpr std::string_view kDocument = R"json({
  "openapi": "3.0.3",
  "info": {
    "title": "MySanta recommendation service",
    "version": "1.0.0",
    "description": "Present (gift idea) recommendations for MySanta users: popular presents for a demographic segment, personalized presents for one user, and operations endpoints."
  },
  "paths": {
    "/popular": {
      "post": {
        "summary": "Popular presents for a demographic segment",
        "operationId": "popular",
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PopularRequest"}}}},
        "responses": {
          "200": {"description": "One page of the ranked list", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RecommendationResponse"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "413": {"$ref": "#/components/responses/PayloadTooLarge"},
          "422": {"$ref": "#/components/responses/ValidationError"},
          "503": {"$ref": "#/components/responses/Unavailable"}
        }
      }
    },
    "/personalized": {
      "post": {
        "summary": "Presents for one user, excluding what they already liked",
        "operationId": "personalized",
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PersonalizedRequest"}}}},
        "responses": {
          "200": {"description": "One page of the ranked list", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RecommendationResponse"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "413": {"$ref": "#/components/responses/PayloadTooLarge"},
          "422": {"$ref": "#/components/responses/ValidationError"},
          "503": {"$ref": "#/components/responses/Unavailable"}
        }
      }
    },
    "/user-profile/{user_id}": {
      "get": {
        "summary": "What the service knows of a user",
        "operationId": "userProfile",
        "parameters": [{"name": "user_id", "in": "path", "required": true, "schema": {"type": "string"}, "description": "A positive integer for integer ids, else a text id of at most 64 characters"}],
        "responses": {
          "200": {"description": "The profile", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/UserProfile"}}}},
          "404": {"$ref": "#/components/responses/NotFound"},
          "422": {"$ref": "#/components/responses/ValidationError"},
          "503": {"$ref": "#/components/responses/Unavailable"}
        }
      }
    },
    "/health": {
      "get": {
        "summary": "Health of the service and its dependencies",
        "operationId": "health",
        "responses": {
          "200": {"description": "healthy or degraded", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}},
          "503": {"description": "unhealthy, or starting (computing the first data)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}}
        }
      }
    },
    "/health/live": {
      "get": {
        "summary": "Liveness: the process is up and its HTTP threads answer (no dependency is probed)",
        "operationId": "healthLive",
        "responses": {"200": {"description": "{\"status\": \"alive\"}"}}
      }
    },
    "/health/ready": {
      "get": {
        "summary": "Readiness: the instance has data and can answer recommendation requests (a database outage does not make it unready: the snapshot in memory answers)",
        "operationId": "healthReady",
        "responses": {
          "200": {"description": "{\"status\": \"ready\", \"data_version\": N}"},
          "503": {"description": "{\"status\": \"not_ready\"}: no data yet; Retry-After says when to look again"}
        }
      }
    },
    "/stats": {
      "get": {
        "summary": "Data, cache, request and job statistics, and the configuration (passwords masked)",
        "operationId": "stats",
        "responses": {
          "200": {"description": "Statistics", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Stats"}}}},
          "503": {"$ref": "#/components/responses/Unavailable"}
        }
      }
    },
    "/metrics": {
      "get": {
        "summary": "Prometheus metrics",
        "operationId": "metrics",
        "responses": {"200": {"description": "Prometheus text exposition format", "content": {"text/plain": {"schema": {"type": "string"}}}}}
      }
    },
    "/openapi.json": {
      "get": {
        "summary": "This document",
        "operationId": "openapi",
        "responses": {"200": {"description": "OpenAPI 3 document", "content": {"application/json": {"schema": {"type": "object"}}}}}
      }
    },
    "/admin/refresh-popular-items": {"post": {"summary": "Runs the popular_items job now", "operationId": "refreshPopularItems", "security": [{"bearerAuth": []}], "responses": {"$ref_": "admin"}}},
    "/admin/update-user-profiles": {"post": {"summary": "Runs the user_profiles job now", "operationId": "updateUserProfiles", "security": [{"bearerAuth": []}], "responses": {"$ref_": "admin"}}},
    "/admin/update-user-similarities": {"post": {"summary": "Runs the user_similarities job now", "operationId": "updateUserSimilarities", "security": [{"bearerAuth": []}], "responses": {"$ref_": "admin"}}},
    "/admin/cleanup-cache": {"post": {"summary": "Runs the cache_cleanup job now", "operationId": "cleanupCache", "security": [{"bearerAuth": []}], "responses": {"$ref_": "admin"}}},
    "/admin/refresh-all": {"post": {"summary": "Runs the four jobs now, in order", "operationId": "refreshAll", "security": [{"bearerAuth": []}], "responses": {"$ref_": "admin"}}}
  },
  "components": {
    "securitySchemes": {
      "bearerAuth": {"type": "http", "scheme": "bearer", "description": "ADMIN_TOKEN. Without ADMIN_TOKEN, admin endpoints answer loopback clients only."}
    },
    "schemas": {
      "Id": {"oneOf": [{"type": "integer", "format": "int64", "minimum": 1}, {"type": "string", "minLength": 1, "maxLength": 64}], "description": "An id in the main database's form: a JSON number for integer ids (requests also take a string of digits), a string for text ids"},
      "Filters": {
        "type": "object",
        "properties": {
          "price_from": {"type": "number", "minimum": 0, "nullable": true, "description": "Inclusive; not greater than price_to"},
          "price_to": {"type": "number", "minimum": 0, "nullable": true, "description": "Inclusive"},
          "category": {"type": "string", "nullable": true, "description": "An unknown category matches nothing"},
          "platform": {"type": "string", "nullable": true, "description": "An unknown platform matches nothing"},
          "exclude_ids": {"type": "array", "maxItems": 1000, "items": {"$ref": "#/components/schemas/Id"}, "nullable": true}
        }
      },
      "Pagination": {
        "type": "object",
        "properties": {
          "page": {"type": "integer", "minimum": 1, "default": 1, "nullable": true},
          "limit": {"type": "integer", "minimum": 1, "nullable": true}
        }
      },
      "PopularRequest": {
        "type": "object",
        "properties": {
          "user_params": {
            "type": "object",
            "nullable": true,
            "properties": {
              "gender": {"type": "string", "enum": ["f", "m", "any"], "description": "Case-insensitive", "nullable": true},
              "age": {"oneOf": [{"type": "string", "enum": ["0-17", "18-24", "25-34", "35-44", "45-54", "55+"]}, {"type": "integer", "minimum": 0, "maximum": 120}], "nullable": true},
              "category": {"type": "string", "nullable": true, "description": "Same filter as filters.category; both given and different is a validation error"},
              "geo_id": {"type": "integer", "minimum": 0, "maximum": 2147483647, "nullable": true}
            }
          },
          "filters": {"$ref": "#/components/schemas/Filters"},
          "pagination": {"$ref": "#/components/schemas/Pagination"}
        }
      },
      "PersonalizedRequest": {
        "type": "object",
        "required": ["user_id"],
        "properties": {
          "user_id": {"$ref": "#/components/schemas/Id"},
          "geo_id": {"type": "integer", "minimum": 0, "maximum": 2147483647, "nullable": true, "description": "Default: the user's own region"},
          "filters": {"$ref": "#/components/schemas/Filters"},
          "pagination": {"$ref": "#/components/schemas/Pagination"}
        }
      },
      "PageInfo": {
        "type": "object",
        "required": ["page", "limit", "total_pages", "total_count", "has_next", "has_previous"],
        "properties": {
          "page": {"type": "integer"},
          "limit": {"type": "integer"},
          "total_pages": {"type": "integer", "description": "ceil(total_count / limit)"},
          "total_count": {"type": "integer", "description": "Length of the ranked list"},
          "has_next": {"type": "boolean"},
          "has_previous": {"type": "boolean"}
        }
      },
      "RecommendationResponse": {
        "type": "object",
        "required": ["items", "pagination", "computation_time_ms", "algorithm_used", "cache_hit"],
        "properties": {
          "items": {"type": "array", "items": {"$ref": "#/components/schemas/Id"}},
          "pagination": {"$ref": "#/components/schemas/PageInfo"},
          "computation_time_ms": {"type": "number"},
          "algorithm_used": {"type": "string", "enum": ["popular", "content_based", "collaborative"]},
          "cache_hit": {"type": "boolean", "description": "True only when the ranked list came from the cache"}
        }
      },
      "UserProfile": {
        "type": "object",
        "required": ["user_id", "interaction_count", "algorithm", "preferred_categories", "preferred_platforms", "avg_price", "similar_users", "updated_at"],
        "properties": {
          "user_id": {"$ref": "#/components/schemas/Id"},
          "interaction_count": {"type": "integer"},
          "algorithm": {"type": "string", "enum": ["popular", "content_based", "collaborative"]},
          "preferred_categories": {"type": "array", "items": {"type": "string"}},
          "preferred_platforms": {"type": "array", "items": {"type": "string"}},
          "avg_price": {"type": "number", "nullable": true},
          "similar_users": {"type": "integer"},
          "updated_at": {"type": "string", "nullable": true}
        }
      },
      "Health": {
        "type": "object",
        "required": ["status", "checks"],
        "properties": {
          "status": {"type": "string", "enum": ["healthy", "degraded", "unhealthy", "starting"]},
          "checks": {
            "type": "object",
            "properties": {
              "main_database": {"type": "string", "description": "ok or an error text"},
              "recommendations_database": {"type": "string"},
              "cache": {"type": "string"}
            }
          },
          "data_version": {"type": "integer", "nullable": true}
        }
      },
      "Stats": {
        "type": "object",
        "properties": {
          "main_database": {"type": "object", "additionalProperties": {"type": "integer"}},
          "recommendations_database": {"type": "object"},
          "cache": {
            "type": "object",
            "properties": {
              "backend": {"type": "string", "enum": ["memory", "redis"]},
              "hits": {"type": "integer"}, "misses": {"type": "integer"},
              "hit_ratio": {"type": "number"}, "keys": {"type": "integer"}
            }
          },
          "requests": {"type": "object", "additionalProperties": {"type": "object", "properties": {"count": {"type": "integer"}, "p50_ms": {"type": "number"}, "p99_ms": {"type": "number"}}}},
          "config": {"type": "object", "additionalProperties": {"type": "string"}},
          "uptime_seconds": {"type": "integer"}
        }
      },
      "JobAnswer": {
        "type": "object",
        "required": ["job", "status", "duration_ms", "rows"],
        "properties": {
          "job": {"type": "string", "enum": ["popular_items", "user_profiles", "user_similarities", "cache_cleanup", "all"]},
          "status": {"type": "string", "enum": ["completed", "failed"]},
          "duration_ms": {"type": "number"},
          "rows": {"type": "integer"},
          "error": {"type": "string", "nullable": true},
          "jobs": {"type": "array", "items": {"$ref": "#/components/schemas/JobAnswer"}, "description": "refresh-all only"}
        }
      },
      "Error": {
        "type": "object",
        "required": ["error", "message", "details"],
        "properties": {
          "error": {"type": "string", "enum": ["bad_request", "validation_error", "not_found", "method_not_allowed", "payload_too_large", "unauthorized", "forbidden", "conflict", "unavailable"]},
          "message": {"type": "string"},
          "details": {"type": "array", "items": {"type": "object", "required": ["field", "message"], "properties": {"field": {"type": "string"}, "message": {"type": "string"}}}}
        }
      }
    },
    "responses": {
      "BadRequest": {"description": "The body is empty, not JSON, or not a JSON object", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "ValidationError": {"description": "Fields with a wrong type or an out-of-range value, each listed in details", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "NotFound": {"description": "Unknown path or unknown user", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "PayloadTooLarge": {"description": "Body over 64 KiB", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "Unauthorized": {"description": "ADMIN_TOKEN is set and no bearer token was sent", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "Forbidden": {"description": "Wrong token, or a non-loopback client while no ADMIN_TOKEN is set", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "Conflict": {"description": "That job is already running", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "Unavailable": {"description": "A dependency the request needs is down, or the service has no data yet", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    }
  }
})json";

}  // namespace

boost::json::object OpenApiDocument(const Config& config) {
  boost::json::object document = boost::json::parse(kDocument).as_object();
  boost::json::object& schemas = document["components"].as_object()["schemas"].as_object();
  boost::json::object& limit =
      schemas["Pagination"].as_object()["properties"].as_object()["limit"].as_object();
  limit["maximum"] = config.max_page_size;
  limit["default"] = config.default_page_size;
  // The five admin operations answer alike.
  boost::json::object admin_responses{
      {"200", boost::json::object{
                  {"description", "The job ran; status completed or failed"},
                  {"content", boost::json::object{{"application/json", boost::json::object{{
                                  "schema", boost::json::object{
                                                {"$ref", "#/components/schemas/JobAnswer"}}}}}}}}},
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
