#pragma once
/// \file
/// Why the node refuses a request or a transaction: one table of kinds, each with its JSON-RPC
/// error code and the phrase clients match (toolchain.md §4's error table, geth's phrases, plus
/// the node's own caps). A refusal's message is the phrase, then ": " and a detail if any.

#include <cstdint>
#include <string>
#include <string_view>

namespace tenet::node {

/// The refusal table: X(kind, JSON-RPC code, phrase). One row per kind; nothing else lists them.
#define TENET_NODE_REFUSALS(X)                                                   \
  X(ParseError, -32700, "parse error")                                           \
  X(InvalidRequest, -32600, "invalid request")                                   \
  X(MethodNotFound, -32601, "method not found")                                  \
  X(InvalidParams, -32602, "invalid params")                                     \
  X(ExecutionReverted, 3, "execution reverted")                                  \
  X(InvalidTransaction, -32000, "invalid transaction")                           \
  X(InvalidSignature, -32000, "invalid signature")                               \
  X(InvalidChainId, -32000, "invalid chain id")                                  \
  X(NonceTooLow, -32000, "nonce too low")                                        \
  X(NonceTooHigh, -32000, "nonce too high")                                      \
  X(AlreadyKnown, -32000, "already known")                                       \
  X(ReplacementUnderpriced, -32000, "replacement transaction underpriced")       \
  X(FeeBelowBaseFee, -32000, "max fee per gas less than block base fee")         \
  X(InsufficientFunds, -32000, "insufficient funds for gas * price + value")     \
  X(ExceedsBlockGasLimit, -32000, "exceeds block gas limit")                     \
  X(IntrinsicGasTooLow, -32000, "intrinsic gas too low")                         \
  X(InvalidContainer, -32000, "invalid container")                               \
  X(TxTypeNotSupported, -32000, "transaction type not supported")                \
  X(PoolFull, -32000, "txpool is full")                                          \
  X(UnknownAccount, -32000, "unknown account")                                   \
  X(RemoteNotAllowed, -32000,                                                    \
    "method not allowed from a remote host (start with --allow-remote-signing)") \
  X(LimitExceeded, -32005, "limit exceeded")                                     \
  X(SyncTimeout, 4, "timeout")

/// The kinds of refusal, one per row of TENET_NODE_REFUSALS.
enum class RefusalKind : uint8_t {
#define TENET_NODE_REFUSAL_ENUM(kind, code, phrase) kind,
  TENET_NODE_REFUSALS(TENET_NODE_REFUSAL_ENUM)
#undef TENET_NODE_REFUSAL_ENUM
};

/// The JSON-RPC error code of a kind.
int refusal_code(RefusalKind kind);
/// The phrase of a kind ("nonce too low").
std::string_view refusal_phrase(RefusalKind kind);

/// A refusal: its kind and an optional detail (what exactly was wrong).
struct Refusal {
  RefusalKind kind;
  std::string detail;
  /// The JSON-RPC error code.
  int code() const { return refusal_code(kind); }
  /// The phrase, then ": " and the detail when there is one.
  std::string message() const;
};

}  // namespace tenet::node
