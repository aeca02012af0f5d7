#pragma once
/// \file
/// A small JSON-RPC client over HTTP (Boost.Beast, one keep-alive connection) for `tenet
/// deploy`, `tenet call` and `tenet send`.

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "tenet/node/common/types.hpp"

namespace tenet::node {

/// A JSON-RPC error answer, or a transport failure (code 0, message naming the URL).
struct RpcError {
  int code = 0;
  std::string message;
  /// The error's `data` when present (revert data for code 3).
  std::optional<nlohmann::json> data;
};

/// A connection to one node.
class RpcClient {
 public:
  /// Parses `url` (http://host:port[/path]); connects lazily. Errors: a URL it cannot use.
  static Result<RpcClient> open(std::string_view url);
  ~RpcClient();
  RpcClient(RpcClient&&) noexcept;
  RpcClient& operator=(RpcClient&&) noexcept;
  /// Calls `method` with `params` (an array); the result, or the error.
  Result<nlohmann::json, RpcError> call(std::string_view method, const nlohmann::json& params);

 private:
  struct Impl;
  explicit RpcClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tenet::node
