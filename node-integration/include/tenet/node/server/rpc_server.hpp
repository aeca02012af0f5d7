#pragma once
/// \file
/// The HTTP (and WebSocket) server of `tenet node` (Boost.Beast): POST bodies to the
/// RpcHandler, keep-alive, a 5 MiB body limit (HTTP 413, nothing read further), CORS for
/// --allow-origin with preflight, loopback by default, its own I/O threads.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "tenet/node/rpc/rpc_handler.hpp"

namespace tenet::node {

/// How to serve.
struct ServerOptions {
  std::string host = "127.0.0.1";
  /// 0: a port the system chooses.
  uint16_t port = 8545;
  std::string allow_origin = "*";
  /// Bodies over this are answered HTTP 413.
  std::size_t body_limit = std::size_t{5} << 20;
  unsigned io_threads = 2;
  /// The most connections open at once.
  unsigned max_connections = 128;
};

/// A listening server.
class RpcServer {
 public:
  /// Binds `options.host:options.port`. Errors: the address cannot be bound (in use, bad host).
  static Result<std::unique_ptr<RpcServer>> listen(RpcHandler& handler,
                                                   const ServerOptions& options);
  ~RpcServer();
  /// The port bound (the chosen one when options.port was 0).
  uint16_t port() const;
  /// Serves until SIGINT or SIGTERM (or stop()), then stops accepting and returns.
  void run_until_signal();
  /// Makes run_until_signal return (any thread).
  void stop();

 private:
  struct Impl;
  explicit RpcServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tenet::node
