// A small blocking HTTP/1.1 client for the http tests, over Beast. Every operation has a deadline
// (default 10 s), so a misbehaving server fails a test instead of hanging it.
#pragma once

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace mysanta::testing {

using HttpResponse = boost::beast::http::response<boost::beast::http::string_body>;

class HttpClient {
 public:
  explicit HttpClient(uint16_t port, std::chrono::milliseconds deadline = std::chrono::seconds(10))
      : stream_(ioc_), deadline_(deadline) {
    stream_.expires_after(deadline_);
    boost::beast::error_code ec;
    stream_.socket().connect({boost::asio::ip::make_address("127.0.0.1"), port}, ec);
    if (ec) throw std::runtime_error("connect: " + ec.message());
  }

  // Sends a request and reads its response; throws when the server closes or times out.
  HttpResponse Send(std::string method, std::string target, std::string body = "",
                    std::vector<std::pair<std::string, std::string>> headers = {}) {
    namespace http = boost::beast::http;
    http::request<http::string_body> request;
    request.method_string(method);
    request.target(target);
    request.version(11);
    request.set(http::field::host, "127.0.0.1");
    for (auto& [name, value] : headers) request.set(name, value);
    if (!body.empty() || method == "POST") {
      request.set(http::field::content_type, "application/json");
      request.body() = std::move(body);
      request.prepare_payload();
    }
    Run([&](auto done) { http::async_write(stream_, request, done); });
    std::optional<HttpResponse> response = Read(/*head=*/method == "HEAD");
    if (!response) throw std::runtime_error("connection closed before a response");
    return std::move(*response);
  }

  void WriteRaw(const std::string& bytes) {
    Run([&](auto done) { boost::asio::async_write(stream_, boost::asio::buffer(bytes), done); });
  }

  // The next response; nullopt when the connection closed (or timed out) first. `head`: the
  // answer to a HEAD request (headers only, whatever its Content-Length says).
  std::optional<HttpResponse> Read(bool head = false) {
    boost::beast::http::response_parser<boost::beast::http::string_body> parser;
    parser.skip(head);
    boost::beast::error_code ec =
        Run([&](auto done) { boost::beast::http::async_read(stream_, buffer_, parser, done); },
            /*throw_on_error=*/false);
    if (ec) return std::nullopt;
    return parser.release();
  }

  // True when the server closes the connection (within the deadline) without sending anything.
  bool ClosedByServer() {
    char byte = 0;
    boost::beast::error_code ec =
        Run([&](auto done) { stream_.async_read_some(boost::asio::buffer(&byte, 1), done); },
            /*throw_on_error=*/false);
    return ec == boost::asio::error::eof || ec == boost::asio::error::connection_reset;
  }

 private:
  template <typename Start>
  boost::beast::error_code Run(Start start, bool throw_on_error = true) {
    boost::beast::error_code result;
    bool finished = false;
    stream_.expires_after(deadline_);
    start([&](boost::beast::error_code ec, size_t) {
      result = ec;
      finished = true;
    });
    ioc_.restart();
    ioc_.run();
    if (!finished) result = boost::asio::error::timed_out;
    if (result && throw_on_error) throw std::runtime_error("http client: " + result.message());
    return result;
  }

  boost::asio::io_context ioc_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::chrono::milliseconds deadline_;
};

}  // namespace mysanta::testing
