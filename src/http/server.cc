#include "http/server.h"

#include <spdlog/spdlog.h>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <sys/resource.h>

#include <csignal>
#include <random>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <vector>

#include "api/error.h"

namespace mysanta::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

bool IsLoopback(const asio::ip::address& address) {
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6()).is_loopback();
  }
  return address.is_loopback();
}

// A caller's X-Request-Id is echoed when it is a sane token: 1-128 visible ASCII characters.
bool IsUsableRequestId(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    if (c < 0x21 || c > 0x7E) return false;
  }
  return true;
}

// A new request id: 32 hex digits (128 random bits), like a UUID without its dashes.
std::string NewRequestId() {
  thread_local std::mt19937_64 random(std::random_device{}() ^
                                      std::hash<std::thread::id>{}(std::this_thread::get_id()));
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(32, '0');
  for (int half = 0; half < 2; ++half) {
    uint64_t bits = random();
    for (int i = 0; i < 16; ++i, bits >>= 4) id[half * 16 + i] = kHex[bits & 0xF];
  }
  return id;
}

// Descriptors kept for everything that is not a client connection: database and Redis pools,
// SQLite files, the listener, logs.
constexpr uint64_t kReservedFds = 256;

// The connection limit the open-file limit allows (at least 1).
int ConnectionLimit(int wanted) {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return wanted;
  uint64_t allowed = limit.rlim_cur > kReservedFds * 2 ? limit.rlim_cur - kReservedFds
                                                       : limit.rlim_cur / 2;
  return static_cast<int>(std::max<uint64_t>(1, std::min<uint64_t>(wanted, allowed)));
}

}  // namespace

class Session;

class Server::Impl {
 public:
  Impl(api::Api& api, ServerOptions options)
      : api_(api),
        options_(std::move(options)),
        acceptor_(asio::make_strand(ioc_)),
        drain_timer_(asio::make_strand(ioc_)),
        blocking_pool_(std::max(1, options_.blocking_threads)),
        job_pool_(std::max(1, options_.job_threads)) {}

  ~Impl() {
    Stop();
    Wait();
  }

  void Start();
  uint16_t port() const { return port_; }
  void Stop();
  void Wait();
  void RunUntilSignal();

  // Used by sessions.
  api::Api& api() { return api_; }
  const ServerOptions& options() const { return options_; }
  bool stopping() const { return stopping_.load(std::memory_order_acquire); }
  asio::thread_pool& blocking_pool() { return blocking_pool_; }
  asio::thread_pool& job_pool() { return job_pool_; }
  int connection_limit() const { return connection_limit_; }
  void Unregister(uint64_t id, bool refusal);

 private:
  void DoAccept();
  void OnAccept(beast::error_code ec, tcp::socket socket);
  void CheckDrained(Clock::time_point deadline);

  // Connections over the limit answered 503 at once; more are closed without an answer.
  static constexpr int kMaxRefusals = 256;

  api::Api& api_;
  ServerOptions options_;
  // Declared before the io_context: sessions destroyed with its pending handlers unregister here.
  std::mutex sessions_mutex_;
  std::unordered_map<uint64_t, std::weak_ptr<Session>> sessions_;
  uint64_t next_session_id_ = 0;
  std::atomic<int> active_sessions_{0};
  // Connections over the limit, being answered 503 (bounded: beyond it they are just closed).
  std::atomic<int> refusals_{0};
  int connection_limit_ = 0;  // set by Start()
  std::atomic<bool> stopping_{false};
  std::atomic<bool> started_{false};
  uint16_t port_ = 0;

  asio::io_context ioc_;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work_;
  tcp::acceptor acceptor_;
  asio::steady_timer drain_timer_;
  std::vector<std::thread> threads_;
  std::mutex wait_mutex_;
  // Declared last so that they are joined and destroyed first, while the io_context still exists.
  asio::thread_pool blocking_pool_;
  asio::thread_pool job_pool_;
};

// One connection: read a request, have the api answer it (on this I/O thread, or on a pool when
// it may block), write the response, and again while the connection is kept alive.
class Session : public std::enable_shared_from_this<Session> {
 public:
  // `refusal`: the connection is over the limit; its first request is answered 503 with
  // Retry-After, then it is closed.
  Session(tcp::socket&& socket, Server::Impl& server, uint64_t id, bool refusal)
      : stream_(std::move(socket)), server_(server), id_(id), refusal_(refusal) {
    beast::error_code ec;
    tcp::endpoint remote = stream_.socket().remote_endpoint(ec);
    loopback_ = !ec && IsLoopback(remote.address());
  }

  ~Session() { server_.Unregister(id_, refusal_); }

  void Run() {
    asio::dispatch(stream_.get_executor(),
                   beast::bind_front_handler(&Session::ReadHeader, shared_from_this()));
  }

