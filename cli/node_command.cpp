// `tenet node`: a single-process chain with Ethereum-style JSON-RPC (toolchain.md §4,
// docs/cli.md). The flags fill a NodeConfig; the node prints its dev accounts and keys as
// anvil does, then "Listening on HOST:PORT", and serves until SIGINT or SIGTERM. With
// --verify it replays a data directory's chain instead and exits 0, or 1 naming the first
// block that differs.
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <memory>
#include <sstream>

#include "commands.hpp"
#include "common.hpp"
#include "rpc_commands_common.hpp"
#include "tenet/compiler/artifact.hpp"
#include "tenet/node/chain/verify.hpp"
#include "tenet/node/rpc/artifacts.hpp"
#include "tenet/node/rpc/rpc_handler.hpp"
#include "tenet/node/server/rpc_server.hpp"
#include "tenet/node/service/node_service.hpp"
#include "tenet/vm/crypto.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::cli {
namespace {

/// The flags given as text, read into the NodeConfig by configure().
struct NodeFlags {
  node::NodeConfig config;
  std::string balance = "10000";
  std::string difficulty = "1";
  std::optional<uint64_t> block_time;
  bool no_mining = false;
  std::string artifacts;
};

/// The genesis flags a data directory records: only those given are compared with it.
constexpr std::string_view kGenesisFlags[] = {"chain-id", "accounts",   "mnemonic",
                                              "balance",  "difficulty", "gas-limit"};

/// An address in EIP-55 mixed case, as anvil prints it.
std::string checksummed(const vm::Address& address) {
  std::string hex = vm::to_hex(address).substr(2);
  const vm::Hash256 hash =
      vm::keccak256(std::span(reinterpret_cast<const uint8_t*>(hex.data()), hex.size()));
  for (size_t i = 0; i < hex.size(); ++i) {
    const unsigned nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
    if (hex[i] >= 'a' && nibble >= 8) hex[i] = static_cast<char>(hex[i] - 'a' + 'A');
  }
  return "0x" + hex;
}

/// Wei as ether with all 18 decimals: "10000.000000000000000000".
std::string ether_text(const vm::Word& wei) {
  std::string digits = vm::to_decimal(wei);
  if (digits.size() < 19) digits.insert(0, 19 - digits.size(), '0');
  digits.insert(digits.size() - 18, ".");
  return digits;
}

/// The NodeConfig of the flags; usage errors name the flag.
Step<node::NodeConfig> configure(CLI::App& app, const NodeFlags& flags) {
  node::NodeConfig config = flags.config;
  for (std::string_view name : kGenesisFlags)
    if (app.count("--" + std::string(name)) > 0) config.explicit_flags.insert(std::string(name));
  auto balance = parse_value(restore_negative(flags.balance) + "ether");
  if (!balance)
    return CommandFailure{"--balance: '" + flags.balance + "' is not an amount of ether",
                          kExitUsage};
  config.balance = *balance;
  const auto difficulty = vm::parse_word(flags.difficulty);
  if (!difficulty || difficulty->is_zero())
    return CommandFailure{"--difficulty: '" + flags.difficulty + "' is not a positive integer",
                          kExitUsage};
  config.difficulty = *difficulty;
  if (flags.block_time) {
    if (*flags.block_time == 0)
      return CommandFailure{"--block-time: must be at least 1 second", kExitUsage};
    config.mining = node::MiningMode::Interval;
    config.block_time = *flags.block_time;
  }
  if (flags.no_mining) config.mining = node::MiningMode::Manual;
  if (config.verify && config.in_memory)
    return CommandFailure{"--verify replays a data directory; it cannot be used with --in-memory",
                          kExitUsage};
  if (!flags.artifacts.empty())
    config.artifacts = flags.artifacts;
  else if (std::filesystem::exists("tenet.toml"))
    if (auto project = compiler::load_project_config(".")) config.artifacts = project->config.out;
  return config;
}

/// `tenet node --verify`.
int verify(const node::NodeConfig& config) {
  if (!std::filesystem::exists(config.data_dir))
    return report({"no chain in " + shown_path(config.data_dir), kExitFailure});
  // A progress line on a terminal, refreshed at most once a second.
  const bool terminal = isatty(STDERR_FILENO) != 0;
  auto shown = std::chrono::steady_clock::now();
  bool progress = false;
  auto verified = node::verify_chain(config.data_dir, [&](uint64_t number) {
    const auto now = std::chrono::steady_clock::now();
    if (!terminal || now - shown < std::chrono::seconds(1)) return;
    shown = now;
    progress = true;
    std::cerr << "\rverifying block " << number << std::flush;
  });
  if (progress) std::cerr << "\r\x1b[K" << std::flush;
  if (!verified) return report({verified.error().message, kExitFailure});
  std::cout << "verified " << *verified << " blocks of " << shown_path(config.data_dir) << "\n";
  return kExitOk;
}

/// The accounts and settings, in anvil's layout.
void print_banner(const node::NodeService& service) {
  const node::NodeConfig& config = service.config();
  const auto genesis = service.chain().header_by_number(0);
  std::ostringstream out;
  out << "tenet node " << compiler::compiler_version()
      << "\n\nAvailable Accounts\n==================\n\n";
  const auto& accounts = service.accounts();
  for (size_t i = 0; i < accounts.size(); ++i)
    out << "(" << i << ") " << checksummed(accounts[i].address) << " ("
        << ether_text(config.balance) << " ETH)\n";
  out << "\nPrivate Keys\n==================\n\n";
  for (size_t i = 0; i < accounts.size(); ++i)
    out << "(" << i << ") " << vm::hex_encode(accounts[i].private_key) << "\n";
  out << "\nWallet\n==================\nMnemonic:          " << config.mnemonic
      << "\nDerivation path:   m/44'/60'/0'/0/\n\n\nChain ID\n==================\n\n"
      << config.chain_id << "\n\nBase Fee\n==================\n\n"
      << vm::to_decimal(genesis ? genesis->base_fee : vm::Word{})
      << "\n\nGas Limit\n==================\n\n"
      << config.gas_limit << "\n\nGenesis Timestamp\n==================\n\n"
      << (genesis ? genesis->timestamp : 0) << "\n\n";
  std::cout << out.str();
}

/// Whether `host` is a loopback address (a remote host gets the warning).
bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.starts_with("127.");
}

