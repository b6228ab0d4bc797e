// Server: the HTTP/1.1 front of the service, over Boost.Beast/Asio. One session per connection
// runs a read-handle-write loop with keep-alive; a pool of I/O threads (one per core) runs the
// sessions; requests that may wait on a database, and admin jobs (seconds), run on separate
// thread pools so that they never stall the I/O threads. Bodies over 64 KiB are refused with 413
// (a declared oversized Content-Length at once, without reading the body). Every response carries
// X-Request-Id (the caller's, else a new one; named in the request log, which is at debug level
// but at warn for 5xx), a 503 carries Retry-After, and HEAD is answered wherever GET is (headers
// only). SIGTERM/SIGINT (with
// RunUntilSignal) or Stop() stop accepting, finish the requests in flight, then stop.
//
// Thread safety: Start, Stop and Wait may be called from any thread; Stop is idempotent.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "api/api.h"
#include "core/config.h"

namespace mysanta::http {

struct ServerOptions {
  std::string host = "0.0.0.0";  // Default: 0.0.0.0.
  uint16_t port = 8001;          // Default: 8001. 0: an ephemeral port (see Server::port()).
  int io_threads = 0;            // Default: 0 = one per core.
  int blocking_threads = 8;      // Default: 8. Runs calls that may wait on a database.
  int job_threads = 2;           // Default: 2. Runs admin jobs.
  // Default: 12000 (MAX_CONNECTIONS). At most as many as the open-file limit allows. A client
  // over it gets 503 `unavailable` with Retry-After to its first request, then the connection
  // closes (beyond 256 such refusals at once, it is closed without an answer).
  int max_connections = 12000;
  // Default: 60 s. How long a connection may wait for (the header of) its next request.
  std::chrono::milliseconds idle_timeout{60'000};
  // Default: 30 s. How long a request's body, or a response's write, may take.
  std::chrono::milliseconds read_timeout{30'000};
  // Default: 30 s. How long Stop() lets requests in flight finish.
  std::chrono::milliseconds shutdown_grace{30'000};

  // HOST, PORT and MAX_CONNECTIONS from the configuration; the rest at their defaults.
  static ServerOptions FromConfig(const Config& config);
};

class Server {
 public:
  Server(api::Api& api, ServerOptions options);
  ~Server();  // Stops and waits.
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds, listens and starts the threads. Throws std::runtime_error when it cannot bind.
  void Start();
  // The bound port (the ephemeral one when options.port is 0). Valid after Start().
  uint16_t port() const;

  // Stops accepting, closes idle connections, lets requests in flight finish (at most
  // shutdown_grace), then stops the threads. Returns at once; Wait() blocks until done.
  void Stop();
  void Wait();

  // Start(), then serve until SIGTERM or SIGINT, then shut down gracefully.
  void RunUntilSignal();

  class Impl;  // named by the connection sessions in server.cc

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace mysanta::http
