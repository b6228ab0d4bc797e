#include "cli/service_setup.h"

#include <thread>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "core/log_format.h"

namespace mysanta {

void ConfigureLogging(const Config& config) {
  // Logs go to stderr so that a subcommand's output (tables, JSON) stays clean on stdout.
  static auto logger = [] {
    auto created = spdlog::stderr_color_mt("mysanta");
    spdlog::set_default_logger(created);
    return created;
  }();
  spdlog::set_level(spdlog::level::from_str(config.log_level));
  if (config.log_format == "json") {
    logger->set_formatter(std::make_unique<JsonLogFormatter>());
  } else {
    logger->set_pattern("%+");  // spdlog's default: "[time] [logger] [level] message"
  }
}

SnapshotOptions AlgorithmOptions(const Config& config) {
  SnapshotOptions options;
  options.max_similar_users = config.max_similar_users;
  options.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  options.item_similarity.threads = options.threads;
  return options;
}

}  // namespace mysanta
