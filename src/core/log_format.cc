#include "core/log_format.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>
#include <string_view>

namespace mysanta {
namespace {

void AppendEscaped(spdlog::memory_buf_t& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\n') {
      out.append(std::string_view("\\n"));
    } else if (byte < 0x20) {
      const char escaped[] = {'\\', 'u', '0', '0', kHex[byte >> 4], kHex[byte & 0xF]};
      out.append(escaped, escaped + sizeof(escaped));
    } else {
      out.push_back(c);
    }
  }
}

}  // namespace

void JsonLogFormatter::format(const spdlog::details::log_msg& message,
                              spdlog::memory_buf_t& out) {
  auto since_epoch = message.time.time_since_epoch();
  auto seconds = std::chrono::floor<std::chrono::seconds>(since_epoch);
  auto micros = std::chrono::duration_cast<std::chrono::microseconds>(since_epoch - seconds);
  fmt::format_to(std::back_inserter(out), "{{\"time\":\"{:%Y-%m-%dT%H:%M:%S}.{:06d}Z\",",
                 std::chrono::sys_seconds(seconds), micros.count());
  spdlog::string_view_t name = spdlog::level::to_string_view(message.level);
  std::string_view level(name.data(), name.size());
  fmt::format_to(std::back_inserter(out), "\"level\":\"{}\",\"message\":\"",
                 level == "warning" ? std::string_view("warn") : level);
  AppendEscaped(out, std::string_view(message.payload.data(), message.payload.size()));
  out.append(std::string_view("\"}\n"));
}

std::unique_ptr<spdlog::formatter> JsonLogFormatter::clone() const {
  return std::make_unique<JsonLogFormatter>();
}

}  // namespace mysanta
