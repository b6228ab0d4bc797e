#include "store/redis_connection.h"

#include <sys/time.h>

#include <vector>

namespace mysanta {
namespace {

timeval ToTimeval(std::chrono::milliseconds duration) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(duration.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((duration.count() % 1000) * 1000);
  return tv;
}

}  // namespace

std::string_view RedisReplyText(const redisReply& reply) {
  if (reply.type != REDIS_REPLY_ERROR && reply.type != REDIS_REPLY_STATUS) return {};
  return std::string_view(reply.str, reply.len);
}

std::expected<std::unique_ptr<RedisConnection>, std::string> RedisConnection::Open(
    const CacheUrl& url, std::chrono::milliseconds connect_timeout,
    std::chrono::milliseconds command_timeout) {
  std::string endpoint = url.host + ":" + std::to_string(url.port);
  redisContext* context =
      redisConnectWithTimeout(url.host.c_str(), url.port, ToTimeval(connect_timeout));
  if (context == nullptr) return std::unexpected("Redis " + endpoint + ": out of memory");
  // Owned from here on, so that every early return frees the context.
  std::unique_ptr<RedisConnection> connection(new RedisConnection(context, endpoint));
  if (context->err != 0) {
    return std::unexpected("Redis " + endpoint + ": " + std::string(context->errstr));
  }
  if (redisSetTimeout(context, ToTimeval(command_timeout)) != REDIS_OK) {
    return std::unexpected("Redis " + endpoint + ": cannot set the command timeout");
  }
  // AUTH and SELECT: an error reply makes the connection useless, so it fails like I/O.
  auto expect_ok = [&](std::initializer_list<std::string_view> args,
                       std::string_view what) -> std::string {
    auto reply = connection->Command(args);
    if (!reply) return reply.error();
    if ((*reply)->type == REDIS_REPLY_ERROR) {
      return "Redis " + endpoint + ": " + std::string(what) + " failed: " +
             std::string(RedisReplyText(**reply));
    }
    return "";
  };
  if (!url.password.empty()) {
    if (std::string error = expect_ok({"AUTH", url.password}, "AUTH"); !error.empty()) {
      return std::unexpected(error);
    }
  }
  if (url.database != 0) {
    const std::string database = std::to_string(url.database);
    if (std::string error = expect_ok({"SELECT", database}, "SELECT " + database);
        !error.empty()) {
      return std::unexpected(error);
    }
  }
  return connection;
}

RedisConnection::~RedisConnection() { redisFree(context_); }

std::expected<RedisReplyPtr, std::string> RedisConnection::Command(
    std::span<const std::string_view> args) {
  if (context_->err != 0) {
    return std::unexpected("Redis " + endpoint_ + ": " + std::string(context_->errstr));
  }
  std::vector<const char*> argv;
  std::vector<size_t> argv_lengths;
  argv.reserve(args.size());
  argv_lengths.reserve(args.size());
  for (std::string_view arg : args) {
    argv.push_back(arg.data() != nullptr ? arg.data() : "");
    argv_lengths.push_back(arg.size());
  }
  void* reply = redisCommandArgv(context_, static_cast<int>(argv.size()), argv.data(),
                                 argv_lengths.data());
  if (reply == nullptr) {
    // hiredis reports a timeout as EAGAIN; say so plainly.
    std::string reason = context_->errstr;
    if (reason == "Resource temporarily unavailable") reason = "command timed out";
    return std::unexpected("Redis " + endpoint_ + ": " + reason);
  }
  return RedisReplyPtr(static_cast<redisReply*>(reply));
}

}  // namespace mysanta
