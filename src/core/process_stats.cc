#include "core/process_stats.h"

#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include <fmt/format.h>

#include "core/plain_decimal.h"

namespace mysanta {
namespace {

std::string ReadText(const char* path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Seconds since the epoch at which the machine booted (/proc/stat "btime").
double BootTime() {
  std::istringstream in(ReadText("/proc/stat"));
  std::string word;
  while (in >> word) {
    if (word == "btime") {
      double seconds = 0;
      in >> seconds;
      return seconds;
    }
  }
  return 0;
}

uint64_t CountOpenFds() {
  std::error_code ec;
  uint64_t count = 0;
  for (std::filesystem::directory_iterator it("/proc/self/fd", ec), end; !ec && it != end;
       it.increment(ec)) {
    ++count;
  }
  return count > 0 ? count - 1 : 0;  // less the descriptor of the listing itself
}

void AppendFamily(std::string& out, std::string_view name, std::string_view type,
                  std::string_view help, std::string_view value) {
  out += fmt::format("# HELP {} {}\n# TYPE {} {}\n{} {}\n", name, help, name, type, name, value);
}

}  // namespace

ProcessStats ReadProcessStats() {
  ProcessStats stats;
  // /proc/self/stat: "pid (comm) state ..." — comm may hold spaces, so fields count from ')'.
  std::string text = ReadText("/proc/self/stat");
  size_t close = text.rfind(')');
  if (close != std::string::npos) {
    std::istringstream in(text.substr(close + 1));
    std::vector<std::string> fields;  // fields[0] is field 3 (state)
    for (std::string field; in >> field;) fields.push_back(field);
    auto field = [&](size_t number) -> double {  // 1-based field number of proc(5)
      return number >= 3 && number - 3 < fields.size() ? std::stod(fields[number - 3]) : 0;
    };
    const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
    const double page = static_cast<double>(sysconf(_SC_PAGESIZE));
    stats.cpu_seconds = (field(14) + field(15)) / ticks;
    stats.threads = static_cast<uint64_t>(field(20));
    stats.start_time_seconds = BootTime() + field(22) / ticks;
    stats.virtual_bytes = static_cast<uint64_t>(field(23));
    stats.resident_bytes = static_cast<uint64_t>(field(24) * page);
  }
  stats.open_fds = CountOpenFds();
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0) stats.max_fds = limit.rlim_cur;
  return stats;
}

std::string ProcessMetricsText(const ProcessStats& stats) {
  std::string out;
  AppendFamily(out, "process_cpu_seconds_total", "counter",
              "User and system CPU time spent, in seconds.", PlainDecimal(stats.cpu_seconds));
  AppendFamily(out, "process_resident_memory_bytes", "gauge", "Resident memory size in bytes.",
              std::to_string(stats.resident_bytes));
  AppendFamily(out, "process_virtual_memory_bytes", "gauge", "Virtual memory size in bytes.",
              std::to_string(stats.virtual_bytes));
  AppendFamily(out, "process_open_fds", "gauge", "Open file descriptors.",
              std::to_string(stats.open_fds));
  AppendFamily(out, "process_max_fds", "gauge", "The open-file limit (soft).",
              std::to_string(stats.max_fds));
  AppendFamily(out, "process_start_time_seconds", "gauge",
              "Start time of the process since the Unix epoch, in seconds.",
              PlainDecimal(stats.start_time_seconds));
  AppendFamily(out, "process_threads", "gauge", "OS threads.", std::to_string(stats.threads));
  return out;
}

OpenFileLimit RaiseOpenFileLimit() {
  OpenFileLimit result;
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return result;
  result.before = result.after = limit.rlim_cur;
  result.hard = limit.rlim_max;
  if (limit.rlim_cur < limit.rlim_max) {
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) result.after = raised.rlim_cur;
  }
  return result;
}

}  // namespace mysanta
