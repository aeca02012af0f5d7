/// \file
/// The HTTP server of `tenet node` (rpc_server.hpp), on Boost.Beast, header-only: the only
/// server TU that includes Beast (it is slow to compile). Each connection is a session reading
/// requests with a parser limited to the body limit (over: HTTP 413 and close, nothing read
/// further), answering POST through the RpcHandler on the I/O thread, OPTIONS with a CORS
/// preflight, anything else with 405; keep-alive as the client asks.

#include "tenet/node/server/rpc_server.hpp"

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <csignal>
#include <deque>
#include <memory>
#include <optional>
#include <vector>

#include "tenet/node/common/stack_thread.hpp"
#include "tenet/node/rpc/subscriptions.hpp"

namespace tenet::node {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

/// How long a connection may sit idle (or take to send a request) before it is closed.
constexpr std::chrono::seconds kServerIdleTimeout{120};
/// How long a connection stays open after its 413 answer (unread data then resets it).
constexpr std::chrono::milliseconds kServerLinger{500};
/// How often a WebSocket connection polls its subscriptions.
constexpr std::chrono::milliseconds kServerPollInterval{50};
/// The methods an answer allows.
constexpr const char* kServerAllowedMethods = "POST, OPTIONS";

/// The server's state, shared by its sessions.
struct ServerCore {
  RpcHandler* handler = nullptr;
  ServerOptions options;
  std::unique_ptr<asio::io_context> io;
  std::optional<tcp::acceptor> acceptor;
  std::optional<asio::signal_set> signals;
  std::atomic<unsigned> connections{0};
  uint16_t port = 0;

  /// Accepts the next connection (and so on).
  void accept();
  /// Closes the acceptor and stops the I/O threads (on an I/O thread).
  void shut_down();
  ~ServerCore();
};

/// One WebSocket connection (an HTTP connection upgraded): each text message is a request
/// body for the handler, answered in order; its subscriptions are polled every
/// kServerPollInterval and their notifications sent between answers.
class ServerWsSession : public std::enable_shared_from_this<ServerWsSession> {
 public:
  ServerWsSession(tcp::socket&& socket, ServerCore& server, bool remote_peer)
      : ws_(std::move(socket)),
        server_(&server),
        subscriptions_(server.handler->service()),
        poll_(ws_.get_executor()) {
    server_->connections.fetch_add(1);
    context_.remote_peer = remote_peer;
    context_.subscriptions = &subscriptions_;
  }
  ~ServerWsSession() { server_->connections.fetch_sub(1); }

  /// Completes the upgrade `request` asked for, then serves.
  void start(http::request<http::string_body> request) {
    beast::get_lowest_layer(ws_).expires_never();
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws_.read_message_max(server_->options.body_limit);
    ws_.async_accept(request, [self = shared_from_this()](beast::error_code ec) {
      if (ec) return;
      self->read();
      self->schedule_poll();
    });
  }

 private:
  void read() {
    ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      self->on_message(ec);
    });
  }

  void on_message(beast::error_code ec) {
    if (ec) {
      closed_ = true;
      poll_.cancel();
      return;
    }
    const std::string body = beast::buffers_to_string(buffer_.data());
    buffer_.consume(buffer_.size());
    std::string answer = server_->handler->handle(body, context_);
    if (!answer.empty()) send(std::move(answer));
    read();
  }

  void send(std::string text) {
    outbox_.push_back(std::move(text));
    if (outbox_.size() == 1) write_next();
  }

  void write_next() {
    ws_.text(true);
    ws_.async_write(asio::buffer(outbox_.front()),
                    [self = shared_from_this()](beast::error_code ec, std::size_t) {
                      if (ec) {
                        self->closed_ = true;
                        self->poll_.cancel();
                        return;
                      }
                      self->outbox_.pop_front();
                      if (!self->outbox_.empty()) self->write_next();
                    });
  }

  void schedule_poll() {
    poll_.expires_after(kServerPollInterval);
    poll_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (ec || self->closed_) return;
      if (self->subscriptions_.size() != 0)
        for (std::string& n : self->subscriptions_.poll()) self->send(std::move(n));
      self->schedule_poll();
    });
  }

  websocket::stream<beast::tcp_stream> ws_;
  beast::flat_buffer buffer_;
  ServerCore* server_;
  Subscriptions subscriptions_;
  RequestContext context_;
  std::deque<std::string> outbox_;
  asio::steady_timer poll_;
  bool closed_ = false;
};

/// One HTTP connection.
class ServerSession : public std::enable_shared_from_this<ServerSession> {
 public:
  ServerSession(tcp::socket socket, ServerCore& server)
      : stream_(std::move(socket)), server_(&server) {
    beast::error_code ec;
    const auto peer = stream_.socket().remote_endpoint(ec);
    context_.remote_peer = ec || !peer.address().is_loopback();
  }
  ~ServerSession() { server_->connections.fetch_sub(1); }

  void start() { read(); }

 private:
  void read() {
    parser_.emplace();
    parser_->body_limit(server_->options.body_limit);
    stream_.expires_after(kServerIdleTimeout);
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
  }

  void on_read(beast::error_code ec) {
    if (ec == http::error::body_limit) {
      oversized_ = true;
      respond(answer(http::status::payload_too_large, 11, false), false);
      return;
    }
    if (ec) return close();
    if (websocket::is_upgrade(parser_->get())) {
      std::make_shared<ServerWsSession>(stream_.release_socket(), *server_, context_.remote_peer)
          ->start(parser_->release());
      return;
    }
    const auto& request = parser_->get();
    const bool keep_alive = request.keep_alive();
    const unsigned version = request.version();
    switch (request.method()) {
      case http::verb::post:
        return respond(post(request.body(), version, keep_alive), keep_alive);
      case http::verb::options:
        return respond(preflight(request, version, keep_alive), keep_alive);
      default: {
        auto res = answer(http::status::method_not_allowed, version, keep_alive);
        res.set(http::field::allow, kServerAllowedMethods);
        return respond(std::move(res), keep_alive);
      }
    }
  }

