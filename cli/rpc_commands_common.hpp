#pragma once
/// \file
/// What `tenet deploy`, `tenet call` and `tenet send` share (docs/cli.md): the node's URL,
/// the project's artifacts (functions, events and errors by selector), value and signature
/// parsing, sending a transaction (signed locally with --key, else by the node with
/// eth_sendTransaction) and waiting for its receipt, and printing receipts, events and
/// reverts.

#include <CLI/CLI.hpp>
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "tenet/abi/entry.hpp"
#include "tenet/abi/signature.hpp"
#include "tenet/abi/type.hpp"
#include "tenet/node/client/rpc_client.hpp"
#include "tenet/vm/address.hpp"
#include "tenet/vm/error.hpp"
#include "tenet/vm/word.hpp"

namespace tenet::cli {

/// Why a deploy/call/send stopped: the message after `error: ` and the exit code.
struct CommandFailure {
  std::string message;
  int exit_code = 1;
};

/// A step's value, or why the command stops.
template <class T>
using Step = vm::Result<T, CommandFailure>;

/// The options deploy, call and send share.
struct RpcOptions {
  std::string rpc;                ///< --rpc URL ("" : tenet.toml's [rpc] local, else 8545)
  std::string root = ".";         ///< --root: the project (tenet.toml, out/)
  std::string key;                ///< --key HEX: sign locally
  std::string from;               ///< --from ADDR: the node signs (eth_sendTransaction)
  std::string value = "0";        ///< --value: wei, or with an ether/gwei suffix
  std::optional<uint64_t> gas;    ///< --gas: skip the estimate (a revert is then mined)
  std::vector<std::string> args;  ///< the ABI arguments after the positional ones
};

/// Adds --rpc and --root to `app`.
void add_rpc_options(CLI::App& app, RpcOptions& options);
/// Adds --key, --from, --value and --gas to `app`.
void add_sender_options(CLI::App& app, RpcOptions& options);
/// The command's remaining arguments (its ABI arguments, negative numbers restored); an
/// unknown `--option` among them is a usage error.
Step<std::vector<std::string>> take_arguments(CLI::App& app);

/// The node to talk to: --rpc, else `[rpc] local` of ROOT/tenet.toml, else
/// http://127.0.0.1:8545.
Step<node::RpcClient> connect(const RpcOptions& options);

/// A value in wei: "123" or "0x7b" (wei), "1.5ether", "2 gwei", "10wei". Errors name the text.
vm::Result<vm::Word> parse_value(std::string_view text);

/// A contract's artifact in out/: its name, ABI and container.
struct Artifact {
  std::string name;
  std::vector<abi::AbiEntry> abi;
  std::vector<uint8_t> bytecode;
};

/// The artifacts of a project's out/ directory, for naming functions, events and errors.
class ArtifactSet {
 public:
  /// Reads ROOT/<out>/*.json (out from tenet.toml, default "out"); a missing directory is an
  /// empty set. Errors: an artifact that is not valid JSON or has a malformed ABI.
  static vm::Result<ArtifactSet> load(const std::filesystem::path& root);
  /// The artifact named `name` (out/<name>.json), or null.
  const Artifact* find(std::string_view name) const;
  /// The first function whose canonical signature is `signature`, or else (for a bare name)
  /// whose name is `signature`, over all artifacts; null when none.
  const abi::AbiEntry* function(std::string_view signature) const;
  /// The signatures of the functions named `name` ("a or b"), when several distinct ones
  /// share it (1.1 external names); "" otherwise.
  std::string overloads(std::string_view name) const;
  /// Every error entry of every artifact (revert decoding).
  const std::vector<abi::AbiEntry>& errors() const { return errors_; }
  /// The event whose topic 0 is `topic0` ("0x…", 64 digits) with `indexed` indexed
  /// parameters, or null.
  const abi::AbiEntry* event(std::string_view topic0, size_t indexed) const;
  /// The directory read.
  const std::filesystem::path& directory() const { return directory_; }

 private:
  std::filesystem::path directory_;
  std::vector<Artifact> artifacts_;
  std::vector<abi::AbiEntry> errors_;
};

/// `fn(types)` or cast's `fn(types)(results)`: the function and, with a second list, the
/// result types.
struct CallSignature {
  abi::Signature function;
  std::optional<std::vector<abi::AbiType>> results;
};
/// Parses a call signature; a bare name is looked up in `artifacts`. Usage errors.
Step<CallSignature> parse_call_signature(std::string_view text, const ArtifactSet& artifacts);

/// What to send: to a contract (`to`) or a deployment (no `to`).
struct TxRequest {
  std::optional<vm::Address> to;
  std::vector<uint8_t> data;
  vm::Word value;
};

/// A mined transaction: its hash and receipt (the node's JSON), and for a reverted one its
/// revert data: the receipt's `revertData` (tenet node), else that of the same call replayed
/// with eth_call on the parent block (other nodes; exact under automine).
struct Mined {
  std::string hash;
  nlohmann::json receipt;
  std::optional<std::vector<uint8_t>> revert_data;
};

/// Sends `request`: the gas is estimated first (a revert is reported and nothing sent)
/// unless --gas is given; with --key a type-2 transaction signed here (nonce "pending",
/// max fee 2 × base fee + 1 gwei tip) goes to eth_sendRawTransaction, else the node signs
/// for --from (default: its first account). Then waits for the receipt (polled every 50 ms,
/// at most 60 s).
Step<Mined> send_transaction(node::RpcClient& client, const RpcOptions& options,
                             const TxRequest& request, const ArtifactSet& artifacts);

/// The readable revert of `data`, custom errors named from `artifacts`.
std::string describe_revert_data(std::span<const uint8_t> data, const ArtifactSet& artifacts);
/// The failure a JSON-RPC error stands for: a revert (code 3 with data) decoded as
/// "<what> reverted: <revert>", else "<what>: <node's message>"; both exit 1.
CommandFailure rpc_failure(const node::RpcError& error, std::string_view what,
                           const ArtifactSet& artifacts);

/// Prints the receipt's block, status, gas used and events (decoded by topic 0 when an
/// artifact declares the event), and a revert's decoded data; true when the status is 1.
bool print_receipt(const Mined& mined, const ArtifactSet& artifacts);

/// Prints `error: message` and returns the failure's exit code.
int report(const CommandFailure& stop);

}  // namespace tenet::cli
