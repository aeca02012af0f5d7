// RpcClient: JSON-RPC 2.0 over HTTP POST on one keep-alive Beast connection (rpc_client.hpp).
#include "tenet/node/client/rpc_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <charconv>
#include <chrono>
#include <utility>

namespace tenet::node {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

/// How long one request may take (connect, write, read) before it is abandoned.
constexpr std::chrono::seconds kRequestTimeout{120};
/// The largest answer read (a node's own body limit is 5 MiB; answers may be larger).
constexpr std::uint64_t kAnswerLimit = std::uint64_t{256} << 20;

/// The parts of an `http://host[:port][/path]` URL.
struct ParsedUrl {
  std::string host;
  std::string port = "80";
  std::string target = "/";
};

Result<ParsedUrl> parse_url(std::string_view url) {
  constexpr std::string_view kScheme = "http://";
  const auto bad = [&](std::string_view why) {
    return vm::Error{"--rpc: '" + std::string(url) + "' " + std::string(why)};
  };
  if (url.starts_with("https://")) return bad("uses https, which is not supported");
  if (!url.starts_with(kScheme)) return bad("is not an http:// URL");
  std::string_view rest = url.substr(kScheme.size());
  ParsedUrl out;
  const size_t slash = rest.find('/');
  if (slash != std::string_view::npos) {
    out.target = std::string(rest.substr(slash));
    rest = rest.substr(0, slash);
  }
  std::string_view host = rest;
  if (rest.starts_with('[')) {  // [::1]:8545
    const size_t close = rest.find(']');
    if (close == std::string_view::npos) return bad("has an unterminated [ in its host");
    host = rest.substr(1, close - 1);
    rest = rest.substr(close + 1);
    if (!rest.empty() && rest.front() != ':') return bad("has text after its host");
    if (!rest.empty()) out.port = std::string(rest.substr(1));
  } else if (const size_t colon = rest.rfind(':'); colon != std::string_view::npos) {
    host = rest.substr(0, colon);
    out.port = std::string(rest.substr(colon + 1));
  }
  if (host.empty()) return bad("names no host");
  unsigned port = 0;
  const auto [end, ec] = std::from_chars(out.port.data(), out.port.data() + out.port.size(), port);
  if (ec != std::errc{} || end != out.port.data() + out.port.size() || port == 0 || port > 65535)
    return bad("has no valid port");
  out.host = std::string(host);
  return out;
}

/// A system error's message with a lower-case first letter ("connection refused").
std::string lower_first(std::string text) {
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] = static_cast<char>(text[0] + 32);
  return text;
}

}  // namespace

struct RpcClient::Impl {
  std::string url;
  ParsedUrl parts;
  asio::io_context io;
  beast::tcp_stream stream{io};
  bool connected = false;
  uint64_t next_id = 1;

  /// A transport failure: code 0, the message naming the URL.
  RpcError unreachable(const std::string& why) const {
    return RpcError{0, "cannot reach " + url + ": " + why, std::nullopt};
  }

  Result<bool, RpcError> connect() {
    beast::error_code ec;
    asio::ip::tcp::resolver resolver(io);
    const auto endpoints = resolver.resolve(parts.host, parts.port, ec);
    if (ec) return unreachable(lower_first(ec.message()));
    stream.expires_after(kRequestTimeout);
    stream.connect(endpoints, ec);
    if (ec) return unreachable(lower_first(ec.message()));
    connected = true;
    return true;
  }

  void disconnect() {
    beast::error_code ignored;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    stream.socket().close(ignored);
    connected = false;
  }

  /// One POST and its answer; `fresh` tells whether the connection was just opened (a
  /// reused one the server closed meanwhile is retried once by the caller).
  Result<http::response<http::string_body>, RpcError> exchange(const std::string& body,
                                                               bool& fresh) {
    fresh = !connected;
    if (!connected)
      if (auto c = connect(); !c) return c.error();
    http::request<http::string_body> request{http::verb::post, parts.target, 11};
    request.set(http::field::host, parts.host + ":" + parts.port);
    request.set(http::field::content_type, "application/json");
    request.set(http::field::user_agent, "tenet");
    request.keep_alive(true);
    request.body() = body;
    request.prepare_payload();
    beast::error_code ec;
    stream.expires_after(kRequestTimeout);
    http::write(stream, request, ec);
    http::response_parser<http::string_body> parser;
    parser.body_limit(kAnswerLimit);
    beast::flat_buffer buffer;
    if (!ec) http::read(stream, buffer, parser, ec);
    if (ec) {
      disconnect();
      if (ec == beast::error::timeout) return unreachable("no answer within 120 s");
      return unreachable(lower_first(ec.message()));
    }
    auto response = parser.release();
    if (!response.keep_alive()) disconnect();
    return response;
  }
};

RpcClient::RpcClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RpcClient::~RpcClient() = default;
RpcClient::RpcClient(RpcClient&&) noexcept = default;
RpcClient& RpcClient::operator=(RpcClient&&) noexcept = default;

Result<RpcClient> RpcClient::open(std::string_view url) {
  auto parts = parse_url(url);
  if (!parts) return parts.error();
  auto impl = std::make_unique<Impl>();
  impl->url = std::string(url);
  impl->parts = std::move(*parts);
  return RpcClient(std::move(impl));
}

Result<nlohmann::json, RpcError> RpcClient::call(std::string_view method,
                                                 const nlohmann::json& params) {
  const nlohmann::json request{{"jsonrpc", "2.0"},
                               {"id", impl_->next_id++},
                               {"method", std::string(method)},
                               {"params", params}};
  const std::string body = request.dump();
  bool fresh = false;
  auto response = impl_->exchange(body, fresh);
  if (!response && !fresh) response = impl_->exchange(body, fresh);  // closed while idle
  if (!response) return response.error();
  const auto answer = nlohmann::json::parse(response->body(), nullptr, false);
  if (answer.is_discarded() || !answer.is_object()) {
    const unsigned status = response->result_int();
    return RpcError{0,
                    impl_->url + " answered HTTP " + std::to_string(status) +
                        (status == 200 ? " without a JSON-RPC object" : ""),
                    std::nullopt};
  }
  if (const auto error = answer.find("error"); error != answer.end()) {
    RpcError out;
    if (error->is_object()) {
      if (auto code = error->find("code"); code != error->end() && code->is_number_integer())
        out.code = code->get<int>();
      if (auto message = error->find("message"); message != error->end() && message->is_string())
        out.message = message->get<std::string>();
      if (auto data = error->find("data"); data != error->end() && !data->is_null())
        out.data = *data;
    } else {
      out.message = error->dump();
    }
    return out;
  }
  if (const auto result = answer.find("result"); result != answer.end()) return *result;
  return RpcError{0, impl_->url + " answered neither a result nor an error", std::nullopt};
}

}  // namespace tenet::node
