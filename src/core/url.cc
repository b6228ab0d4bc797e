#include "core/url.h"

#include <charconv>

namespace mysanta {
namespace {

bool ParsePort(std::string_view text, int& port) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 1 || value > 65535) {
    return false;
  }
  port = value;
  return true;
}

}  // namespace

std::string MaskPassword(std::string_view url) {
  const size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::string(url);
  const size_t authority_start = scheme_end + 3;
  const size_t at = url.find('@', authority_start);
  const size_t slash = url.find('/', authority_start);
  if (at == std::string_view::npos || (slash != std::string_view::npos && slash < at)) {
    return std::string(url);
  }
  const size_t colon = url.find(':', authority_start);
  if (colon == std::string_view::npos || colon > at) return std::string(url);
  return std::string(url.substr(0, colon + 1)) + "***" + std::string(url.substr(at));
}

std::string DatabaseUrl::Masked() const { return MaskPassword(url); }
std::string CacheUrl::Masked() const { return MaskPassword(url); }

std::expected<DatabaseUrl, std::string> ParseDatabaseUrl(std::string_view text) {
  DatabaseUrl result;
  result.url = std::string(text);
  if (text.starts_with("postgresql://") || text.starts_with("postgres://")) {
    const size_t rest = text.find("://") + 3;
    if (text.size() == rest) {
      return std::unexpected("a postgresql://user:pass@host:5432/db URL with a host");
    }
    result.kind = DatabaseUrl::Kind::kPostgres;
    return result;
  }
  if (text.starts_with("sqlite:")) {
    std::string_view path = text.substr(7);
    // Accept sqlite:///abs/path and sqlite://rel as well as sqlite:path.
    if (path.starts_with("//")) path.remove_prefix(2);
    if (path.empty()) return std::unexpected("sqlite:PATH with a file path");
    result.kind = DatabaseUrl::Kind::kSqlite;
    result.sqlite_path = std::string(path);
    return result;
  }
  return std::unexpected("postgresql://user:pass@host:5432/db or sqlite:PATH");
}

std::expected<CacheUrl, std::string> ParseCacheUrl(std::string_view text) {
  CacheUrl result;
  result.url = std::string(text);
  if (text == "memory://" || text == "memory:") {
    result.kind = CacheUrl::Kind::kMemory;
    return result;
  }
  constexpr std::string_view kExpected = "redis://[:pass@]host:6379/1 or memory://";
  if (!text.starts_with("redis://")) return std::unexpected(std::string(kExpected));
  result.kind = CacheUrl::Kind::kRedis;
  std::string_view rest = text.substr(8);
  const size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  if (slash != std::string_view::npos) {
    std::string_view db = rest.substr(slash + 1);
    if (!db.empty()) {
      auto [end, ec] = std::from_chars(db.data(), db.data() + db.size(), result.database);
      if (ec != std::errc() || end != db.data() + db.size() || result.database < 0) {
        return std::unexpected(std::string(kExpected) + " (database must be a number)");
      }
    }
  }
  const size_t at = authority.rfind('@');
  if (at != std::string_view::npos) {
    std::string_view user_info = authority.substr(0, at);
    const size_t colon = user_info.find(':');
    result.password = std::string(colon == std::string_view::npos ? user_info
                                                                  : user_info.substr(colon + 1));
    authority = authority.substr(at + 1);
  }
  const size_t colon = authority.rfind(':');
  std::string_view host = authority.substr(0, colon);
  if (colon != std::string_view::npos && !ParsePort(authority.substr(colon + 1), result.port)) {
    return std::unexpected(std::string(kExpected) + " (port must be 1-65535)");
  }
  if (host.empty()) return std::unexpected(std::string(kExpected) + " (host is missing)");
  result.host = std::string(host);
  return result;
}

}  // namespace mysanta
