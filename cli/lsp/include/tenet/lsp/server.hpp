#pragma once
/// \file
/// The Tenet language server (docs/cli.md, "tenet lsp"): LSP 3.17 over JSON-RPC. A Server
/// takes one message body at a time and returns the messages to send (responses,
/// diagnostics, requests to the client), so tests drive it without pipes; serve() runs it
/// over a pair of streams with Content-Length framing.
///
/// Lifecycle: requests before `initialize` are answered -32002 (server not initialized),
/// notifications before it are dropped; after `shutdown` requests are answered -32600;
/// `exit` ends the server with status 0 after `shutdown` and 1 without, as does the end of
/// the input. Bad input — a malformed frame, a body that is not JSON, a message of the wrong
/// shape, params of the wrong types, an unknown method or document — is answered with an
/// error (for a notification, a window/logMessage of type Error, since a notification has
/// no answer) and the server reads on.

#include <filesystem>
#include <istream>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace tenet::lsp {

/// What the server needs from its host.
struct ServerOptions {
  std::filesystem::path stdlib_dir;  ///< the directory holding `std/` (for `std/…` imports)
};

class Session;

/// One language server session.
class Server {
 public:
  /// A server that has not been initialized.
  explicit Server(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Handles one message body; returns what to send, in order.
  std::vector<nlohmann::json> handle(std::string_view body);
  /// The answer to a frame whose header part was malformed (`problem` says how).
  std::vector<nlohmann::json> malformed_frame(const std::string& problem);
  /// True once `exit` was received.
  bool exited() const;
  /// The exit status: 0 when `shutdown` was received, else 1.
  int exit_status() const;

 private:
  std::unique_ptr<Session> session_;
};

/// Serves `in` → `out` (Content-Length framing) until `exit` or the end of `in`; returns the
/// exit status (Server::exit_status).
int serve(std::istream& in, std::ostream& out, const ServerOptions& options);

}  // namespace tenet::lsp
