// JsonLogFormatter: spdlog lines as one JSON object each (LOG_FORMAT=json), for log collectors:
// {"time":"2026-12-02T18:40:00.123456Z","level":"info","message":"..."}. The message is escaped
// as JSON requires, so any text (a quoted path, a dependency's error) keeps the line valid.
//
// Thread safety: spdlog clones a formatter per sink; one instance is used by one sink at a time.
#pragma once

#include <spdlog/formatter.h>

#include <memory>

namespace mysanta {

class JsonLogFormatter : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& message, spdlog::memory_buf_t& out) override;
  std::unique_ptr<spdlog::formatter> clone() const override;
};

}  // namespace mysanta
