// ServerProcess: the real `mysanta-rec` binary (path in MYSANTA_BINARY) run as a child process
// for the end-to-end tests, with an explicit environment, its output captured in a log file, and
// a guaranteed end: the destructor kills the child (SIGKILL after a SIGTERM grace) and reaps it,
// so that no test — passing, failing or throwing — leaves a server behind.
//
// Also RunCommand (a child run to completion, e.g. `generate`) and FreeLoopbackPort.
//
// Not thread-safe: one owner per process.
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace mysanta::e2e {

using Environment = std::map<std::string, std::string>;

// The binary under test; throws when MYSANTA_BINARY is unset (CMake sets it for every test).
inline std::string BinaryPath() {
  const char* path = std::getenv("MYSANTA_BINARY");
  if (path == nullptr || *path == '\0') {
    throw std::runtime_error("MYSANTA_BINARY is not set (ctest sets it; or export it)");
  }
  return path;
}

// A port that was free on 127.0.0.1 a moment ago (the kernel's choice of an ephemeral port).
inline uint16_t FreeLoopbackPort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket() failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof(address);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    ::close(fd);
    throw std::runtime_error("cannot bind an ephemeral loopback port");
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

// The current environment without the service's own variables, plus `overrides`: a child sees
// exactly the configuration the test gives it.
inline std::vector<std::string> ChildEnvironment(const Environment& overrides) {
  static const char* const kServiceVariables[] = {
      "MAIN_DATABASE_URL", "RECOMMENDATIONS_DATABASE_URL", "RECOMMENDATIONS_REDIS_URL", "HOST",
      "PORT", "MAX_SIMILAR_USERS", "DEFAULT_PAGE_SIZE", "MAX_PAGE_SIZE", "MAX_RESULTS",
      "POPULAR_ITEMS_REFRESH_MINUTES", "USER_PROFILES_REFRESH_MINUTES",
      "USER_SIMILARITIES_REFRESH_MINUTES", "CACHE_CLEANUP_HOURS", "CACHE_TTL_POPULAR",
      "CACHE_TTL_PERSONALIZED", "CACHE_TTL_USER_PROFILE", "ADMIN_TOKEN", "LOG_LEVEL",
      "LOG_FORMAT", "MAX_CONNECTIONS"};
  std::vector<std::string> out;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    std::string text = *entry;
    std::string name = text.substr(0, text.find('='));
    bool ours = false;
    for (const char* variable : kServiceVariables) ours = ours || name == variable;
    if (!ours && !overrides.contains(name)) out.push_back(std::move(text));
  }
  for (const auto& [name, value] : overrides) out.push_back(name + "=" + value);
  return out;
}

// Starts `argv` with `env`, stdout and stderr appended to `log`. Returns the child's pid. The
// child gets SIGKILL when the test process dies, so not even a crashed or killed test run leaves
// a server behind (fork/exec rather than posix_spawn, for PR_SET_PDEATHSIG).
inline pid_t Spawn(const std::vector<std::string>& argv, const Environment& env,
                   const std::filesystem::path& log) {
  // Everything the child needs is made before fork: after it, only async-signal-safe calls.
  std::vector<std::string> env_strings = ChildEnvironment(env);
  std::vector<char*> child_argv;
  for (const std::string& arg : argv) child_argv.push_back(const_cast<char*>(arg.c_str()));
  child_argv.push_back(nullptr);
  std::vector<char*> child_env;
  for (std::string& entry : env_strings) child_env.push_back(entry.data());
  child_env.push_back(nullptr);
  const std::string log_path = log.string();
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);  // the parent died before prctl took effect
    int null_in = ::open("/dev/null", O_RDONLY);
    int out = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (null_in < 0 || out < 0) ::_exit(127);
    ::dup2(null_in, STDIN_FILENO);
    ::dup2(out, STDOUT_FILENO);
    ::dup2(out, STDERR_FILENO);
    ::execve(child_argv[0], child_argv.data(), child_env.data());
    ::_exit(127);
  }
  return pid;
}

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Waits for `pid` up to `timeout`; its exit status (raw waitpid status), or nullopt if running.
inline std::optional<int> WaitFor(pid_t pid, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    int status = 0;
    pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) return status;
    if (done < 0) return -1;
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

struct CommandResult {
  int exit_code = -1;  // -1: killed by a signal or timed out
  std::string output;  // stdout and stderr
};

// Runs `argv` to completion (killed after `timeout`).
inline CommandResult RunCommand(const std::vector<std::string>& argv, const Environment& env,
                                const std::filesystem::path& log,
                                std::chrono::seconds timeout = std::chrono::seconds(120)) {
  std::filesystem::remove(log);
  pid_t pid = Spawn(argv, env, log);
  std::optional<int> status = WaitFor(pid, timeout);
  if (!status) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
  }
  CommandResult result;
  if (status && WIFEXITED(*status)) result.exit_code = WEXITSTATUS(*status);
  result.output = ReadFile(log);
  return result;
}

class ServerProcess {
 public:
  // Spawns `mysanta-rec serve` with `env` (PORT and HOST are added: loopback, a free port).
  ServerProcess(Environment env, std::filesystem::path log) : log_(std::move(log)) {
    port_ = FreeLoopbackPort();
    env["HOST"] = "127.0.0.1";
    env["PORT"] = std::to_string(port_);
    if (!env.contains("LOG_LEVEL")) env["LOG_LEVEL"] = "warn";
    pid_ = Spawn({BinaryPath(), "serve"}, env, log_);
  }
  ~ServerProcess() { Kill(); }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  uint16_t port() const { return port_; }
  pid_t pid() const { return pid_; }
  bool running() {
    if (pid_ <= 0) return false;
    if (std::optional<int> status = WaitFor(pid_, std::chrono::milliseconds(0))) {
      exit_status_ = *status;
      pid_ = -1;
      return false;
    }
    return true;
  }
  std::string Log() const { return ReadFile(log_); }

  // Sends SIGTERM and waits up to `timeout`; the exit code, or nullopt when it did not exit
  // normally in time (it is then killed).
  std::optional<int> Terminate(std::chrono::milliseconds timeout) {
    if (!running()) return ExitCode();
    ::kill(pid_, SIGTERM);
    std::optional<int> status = WaitFor(pid_, timeout);
    if (!status) {
      Kill();
      return std::nullopt;
    }
    exit_status_ = *status;
    pid_ = -1;
    return ExitCode();
  }

  // Waits up to `timeout` for the process to exit on its own; its exit code, else nullopt.
  std::optional<int> WaitExit(std::chrono::milliseconds timeout) {
    if (pid_ > 0) {
      std::optional<int> status = WaitFor(pid_, timeout);
      if (!status) return std::nullopt;
      exit_status_ = *status;
      pid_ = -1;
    }
    return ExitCode();
  }

  void Kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    if (!WaitFor(pid_, std::chrono::seconds(5))) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    pid_ = -1;
  }

 private:
  std::optional<int> ExitCode() const {
    if (exit_status_ && WIFEXITED(*exit_status_)) return WEXITSTATUS(*exit_status_);
    return std::nullopt;
  }

  std::filesystem::path log_;
  uint16_t port_ = 0;
  pid_t pid_ = -1;
  std::optional<int> exit_status_;
};

}  // namespace mysanta::e2e