int serve(const node::NodeConfig& config) {
  auto service = node::NodeService::start(config);
  if (!service) return report({service.error().message, kExitFailure});
  auto artifacts = config.artifacts.empty() ? vm::Result<node::ArtifactIndex>(node::ArtifactIndex())
                                            : node::ArtifactIndex::load(config.artifacts);
  if (!artifacts) return report({artifacts.error().message, kExitFailure});
  node::RpcHandler handler(**service, *artifacts, config.allow_remote_signing);
  node::ServerOptions options;
  options.host = config.host;
  options.port = config.port;
  options.allow_origin = config.allow_origin;
  auto server = node::RpcServer::listen(handler, options);
  if (!server) return report({server.error().message, kExitFailure});
  if (!is_loopback(config.host))
    print_warning("listening on " + config.host + ", which other hosts can reach" +
                  (config.allow_remote_signing
                       ? ": --allow-remote-signing lets them sign with the dev accounts"
                       : "; they cannot sign, impersonate or use anvil_/evm_ methods"));
  print_banner(**service);
  std::cout << "Listening on " << config.host << ":" << (*server)->port() << std::endl;
  (*server)->run_until_signal();
  server->reset();
  (*service)->stop();
  std::cout << "stopped" << std::endl;
  return kExitOk;
}

}  // namespace

Command add_node_command(CLI::App& parent) {
  auto flags = std::make_shared<NodeFlags>();
  node::NodeConfig& c = flags->config;
  CLI::App* app = parent.add_subcommand("node", "Run a chain node with Ethereum JSON-RPC");
  app->add_option("--host", c.host, "the address to listen on")->capture_default_str();
  app->add_option("--port", c.port, "the port (0: one the system chooses, printed)")
      ->capture_default_str();
  auto* data_dir = app->add_option("--data-dir", c.data_dir, "where the chain is stored (RocksDB)")
                       ->capture_default_str();
  app->add_flag("--in-memory", c.in_memory, "keep the chain in memory only")->excludes(data_dir);
  app->add_option("--chain-id", c.chain_id, "the chain id")->capture_default_str();
  app->add_option("--accounts", c.accounts, "how many dev accounts")->capture_default_str();
  app->add_option("--mnemonic", c.mnemonic, "the dev accounts' BIP-39 mnemonic")
      ->capture_default_str();
  app->add_option("--balance", flags->balance, "each dev account's balance in ether")
      ->capture_default_str();
  auto* block_time = app->add_option("--block-time", flags->block_time,
                                     "mine every SECS seconds instead of per transaction");
  app->add_flag("--no-mining", flags->no_mining, "mine only on evm_mine")->excludes(block_time);
  app->add_option("--difficulty", flags->difficulty, "proof-of-work difficulty of every block")
      ->capture_default_str();
  app->add_option("--gas-limit", c.gas_limit, "the block gas limit")->capture_default_str();
  app->add_flag("--fsync", c.fsync, "sync every block's write to disk (power-loss safe, slower)");
  app->add_flag("--verify", c.verify,
                "replay the data directory's chain, check every block, exit 0 or 1");
  app->add_option("--artifacts", flags->artifacts,
                  "artifacts naming custom errors (default: out/ of the project here, if any)");
  app->add_option("--allow-origin", c.allow_origin, "CORS Access-Control-Allow-Origin")
      ->capture_default_str();
  app->add_flag("--allow-remote-signing", c.allow_remote_signing,
                "let other hosts use eth_sendTransaction, impersonation and anvil_/evm_ methods");
  return {app, [flags, app] {
            auto config = configure(*app, *flags);
            if (!config) return report(config.error());
            return config->verify ? verify(*config) : serve(*config);
          }};
}

}  // namespace tenet::cli