  /// An empty answer with the CORS origin header.
  http::response<http::string_body> answer(http::status status, unsigned version,
                                           bool keep_alive) const {
    http::response<http::string_body> res{status, version};
    res.set(http::field::server, "tenet-node");
    if (!server_->options.allow_origin.empty())
      res.set(http::field::access_control_allow_origin, server_->options.allow_origin);
    res.keep_alive(keep_alive);
    res.prepare_payload();
    return res;
  }

  http::response<http::string_body> post(const std::string& body, unsigned version,
                                         bool keep_alive) {
    std::string out = server_->handler->handle(body, context_);
    if (out.empty()) return answer(http::status::no_content, version, keep_alive);
    auto res = answer(http::status::ok, version, keep_alive);
    res.set(http::field::content_type, "application/json");
    res.body() = std::move(out);
    res.prepare_payload();
    return res;
  }

  http::response<http::string_body> preflight(const http::request<http::string_body>& request,
                                              unsigned version, bool keep_alive) const {
    auto res = answer(http::status::no_content, version, keep_alive);
    res.set(http::field::access_control_allow_methods, kServerAllowedMethods);
    const auto asked = request.find(http::field::access_control_request_headers);
    res.set(http::field::access_control_allow_headers,
            asked != request.end() ? std::string(asked->value()) : std::string("Content-Type"));
    res.set(http::field::access_control_max_age, "86400");
    return res;
  }

  void respond(http::response<http::string_body>&& res, bool keep_alive) {
    auto owned = std::make_shared<http::response<http::string_body>>(std::move(res));
    http::async_write(
        stream_, *owned,
        [self = shared_from_this(), owned, keep_alive](beast::error_code ec, std::size_t) {
          if (ec || !keep_alive) return self->close();
          self->read();
        });
  }

  /// Closes the connection. After a 413 the rest of the body is never read: the close waits
  /// kServerLinger after the answer so the client reads it before the reset unread data causes.
  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (!oversized_) return stream_.close();
    linger_.emplace(stream_.get_executor());
    linger_->expires_after(kServerLinger);
    linger_->async_wait([self = shared_from_this()](beast::error_code) { self->stream_.close(); });
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  ServerCore* server_;
  RequestContext context_;
  bool oversized_ = false;
  std::optional<asio::steady_timer> linger_;
};

void ServerCore::accept() {
  acceptor->async_accept(asio::make_strand(*io), [this](beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || !acceptor->is_open()) return;
    if (!ec) {
      if (connections.fetch_add(1) >= options.max_connections) {
        connections.fetch_sub(1);
        beast::error_code ignored;
        socket.close(ignored);
      } else {
        std::make_shared<ServerSession>(std::move(socket), *this)->start();
      }
    }
    accept();
  });
}

void ServerCore::shut_down() {
  beast::error_code ec;
  if (acceptor) acceptor->close(ec);
  if (signals) signals->cancel(ec);
  io->stop();
}

ServerCore::~ServerCore() {
  // Sessions still queued on the context count themselves out of `connections` when the
  // context is destroyed: destroy it while the counter lives.
  signals.reset();
  acceptor.reset();
  io.reset();
}

}  // namespace

struct RpcServer::Impl : ServerCore {};

RpcServer::RpcServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

RpcServer::~RpcServer() {
  if (impl_) impl_->shut_down();
}

Result<std::unique_ptr<RpcServer>> RpcServer::listen(RpcHandler& handler,
                                                     const ServerOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->handler = &handler;
  impl->options = options;
  impl->io = std::make_unique<asio::io_context>(static_cast<int>(std::max(1u, options.io_threads)));
  beast::error_code ec;
  const std::string where = options.host + ":" + std::to_string(options.port);
  tcp::endpoint endpoint;
  if (const auto address = asio::ip::make_address(options.host, ec); !ec) {
    endpoint = tcp::endpoint{address, options.port};
  } else {
    tcp::resolver resolver(*impl->io);
    const auto found = resolver.resolve(options.host, std::to_string(options.port), ec);
    if (ec || found.empty())
      return vm::Error{"cannot listen on " + where + ": unknown host " + options.host};
    endpoint = found.begin()->endpoint();
  }
  tcp::acceptor& acceptor = impl->acceptor.emplace(*impl->io);
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return vm::Error{"cannot listen on " + where + ": " + ec.message()};
  impl->port = acceptor.local_endpoint(ec).port();
  impl->accept();
  return std::unique_ptr<RpcServer>(new RpcServer(std::move(impl)));
}

uint16_t RpcServer::port() const {
  return impl_->port;
}

void RpcServer::run_until_signal() {
  Impl& impl = *impl_;
  impl.signals.emplace(*impl.io, SIGINT, SIGTERM);
  impl.signals->async_wait([&impl](beast::error_code ec, int) {
    if (!ec) impl.shut_down();
  });
  std::vector<std::unique_ptr<StackThread>> threads;
  for (unsigned i = 0; i < std::max(1u, impl.options.io_threads); ++i)
    threads.push_back(std::make_unique<StackThread>([&impl] { impl.io->run(); }));
  for (auto& t : threads) t->join();
}

void RpcServer::stop() {
  Impl& impl = *impl_;
  asio::post(*impl.io, [&impl] { impl.shut_down(); });
  impl.io->stop();
}

}  // namespace tenet::node
