#include "api/api.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <array>
#include <boost/json/parse.hpp>

#include "api/admin_auth.h"
#include "api/embedded_asset.h"
#include "api/json_writer.h"
#include "api/openapi.h"
#include "api/recommendation_json.h"
#include "api/request_parser.h"
#include "core/build_info.h"
#include "core/plain_decimal.h"
#include "core/process_stats.h"
#include "core/url.h"

namespace mysanta::api {
namespace {

namespace json = boost::json;
using Clock = std::chrono::steady_clock;

enum class Handler {
  kPopular,
  kPersonalized,
  kSimilar,
  kPresents,
  kUserProfile,
  kHealth,
  kStats,
  kMetrics,
  kOpenApi,
  kPage,
  kAdmin,
  kLive,
  kReady
};

constexpr std::string_view kUserIdParameter = "{user_id}";
// Retry-After while the service has no data yet: the first computation takes seconds.
constexpr int kStartingRetryAfterSeconds = 5;
constexpr std::string_view kUnmatched = "unmatched";

Response JsonResponse(int status, const json::value& body) {
  Response response;
  response.status = status;
  response.body = WriteJson(body);
  return response;
}

json::object JobJson(const JobAnswer& answer) {
  json::object object{{"job", JobNameText(answer.job)},
                      {"status", JobStatusText(answer.status)},
                      {"duration_ms", RoundTo(answer.duration_ms, 3)},
                      {"rows", answer.rows}};
  object["error"] = answer.error ? json::value(*answer.error) : json::value(nullptr);
  if (answer.job == JobName::kAll) {
    json::array jobs;
    for (const JobAnswer& job : answer.jobs) jobs.push_back(JobJson(job));
    object["jobs"] = std::move(jobs);
  }
  return object;
}

// One of the pages of src/api/assets, embedded in the binary at build time.
Response PageResponse(std::string_view file) {
  std::optional<std::string_view> page = EmbeddedAsset(file);
  if (!page) return ErrorResponse(ApiError::NotFound("this build has no page " + std::string(file)));
  Response response;
  response.content_type = "text/html; charset=utf-8";
  response.body = *page;
  return response;
}

// "version" and "commit" of the running binary (SPEC section 2: in /health and /stats).
void AddVersion(json::object& body) {
  const BuildInfo& build = GetBuildInfo();
  body["version"] = build.version;
  body["commit"] = build.commit;
}

struct Route {
  std::string_view method;
  std::string_view pattern;  // may end with {user_id}: one non-empty path segment
  Handler handler;
  Lane lane;
  JobName job = JobName::kAll;  // kAdmin only
  // Calls the cache: leaves the I/O threads when the cache is over the network (Redis).
  bool uses_cache = false;
};

// The one route table: matching, 404 vs 405, lanes and metrics labels all come from it.
constexpr std::array<Route, 18> kRoutes = {{
    {"POST", "/popular", Handler::kPopular, Lane::kInline, JobName::kAll, true},
    {"POST", "/personalized", Handler::kPersonalized, Lane::kBlocking},
    // Blocking: with user_id it reads the user's likes from the main database.
    {"POST", "/similar", Handler::kSimilar, Lane::kBlocking},
    {"GET", "/presents", Handler::kPresents, Lane::kInline},
    {"GET", "/user-profile/{user_id}", Handler::kUserProfile, Lane::kBlocking},
    {"GET", "/health", Handler::kHealth, Lane::kBlocking},
    {"GET", "/health/live", Handler::kLive, Lane::kInline},
    {"GET", "/health/ready", Handler::kReady, Lane::kInline},
    {"GET", "/stats", Handler::kStats, Lane::kBlocking},
    {"GET", "/metrics", Handler::kMetrics, Lane::kInline, JobName::kAll, true},
    {"GET", "/openapi.json", Handler::kOpenApi, Lane::kInline},
    {"GET", "/", Handler::kPage, Lane::kInline},
    {"GET", "/docs", Handler::kPage, Lane::kInline},
    {"POST", "/admin/refresh-popular-items", Handler::kAdmin, Lane::kJob, JobName::kPopularItems},
    {"POST", "/admin/update-user-profiles", Handler::kAdmin, Lane::kJob, JobName::kUserProfiles},
    {"POST", "/admin/update-user-similarities", Handler::kAdmin, Lane::kJob,
     JobName::kUserSimilarities},
    {"POST", "/admin/cleanup-cache", Handler::kAdmin, Lane::kJob, JobName::kCacheCleanup},
    {"POST", "/admin/refresh-all", Handler::kAdmin, Lane::kJob, JobName::kAll},
}};

struct Match {
  const Route* route = nullptr;  // set when path and method match
  std::string_view argument;     // the {user_id} segment, still percent-encoded
  std::string allow;             // methods of routes whose path matches
};

// HEAD is answered wherever GET is (the http layer sends the headers only).
bool MethodMatches(std::string_view route_method, std::string_view method) {
  return route_method == method || (method == "HEAD" && route_method == "GET");
}

Match Find(std::string_view method, std::string_view path) {
  Match match;
  for (const Route& route : kRoutes) {
    std::string_view argument;
    if (route.pattern.ends_with(kUserIdParameter)) {
      std::string_view prefix =
          route.pattern.substr(0, route.pattern.size() - kUserIdParameter.size());
      if (!path.starts_with(prefix)) continue;
      argument = path.substr(prefix.size());
      if (argument.empty() || argument.find('/') != std::string_view::npos) continue;
    } else if (path != route.pattern) {
      continue;
    }
    if (MethodMatches(route.method, method)) {
      match.route = &route;
      match.argument = argument;
      return match;
    }
    if (!match.allow.empty()) match.allow += ", ";
    match.allow += route.method;
    if (route.method == "GET") match.allow += ", HEAD";
  }
  return match;
}

}  // namespace

std::vector<std::string> Api::EndpointLabels() {
  std::vector<std::string> labels;
  for (const Route& route : kRoutes) labels.emplace_back(route.pattern);
  labels.emplace_back(kUnmatched);
  return labels;
}

Api::Api(Backend& backend, service::RecommendationEngine& engine, Cache& cache, Config config,
         Metrics& metrics)
    : backend_(backend),
      engine_(engine),
      cache_(cache),
      config_(std::move(config)),
      metrics_(metrics),
      recommendations_(engine, cache, service::RecommendationOptions::FromConfig(config_)),
      openapi_(WriteJson(OpenApiDocument(config_))),
      cache_is_remote_(!cache.HitsAreLocal()) {}

Lane Api::LaneOf(std::string_view method, std::string_view target) const {
  Match match = Find(method, target.substr(0, target.find('?')));
  if (match.route == nullptr) return Lane::kInline;
  if (match.route->lane == Lane::kInline && match.route->uses_cache && cache_is_remote_) {
    return Lane::kBlocking;
  }
  return match.route->lane;
}

Response Api::Handle(const Request& request) {
  Clock::time_point start = Clock::now();
  std::string_view path = std::string_view(request.target).substr(0, request.target.find('?'));
  Match match = Find(request.method, path);
  Response response;
  if (request.body_too_large || request.body.size() > kMaxBodyBytes) {
    response = ErrorResponse(ApiError::PayloadTooLarge());
  } else if (match.route == nullptr && !match.allow.empty()) {
    response = ErrorResponse(ApiError::MethodNotAllowed(request.method, match.allow));
  } else if (match.route == nullptr) {
    response = ErrorResponse(ApiError::NotFound("no such path: " + std::string(path)));
  } else {
    try {
      response = Dispatch(match.route - kRoutes.data(), match.argument, request);
    } catch (const std::exception& error) {
      std::string what = MaskPassword(error.what());
      spdlog::warn("{} {} (request {}): a dependency failed: {}", request.method, path,
                   request.request_id, what);
      response =
          ErrorResponse(ApiError::Unavailable("a dependency the request needs failed: " + what));
    } catch (...) {
      spdlog::warn("{} {} (request {}): a dependency failed with an unknown exception",
                   request.method, path, request.request_id);
      response = ErrorResponse(ApiError::Unavailable("a dependency failed"));
    }
  }
  metrics_.RecordRequest(match.route != nullptr ? match.route - kRoutes.data() : kRoutes.size(),
                         response.status,
                         std::chrono::duration<double>(Clock::now() - start).count());
  return response;
}

Response Api::Dispatch(size_t route_index, std::string_view path_argument, const Request& request) {
  const Route& route = kRoutes[route_index];
  switch (route.handler) {
    case Handler::kPopular:
      return Popular(request);
    case Handler::kPersonalized:
      return Personalized(request);
    case Handler::kSimilar:
      return Similar(request);
    case Handler::kPresents:
      return Presents(request);
    case Handler::kUserProfile:
      return UserProfile(path_argument);
    case Handler::kHealth:
      return Health();
    case Handler::kStats:
      return Stats();
    case Handler::kMetrics:
      return MetricsText();
    case Handler::kOpenApi:
      return OpenApi();
    case Handler::kPage:
      return PageResponse(route.pattern == "/" ? "dashboard.html" : "docs.html");
    case Handler::kAdmin:
      return Admin(route.job, request);
    case Handler::kLive:
      return JsonResponse(200, json::object{{"status", "alive"}});
    case Handler::kReady:
      return Ready();
  }
  return ErrorResponse(ApiError::NotFound("no such route"));
}

namespace {

RequestRules RulesOf(const Backend& backend, const Config& config) {
  return {backend.user_id_kind(), backend.present_id_kind(), config.default_page_size,
          config.max_page_size};
}

Response RecommendationResponse(
    const std::expected<service::Recommendation, service::NoDataYet>& answer) {
  if (!answer) return ErrorResponse(ApiError::Unavailable(answer.error().message));
  return JsonResponse(200, RecommendationJson(*answer));
}

ApiError SimilarErrorOf(const service::SimilarError& error) {
  if (const auto* unknown = std::get_if<service::UnknownPresent>(&error)) {
    return ApiError::NotFound(unknown->message);
  }
  return ApiError::Unavailable(std::get<service::NoDataYet>(error).message);
}

json::object PresentJson(const service::PresentView& present) {
  json::object object{{"id", ExternalIdJson(present.id)}, {"title", present.title},
                      {"price", present.price},           {"category", present.category},
                      {"platform", present.platform},     {"gender", present.gender},
                      {"age_group", present.age_group}};
  object["geo_id"] = present.geo_id ? json::value(*present.geo_id) : json::value(nullptr);
  object["is_active"] = present.is_active;
  return object;
}

}  // namespace

Response Api::Popular(const Request& request) {
  auto parsed = ParsePopularRequest(request.body, RulesOf(backend_, config_));
  if (!parsed) return ErrorResponse(parsed.error());
  return RecommendationResponse(recommendations_.Popular(*parsed));
}

Response Api::Personalized(const Request& request) {
  auto parsed = ParsePersonalizedRequest(request.body, RulesOf(backend_, config_));
  if (!parsed) return ErrorResponse(parsed.error());
  return RecommendationResponse(recommendations_.Personalized(*parsed));
}

Response Api::Similar(const Request& request) {
  auto parsed = ParseSimilarRequest(request.body, RulesOf(backend_, config_));
  if (!parsed) return ErrorResponse(parsed.error());
  auto answer = recommendations_.Similar(*parsed);
  if (!answer) return ErrorResponse(SimilarErrorOf(answer.error()));
  return JsonResponse(200, RecommendationJson(*answer));
}

Response Api::Presents(const Request& request) {
  size_t question = request.target.find('?');
  std::string_view query =
      question == std::string::npos ? "" : std::string_view(request.target).substr(question + 1);
  auto ids = ParsePresentIdsQuery(query, RulesOf(backend_, config_));
  if (!ids) return ErrorResponse(ids.error());
  auto found = recommendations_.Presents(*ids);
  if (!found) return ErrorResponse(ApiError::Unavailable(found.error().message));
  json::array presents;
  for (const service::PresentView& present : *found) presents.push_back(PresentJson(present));
  return JsonResponse(200, json::object{{"presents", std::move(presents)}});
}

Response Api::UserProfile(std::string_view user_id_text) {
  std::optional<std::string> decoded = PercentDecode(user_id_text);
  std::expected<ExternalId, std::string> user_id =
      decoded ? ParseIdText(*decoded, backend_.user_id_kind())
              : std::unexpected(std::string("is not a valid percent-encoded path segment"));
  if (!user_id) return ErrorResponse(ApiError::Validation({{"user_id", user_id.error()}}));
  std::optional<ProfileAnswer> profile = backend_.Profile(*user_id);
  if (!profile) {
    return ErrorResponse(ApiError::NotFound("unknown user: " + ExternalIdToString(*user_id)));
  }
  json::array categories(profile->preferred_categories.begin(),
                         profile->preferred_categories.end());
  json::array platforms(profile->preferred_platforms.begin(), profile->preferred_platforms.end());
  json::object body{{"user_id", ExternalIdJson(profile->user_id)},
                    {"interaction_count", profile->interaction_count},
                    {"algorithm", AlgorithmName(profile->algorithm)},
                    {"preferred_categories", std::move(categories)},
                    {"preferred_platforms", std::move(platforms)},
                    {"similar_users", profile->similar_users}};
  body["avg_price"] =
      profile->avg_price ? json::value(RoundTo(*profile->avg_price, 2)) : json::value(nullptr);
  body["updated_at"] =
      profile->updated_at ? json::value(*profile->updated_at) : json::value(nullptr);
  return JsonResponse(200, body);
}

Response Api::Health() {
  HealthChecks checks;
  try {
    checks = backend_.Health();
  } catch (const std::exception& error) {
    // Health is what operators look at when things fail: it reports, it does not answer 503 for
    // a failed probe while the data in memory can still be served.
    checks.main_database = checks.recommendations_database = MaskPassword(error.what());
  }
  std::string cache_error = cache_.Check();
  std::string cache_check = cache_error.empty() ? "ok" : cache_error;
  std::optional<int64_t> version = engine_.data_version();
  bool all_ok = checks.main_database == "ok" && checks.recommendations_database == "ok" &&
                cache_check == "ok";
  std::string status =
      version ? (all_ok ? "healthy" : "degraded") : (checks.starting ? "starting" : "unhealthy");
  json::object body{
      {"status", status},
      {"checks", json::object{{"main_database", checks.main_database},
                              {"recommendations_database", checks.recommendations_database},
                              {"cache", cache_check}}}};
  body["data_version"] = version ? json::value(*version) : json::value(nullptr);
  AddVersion(body);
  Response response = JsonResponse(version ? 200 : 503, body);
  if (!version) response.retry_after_seconds = kStartingRetryAfterSeconds;
  return response;
}

// Readiness, for orchestrators and load balancers: whether this instance can answer
// recommendation requests (it has data), without probing the databases — while a database is
// down the snapshot in memory still answers, and taking every instance out of rotation for it
// would turn a degraded service into none.
Response Api::Ready() {
  std::optional<int64_t> version = engine_.data_version();
  if (version) {
    json::object body{{"status", "ready"}, {"data_version", *version}};
    return JsonResponse(200, body);
  }
  Response response = JsonResponse(503, json::object{{"status", "not_ready"}});
  response.retry_after_seconds = kStartingRetryAfterSeconds;
  return response;
}

Response Api::Stats() {
  json::object body = backend_.Stats();
  CacheStats cache = cache_.Stats();
  uint64_t lookups = cache.hits + cache.misses;
  body["cache"] =
      json::object{{"backend", cache_.backend()},
                   {"hits", cache.hits},
                   {"misses", cache.misses},
                   {"hit_ratio",
                    lookups == 0 ? 0.0 : RoundTo(static_cast<double>(cache.hits) / lookups, 4)},
                   {"keys", cache.keys}};
  json::object requests;
  for (size_t i = 0; i < kRoutes.size(); ++i) {
    Metrics::LatencySummary summary = metrics_.Summary(i);
    requests[kRoutes[i].pattern] = json::object{
        {"count", summary.count},
        {"p50_ms", RoundTo(summary.p50_ms, 3)},
        {"p99_ms", RoundTo(summary.p99_ms, 3)}};
  }
  body["requests"] = std::move(requests);
  json::object config;
  for (const auto& [name, value] : config_.MaskedEntries()) config[name] = value;
  body["config"] = std::move(config);
  AddVersion(body);
  body["uptime_seconds"] =
      std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - started_).count();
  return JsonResponse(200, body);
}