  // At shutdown: a connection waiting for its next request is closed; one in the middle of a
  // request finishes it (and then closes, as the server is stopping). A request that has already
  // arrived (its bytes wait in the socket) counts as in the middle: it is read and answered.
  void CloseIfIdle() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      beast::error_code ec;
      const size_t arrived = self->stream_.socket().available(ec);
      if (self->idle_ && (ec || arrived == 0)) self->stream_.cancel();
    });
  }

 private:
  void ReadHeader() {
    idle_ = true;
    if (server_.stopping()) return Close();
    parser_.emplace();
    parser_->body_limit(api::kMaxBodyBytes);
    stream_.expires_after(refusal_ ? kRefusalTime : server_.options().idle_timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
  }

  void OnHeader(beast::error_code ec, size_t) {
    idle_ = false;
    started_ = Clock::now();
    // Beast refuses a declared Content-Length over the body limit as soon as it has the header.
    if (ec == bhttp::error::body_limit) return Handle(/*body_too_large=*/true);
    if (ec) return OnReadError(ec);
    if (refusal_) return Refuse();
    const auto& request = parser_->get();
    boost::optional<uint64_t> length = parser_->content_length();
    if (length && *length > api::kMaxBodyBytes) return Handle(/*body_too_large=*/true);
    if (parser_->is_done()) return Handle(false);
    auto expect = request.find(bhttp::field::expect);
    if (expect != request.end() && beast::iequals(expect->value(), "100-continue")) {
      // The client waits for this before it sends the body.
      continue_.emplace(bhttp::status::continue_, request.version());
      stream_.expires_after(server_.options().read_timeout);
      return bhttp::async_write(
          stream_, *continue_, beast::bind_front_handler(&Session::OnContinue, shared_from_this()));
    }
    ReadBody();
  }

  void OnContinue(beast::error_code ec, size_t) {
    if (ec) return Close();
    ReadBody();
  }

  void ReadBody() {
    stream_.expires_after(server_.options().read_timeout);
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&Session::OnBody, shared_from_this()));
  }

  void OnBody(beast::error_code ec, size_t) {
    if (ec == bhttp::error::body_limit) {
      started_ = Clock::now();
      return Handle(/*body_too_large=*/true);
    }
    if (ec) return OnReadError(ec);
    Handle(false);
  }

  void OnReadError(beast::error_code ec) {
    bool malformed = ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
                     ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message;
    if (!malformed) return Close();  // closed, timed out, cancelled at shutdown
    api::Response response =
        api::ErrorResponse(api::ApiError::BadRequest("malformed HTTP request: " + ec.message()));
    version_ = 11;
    keep_alive_ = false;
    method_ = "-";
    target_ = "-";
    request_id_ = NewRequestId();
    head_ = false;
    started_ = Clock::now();
    Write(std::move(response));
  }

  // Over the connection limit: a clean 503 (the body unread, so the connection then closes).
  void Refuse() {
    const auto& message = parser_->get();
    version_ = message.version();
    keep_alive_ = false;
    method_ = std::string(message.method_string());
    target_ = std::string(message.target());
    request_id_ = RequestIdOf(message);
    head_ = message.method() == bhttp::verb::head;
    Write(api::ErrorResponse(api::ApiError::Unavailable(fmt::format(
        "the server is at its connection limit ({}): try again shortly",
        server_.connection_limit()))));
  }

  template <typename Message>
  static std::string RequestIdOf(const Message& message) {
    auto it = message.find("X-Request-Id");
    if (it != message.end() && IsUsableRequestId(it->value())) return std::string(it->value());
    return NewRequestId();
  }

  void Handle(bool body_too_large) {
    auto& message = parser_->get();
    api::Request request;
    request.method = std::string(message.method_string());
    request.target = std::string(message.target());
    if (auto it = message.find(bhttp::field::authorization); it != message.end()) {
      request.authorization = std::string(it->value());
    }
    request.body = std::move(message.body());
    request.client_is_loopback = loopback_;
    request.body_too_large = body_too_large;
    request.request_id = RequestIdOf(message);
    request_id_ = request.request_id;
    head_ = message.method() == bhttp::verb::head;
    version_ = message.version();
    // After a refused body the stream holds unread bytes: the connection cannot go on.
    keep_alive_ = message.keep_alive() && !body_too_large;
    method_ = request.method;
    target_ = request.target;

    api::Lane lane =
        body_too_large ? api::Lane::kInline : server_.api().LaneOf(request.method, request.target);
    if (lane == api::Lane::kInline) return Write(server_.api().Handle(request));
    asio::thread_pool& pool =
        lane == api::Lane::kJob ? server_.job_pool() : server_.blocking_pool();
    asio::post(pool, [self = shared_from_this(), request = std::move(request),
                      work = asio::make_work_guard(stream_.get_executor())]() mutable {
      api::Response response = self->server_.api().Handle(request);
      asio::post(self->stream_.get_executor(), [self, response = std::move(response)]() mutable {
        self->Write(std::move(response));
      });
    });
  }

  void Write(api::Response answer) {
    response_ = {};
    response_.version(version_);
    response_.result(static_cast<unsigned>(answer.status));
    response_.set(bhttp::field::server, "mysanta-rec");
    response_.set(bhttp::field::content_type, answer.content_type);
    if (!answer.allow.empty()) response_.set(bhttp::field::allow, answer.allow);
    if (answer.retry_after_seconds > 0) {
      response_.set(bhttp::field::retry_after, std::to_string(answer.retry_after_seconds));
    }
    response_.set("X-Request-Id", request_id_);
    response_.keep_alive(keep_alive_ && !server_.stopping());
    if (head_) {  // the headers a GET would have, without its body
      response_.content_length(answer.body.size());
    } else {
      response_.body() = std::move(answer.body);
      response_.prepare_payload();
    }
    // The request log: every request at debug, server-side failures at warn.
    spdlog::log(answer.status >= 500 ? spdlog::level::warn : spdlog::level::debug,
                "{} {} -> {} ({:.3f} ms) request_id={}{}", method_, target_, answer.status,
                std::chrono::duration<double, std::milli>(Clock::now() - started_).count(),
                request_id_, loopback_ ? "" : " remote");
    stream_.expires_after(server_.options().read_timeout);
    bhttp::async_write(stream_, response_,
                       beast::bind_front_handler(&Session::OnWrite, shared_from_this()));
  }

  void OnWrite(beast::error_code ec, size_t) {
    if (ec) return Close();
    if (refusal_ || response_.result() == bhttp::status::payload_too_large) return Linger();
    if (!response_.keep_alive()) return Close();
    ReadHeader();
  }

  // After a 413 the client may still be sending the refused body; closing with unread bytes would
  // reset the connection and could destroy the response before the client reads it. So: stop
  // sending, discard what arrives for a short while (bounded in bytes and time), then close.
  void Linger() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return Close();
    stream_.expires_after(kLingerTime);
    Discard();
  }

  void Discard() {
    if (discarded_ >= kLingerBytes) return Close();
    discard_buffer_.resize(16 * 1024);
    stream_.async_read_some(asio::buffer(discard_buffer_),
                            [self = shared_from_this()](beast::error_code ec, size_t bytes) {
                              if (ec) return self->Close();
                              self->discarded_ += bytes;
                              self->Discard();
                            });
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.socket().close(ec);
  }

  static constexpr auto kLingerTime = std::chrono::seconds(2);
  // How long a connection over the limit may take to send its request header.
  static constexpr auto kRefusalTime = std::chrono::seconds(2);
  static constexpr size_t kLingerBytes = 1 << 20;

  beast::tcp_stream stream_;
  Server::Impl& server_;
  uint64_t id_;
  bool refusal_ = false;
  bool loopback_ = false;
  bool idle_ = true;  // waiting for the next request
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::optional<bhttp::response<bhttp::empty_body>> continue_;
  bhttp::response<bhttp::string_body> response_;
  unsigned version_ = 11;
  bool keep_alive_ = true;
  std::string method_;  // for the log line
  std::string target_;
  std::string request_id_;
  bool head_ = false;  // a HEAD request: the response goes without its body
  Clock::time_point started_;
  std::vector<char> discard_buffer_;
  size_t discarded_ = 0;
};

