// HttpClient: a small synchronous HTTP/1.1 client over Boost.Beast for the end-to-end tests. One
// keep-alive connection to 127.0.0.1:port, reopened when the server closed it; every call has a
// deadline so a hung server fails the test instead of hanging it. SendRaw writes bytes exactly
// as given (for requests Beast would refuse to build, e.g. a declared body that never comes).
//
// Not thread-safe: one client per thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <map>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

namespace mysanta::e2e {

struct HttpResponse {
  int status = 0;
  std::string body;
  std::string content_type;
  bool keep_alive = true;
  std::map<std::string, std::string> headers;  // names in lower case

  // A header's value; "" when absent.
  std::string Header(const std::string& lower_case_name) const {
    auto it = headers.find(lower_case_name);
    return it == headers.end() ? "" : it->second;
  }

  // The body as JSON; a null value when it is not JSON.
  boost::json::value Json() const {
    boost::system::error_code ec;
    boost::json::value value = boost::json::parse(body, ec);
    if (ec) return nullptr;
    return value;
  }
};

class HttpError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class HttpClient {
 public:
  // Default deadline of one exchange: 30 s (admin jobs on PostgreSQL take seconds).
  explicit HttpClient(uint16_t port, std::chrono::seconds timeout = std::chrono::seconds(30))
      : port_(port), timeout_(timeout) {}

  HttpResponse Get(std::string_view target) { return Send("GET", target, std::nullopt, {}); }
  HttpResponse Post(std::string_view target, std::string_view body,
                    std::vector<std::pair<std::string, std::string>> headers = {}) {
    return Send("POST", target, std::string(body), std::move(headers));
  }
  // Throws HttpError when the server cannot be reached or does not answer in time.
  HttpResponse Send(std::string_view method, std::string_view target,
                    std::optional<std::string> body,
                    std::vector<std::pair<std::string, std::string>> headers) {
    namespace http = boost::beast::http;
    http::request<http::string_body> request;
    request.method_string(method);
    request.target(target);
    request.version(11);
    request.set(http::field::host, "127.0.0.1");
    for (const auto& [name, value] : headers) request.set(name, value);
    if (body) {
      if (request.find(http::field::content_type) == request.end()) {
        request.set(http::field::content_type, "application/json");
      }
      request.body() = std::move(*body);
      request.prepare_payload();
    }
    request.keep_alive(true);
    // A kept-alive connection the server closed meanwhile fails the first try: retry once anew.
    for (int attempt = 0;; ++attempt) {
      try {
        EnsureConnected();
        stream_->expires_after(timeout_);
        http::write(*stream_, request);
        return ReadResponse(/*head=*/method == "HEAD");
      } catch (const boost::system::system_error& error) {
        Close();
        if (attempt == 1 || !reused_) throw HttpError(std::string("HTTP exchange failed: ") + error.what());
      }
    }
  }

  // Writes `bytes` on a fresh connection and reads one response; the connection is closed after.
  HttpResponse SendRaw(std::string_view bytes) {
    Close();
    try {
      EnsureConnected();
      stream_->expires_after(timeout_);
      boost::asio::write(stream_->socket(), boost::asio::buffer(bytes.data(), bytes.size()));
      HttpResponse response = ReadResponse();
      Close();
      return response;
    } catch (const boost::system::system_error& error) {
      Close();
      throw HttpError(std::string("raw HTTP exchange failed: ") + error.what());
    }
  }

  void Close() {
    if (stream_) {
      boost::system::error_code ignored;
      stream_->socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
      stream_->socket().close(ignored);
      stream_.reset();
    }
    buffer_.clear();
  }

  ~HttpClient() { Close(); }

 private:
  void EnsureConnected() {
    reused_ = stream_.has_value();
    if (stream_) return;
    stream_.emplace(io_);
    stream_->expires_after(timeout_);
    stream_->connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"),
                                                    port_));
  }

  // `head`: the answer to a HEAD request, which has headers only.
  HttpResponse ReadResponse(bool head = false) {
    namespace http = boost::beast::http;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    parser.skip(head);
    http::read(*stream_, buffer_, parser);
    http::response<http::string_body> message = parser.release();
    HttpResponse response;
    response.status = static_cast<int>(message.result_int());
    response.body = std::move(message.body());
    response.content_type = std::string(message[http::field::content_type]);
    response.keep_alive = message.keep_alive();
    for (const auto& field : message) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      response.headers[name] = std::string(field.value());
    }
    if (!response.keep_alive) Close();
    return response;
  }

  uint16_t port_;
  std::chrono::seconds timeout_;
  boost::asio::io_context io_;
  std::optional<boost::beast::tcp_stream> stream_;
  boost::beast::flat_buffer buffer_;
  bool reused_ = false;
};

}  // namespace mysanta::e2e