Response Api::MetricsText() {
  std::string text = metrics_.PrometheusText();
  CacheStats cache = cache_.Stats();
  text +=
      "# HELP mysanta_cache_hits_total Ranked-list cache hits.\n"
      "# TYPE mysanta_cache_hits_total counter\n";
  text += fmt::format("mysanta_cache_hits_total {}\n", cache.hits);
  text +=
      "# HELP mysanta_cache_misses_total Ranked-list cache misses.\n"
      "# TYPE mysanta_cache_misses_total counter\n";
  text += fmt::format("mysanta_cache_misses_total {}\n", cache.misses);
  text += "# HELP mysanta_cache_keys Entries in the cache.\n# TYPE mysanta_cache_keys gauge\n";
  text += fmt::format("mysanta_cache_keys {}\n", cache.keys);
  text +=
      "# HELP mysanta_data_version Version of the data being served (0: none yet).\n"
      "# TYPE mysanta_data_version gauge\n";
  text += fmt::format("mysanta_data_version {}\n", engine_.data_version().value_or(0));
  if (std::optional<double> age = backend_.data_age_seconds()) {
    text +=
        "# HELP mysanta_data_age_seconds Seconds since the served data was loaded.\n"
        "# TYPE mysanta_data_age_seconds gauge\n";
    text += fmt::format("mysanta_data_age_seconds {}\n", PlainDecimal(*age));
  }
  text +=
      "# HELP mysanta_uptime_seconds Seconds since the service started.\n"
      "# TYPE mysanta_uptime_seconds gauge\n";
  text += fmt::format("mysanta_uptime_seconds {}\n",
                      PlainDecimal(std::chrono::duration<double>(Clock::now() - started_).count()));
  const BuildInfo& build = GetBuildInfo();
  text +=
      "# HELP mysanta_build_info The running binary: version and commit (always 1).\n"
      "# TYPE mysanta_build_info gauge\n";
  text += fmt::format("mysanta_build_info{{version=\"{}\",commit=\"{}\",build_type=\"{}\"}} 1\n",
                      build.version, build.commit, build.build_type);
  text += ProcessMetricsText(ReadProcessStats());
  Response response;
  response.content_type = "text/plain; version=0.0.4; charset=utf-8";
  response.body = std::move(text);
  return response;
}

Response Api::OpenApi() {
  Response response;
  response.body = openapi_;
  return response;
}

Response Api::Admin(JobName job, const Request& request) {
  if (std::optional<ApiError> denied =
          CheckAdmin(config_.admin_token, request.authorization, request.client_is_loopback)) {
    return ErrorResponse(*denied);
  }
  JobAnswer answer = backend_.RunJob(job);
  if (answer.status == JobStatus::kBusy) {
    return ErrorResponse(
        ApiError::Conflict(fmt::format("job {} is already running", JobNameText(answer.job))));
  }
  // Each job's own run is counted where jobs run (the backend's job observer counts scheduled and
  // admin runs alike); counting it here too would count an admin run twice. Only refresh-all's
  // aggregate, which no job runner sees, is counted here.
  if (answer.job == JobName::kAll) {
    metrics_.RecordJob(answer.job, answer.status, answer.duration_ms / 1e3);
  }
  return JsonResponse(200, JobJson(answer));
}

}  // namespace mysanta::api