void Server::Impl::Start() {
  if (started_.load()) return;
  beast::error_code ec;
  asio::ip::address address = asio::ip::make_address(options_.host, ec);
  if (ec) {  // a host name, such as localhost
    tcp::resolver resolver(ioc_);
    auto results = resolver.resolve(options_.host, std::to_string(options_.port), ec);
    if (ec || results.empty()) {
      throw std::runtime_error("cannot listen on " + options_.host + ": unknown host");
    }
    address = results.begin()->endpoint().address();
  }
  tcp::endpoint endpoint(address, options_.port);
  auto fail = [&](std::string_view what) {
    throw std::runtime_error(fmt::format("cannot listen on {}:{}: {}: {}", options_.host,
                                         options_.port, what, ec.message()));
  };
  acceptor_.open(endpoint.protocol(), ec);
  if (ec) fail("open");
  acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  acceptor_.bind(endpoint, ec);
  if (ec) fail("bind");
  acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) fail("listen");
  port_ = acceptor_.local_endpoint().port();
  connection_limit_ = ConnectionLimit(options_.max_connections);
  if (connection_limit_ < options_.max_connections) {
    spdlog::warn("connection limit {} lowered to {}: the open-file limit allows no more",
                 options_.max_connections, connection_limit_);
  }
  started_ = true;
  work_.emplace(ioc_.get_executor());
  asio::post(acceptor_.get_executor(), [this] { DoAccept(); });
  int count = options_.io_threads > 0 ? options_.io_threads
                                      : std::max(1u, std::thread::hardware_concurrency());
  for (int i = 0; i < count; ++i) threads_.emplace_back([this] { ioc_.run(); });
  spdlog::info("listening on {}:{} ({} I/O threads, at most {} connections)", options_.host, port_,
               count, connection_limit_);
}

