// RedisConnection: one blocking hiredis connection with short connect and command timeouts, so
// that a dead or stalled Redis costs a caller at most one timeout.
//
// Not thread-safe: used by one thread at a time (RedisConnectionPool hands it out).
// Commands take their arguments as an argv list, so keys and values are binary-safe.
#pragma once

#include <chrono>
#include <expected>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include <hiredis/hiredis.h>

#include "core/url.h"

namespace mysanta {

struct RedisReplyDeleter {
  void operator()(redisReply* reply) const { freeReplyObject(reply); }
};
using RedisReplyPtr = std::unique_ptr<redisReply, RedisReplyDeleter>;

// Text of an error or status reply; empty for other types.
std::string_view RedisReplyText(const redisReply& reply);

class RedisConnection {
 public:
  // Connects, then sends AUTH when the URL has a password and SELECT when its database is not 0.
  // On failure: the error text (prefixed with the host and port, never the password).
  static std::expected<std::unique_ptr<RedisConnection>, std::string> Open(
      const CacheUrl& url, std::chrono::milliseconds connect_timeout,
      std::chrono::milliseconds command_timeout);

  ~RedisConnection();
  RedisConnection(const RedisConnection&) = delete;
  RedisConnection& operator=(const RedisConnection&) = delete;

  // Sends one command and reads its reply. A Redis error reply (e.g. WRONGTYPE) is a reply; the
  // unexpected value means the connection failed (I/O error, timeout, EOF) and is unusable.
  std::expected<RedisReplyPtr, std::string> Command(std::span<const std::string_view> args);
  std::expected<RedisReplyPtr, std::string> Command(
      std::initializer_list<std::string_view> args) {
    return Command(std::span<const std::string_view>(args.begin(), args.size()));
  }

 private:
  RedisConnection(redisContext* context, std::string endpoint)
      : context_(context), endpoint_(std::move(endpoint)) {}

  redisContext* context_;
  std::string endpoint_;  // "host:port", for error texts.
};

}  // namespace mysanta
