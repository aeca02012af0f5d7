#pragma once
/// \file
/// What goes into an external call frame (Message) and what comes out (ExecResult).

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "tenet/vm/address.hpp"
#include "tenet/vm/word.hpp"

namespace tenet::vm {

/// Maximum depth of external calls (the outermost call has depth 0).
inline constexpr int kMaxCallDepth = 1024;

/// How a frame ended.
enum class Status : uint8_t {
  Success,   ///< STOP, RETURN, or a constructor that finished
  Revert,    ///< REVERT/PANIC or a VM-level refusal; unused gas is returned
  OutOfGas,  ///< ran out of gas; all gas consumed
  Trap,      ///< TRAP or a forbidden action (see ExecResult::reason); all gas consumed
  Invalid,   ///< the code failed validation; all gas consumed
};

/// The name used in JSON output: "success", "revert", "out-of-gas", "trap", "invalid".
std::string_view status_name(Status s);

/// Kind of external frame.
enum class CallKind : uint8_t {
  Call,    ///< run an exported function (or receive) of existing code
  Create,  ///< run a container's constructor at a new address
};

/// An external call or creation, as the VM asks the host to perform it and as the
/// host hands it to the VM.
struct Message {
  CallKind kind = CallKind::Call;
  bool is_static = false;      ///< no state changes allowed in this frame or below
  int depth = 0;               ///< 0 for the transaction's own call
  int64_t gas = 0;             ///< gas available to the frame
  Address sender;              ///< msg.sender
  Address recipient;           ///< the account whose code runs (for Create: set by the host)
  Word value;                  ///< msg.value
  std::span<const uint8_t> input;      ///< call data, or constructor arguments for Create
  std::span<const uint8_t> init_code;  ///< Create only: the container to deploy
  const Message* parent = nullptr;     ///< the calling frame's message (re-entrancy rule)
};

/// The outcome of a frame.
struct ExecResult {
  Status status = Status::Success;
  int64_t gas_left = 0;          ///< gas returned to the caller (0 unless Success/Revert)
  std::vector<uint8_t> output;   ///< return data, or revert data
  Address created;               ///< Create only: the new contract's address on success
  std::string reason;            ///< why a Trap/Invalid/VM-level Revert happened (diagnostic only)
};

/// Block and transaction context, constant for one transaction.
struct TxContext {
  Address origin;       ///< tx.origin
  Word gas_price;       ///< tx.gas_price
  Address coinbase;     ///< block.coinbase
  uint64_t number = 0;  ///< block.number
  uint64_t timestamp = 0;  ///< block.timestamp
  uint64_t gas_limit = 0;  ///< block.gas_limit
  Word chain_id;        ///< block.chain_id
  Word base_fee;        ///< block.base_fee
  Word difficulty;      ///< block.difficulty (the node's proof-of-work difficulty)
};

}  // namespace tenet::vm