void Server::Impl::DoAccept() {
  acceptor_.async_accept(asio::make_strand(ioc_), beast::bind_front_handler(&Impl::OnAccept, this));
}

void Server::Impl::OnAccept(beast::error_code ec, tcp::socket socket) {
  if (stopping() || !acceptor_.is_open()) return;
  if (ec) {
    // E.g. out of file descriptors: try again shortly rather than spin.
    spdlog::warn("accept failed: {}", ec.message());
    auto timer = std::make_shared<asio::steady_timer>(acceptor_.get_executor());
    timer->expires_after(std::chrono::milliseconds(50));
    timer->async_wait([this, timer](beast::error_code) {
      if (!stopping()) DoAccept();
    });
    return;
  }
  bool refusal = active_sessions_.load() >= connection_limit_;
  if (refusal && refusals_.load() >= kMaxRefusals) {
    beast::error_code ignored;  // a flood: no descriptor to spare even for a 503
    socket.close(ignored);
  } else {
    std::shared_ptr<Session> session;
    {
      std::lock_guard lock(sessions_mutex_);
      uint64_t id = next_session_id_++;
      session = std::make_shared<Session>(std::move(socket), *this, id, refusal);
      sessions_.emplace(id, session);
      (refusal ? refusals_ : active_sessions_).fetch_add(1);
    }
    session->Run();
  }
  DoAccept();
}

void Server::Impl::Unregister(uint64_t id, bool refusal) {
  std::lock_guard lock(sessions_mutex_);
  sessions_.erase(id);
  (refusal ? refusals_ : active_sessions_).fetch_sub(1);
}

void Server::Impl::Stop() {
  if (!started_.load() || stopping_.exchange(true)) return;
  spdlog::info("shutting down: finishing requests in flight");
  asio::post(acceptor_.get_executor(), [this] {
    beast::error_code ignored;
    acceptor_.close(ignored);
  });
  // Collected under the lock but released outside it: dropping the last reference destroys a
  // session, whose destructor takes the lock to unregister.
  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard lock(sessions_mutex_);
    for (auto& [id, weak] : sessions_) {
      if (std::shared_ptr<Session> session = weak.lock()) live.push_back(std::move(session));
    }
  }
  for (const std::shared_ptr<Session>& session : live) session->CloseIfIdle();
  live.clear();
  Clock::time_point deadline = Clock::now() + options_.shutdown_grace;
  asio::post(drain_timer_.get_executor(), [this, deadline] { CheckDrained(deadline); });
}

void Server::Impl::CheckDrained(Clock::time_point deadline) {
  if (active_sessions_.load() + refusals_.load() == 0 || Clock::now() >= deadline) {
    work_.reset();
    ioc_.stop();
    return;
  }
  drain_timer_.expires_after(std::chrono::milliseconds(10));
  drain_timer_.async_wait([this, deadline](beast::error_code) { CheckDrained(deadline); });
}

void Server::Impl::Wait() {
  std::lock_guard lock(wait_mutex_);
  for (std::thread& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
  threads_.clear();
  blocking_pool_.join();
  job_pool_.join();
}

void Server::Impl::RunUntilSignal() {
  asio::signal_set signals(ioc_, SIGINT, SIGTERM);
  signals.async_wait([this](beast::error_code ec, int signal) {
    if (ec) return;
    spdlog::info("signal {} received", signal);
    Stop();
  });
  Start();
  Wait();
}

ServerOptions ServerOptions::FromConfig(const Config& config) {
  ServerOptions options;
  options.host = config.host;
  options.port = static_cast<uint16_t>(config.port);
  options.max_connections = config.max_connections;
  return options;
}

Server::Server(api::Api& api, ServerOptions options)
    : impl_(std::make_unique<Impl>(api, std::move(options))) {}
Server::~Server() = default;
void Server::Start() { impl_->Start(); }
uint16_t Server::port() const { return impl_->port(); }
void Server::Stop() { impl_->Stop(); }
void Server::Wait() { impl_->Wait(); }
void Server::RunUntilSignal() { impl_->RunUntilSignal(); }

}  // namespace mysanta::http
