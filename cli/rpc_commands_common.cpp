// What `tenet deploy`, `tenet call` and `tenet send` share (rpc_commands_common.hpp).
#include "rpc_commands_common.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>
#include <utility>

#include "common.hpp"
#include "tenet/abi/revert.hpp"
#include "tenet/abi/values.hpp"
#include "tenet/compiler/project.hpp"
#include "tenet/node/tx/signing.hpp"
#include "tenet/node/tx/transaction.hpp"
#include "tenet/vm/crypto.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::cli {
namespace {

using nlohmann::json;

/// The node deploy/call/send talk to without --rpc or a `[rpc] local` entry.
constexpr std::string_view kDefaultRpcUrl = "http://127.0.0.1:8545";
/// The priority fee of a locally signed transaction: 1 gwei (what eth_maxPriorityFeePerGas
/// answers on anvil and tenet node).
constexpr uint64_t kPriorityFee = 1'000'000'000;
/// Receipt polling.
constexpr std::chrono::milliseconds kReceiptPoll{50};
constexpr std::chrono::seconds kReceiptTimeout{60};
/// The column the values of a receipt's lines start at ("status:      success").
constexpr size_t kLabelWidth = 13;

CommandFailure usage(std::string message) {
  return {std::move(message), kExitUsage};
}
CommandFailure failure(std::string message) {
  return {std::move(message), kExitFailure};
}

/// A JSON-RPC quantity ("0x1a") as a word; none when it is not one.
std::optional<vm::Word> quantity(const json& j) {
  if (!j.is_string()) return std::nullopt;
  const std::string& text = j.get_ref<const std::string&>();
  if (!text.starts_with("0x")) return std::nullopt;
  return vm::parse_word(text);
}

/// The result of `method`, or the failure naming it.
Step<json> ask(node::RpcClient& client, std::string_view method, const json& params) {
  auto result = client.call(method, params);
  if (!result)
    return failure(result.error().code == 0
                       ? result.error().message
                       : std::string(method) + " failed: " + result.error().message);
  return std::move(*result);
}

/// A quantity result of `method` that fits in 64 bits.
Step<uint64_t> request_u64(node::RpcClient& client, std::string_view method, const json& params) {
  auto result = ask(client, method, params);
  if (!result) return result.error();
  const auto value = quantity(*result);
  if (!value || !value->fits_u64())
    return failure(std::string(method) + " answered " + result->dump() + ", not a quantity");
  return value->low64();
}

// ---- artifacts ----

vm::Result<Artifact> read_artifact(const std::filesystem::path& file) {
  auto text = read_file(file.string());
  if (!text) return text.error();
  const std::string name = shown_path(file);
  try {
    const json j = json::parse(*text);
    Artifact a;
    a.name = j.value("contractName", file.stem().string());
    auto entries = abi::entries_from_json(j.at("abi"));
    if (!entries) return vm::Error{name + ": abi: " + entries.error().message};
    a.abi = std::move(*entries);
    auto code = vm::hex_decode(j.at("bytecode").get<std::string>());
    if (!code) return vm::Error{name + ": bytecode: " + code.error().message};
    a.bytecode = std::move(*code);
    return a;
  } catch (const json::exception& e) {
    return vm::Error{name + ": not a Tenet artifact: " + e.what()};
  }
}

// ---- events ----

/// `value` of `type` from a 32-byte topic (an indexed parameter); a dynamic type's topic is
/// its keccak256, shown as it is.
std::string decode_topic(const abi::AbiParam& param, const std::string& topic) {
  auto type = abi::type_of(param);
  auto bytes = vm::hex_decode(topic);
  if (!type || !bytes || type->is_dynamic()) return topic;
  const std::vector<abi::AbiType> types{*type};
  auto values = abi::decode_values(types, *bytes);
  return values ? values->front() : topic;
}

/// "Transfer(from: 0x…, to: 0x…, value: 100)", or none when the log does not decode by the
/// event's ABI.
std::optional<std::string> decode_event(const abi::AbiEntry& event, const json& log) {
  const json& topics = log.at("topics");
  std::vector<abi::AbiParam> plain;
  for (const auto& p : event.inputs)
    if (!p.indexed.value_or(false)) plain.push_back(p);
  auto types = abi::types_of(plain);
  auto data = vm::hex_decode(log.at("data").get<std::string>());
  if (!types || !data) return std::nullopt;
  auto values = abi::decode_values(*types, *data);
  if (!values) return std::nullopt;
  std::string out = event.name + "(";
  size_t topic = 1, value = 0;
  for (size_t i = 0; i < event.inputs.size(); ++i) {
    const abi::AbiParam& p = event.inputs[i];
    const std::string shown = p.indexed.value_or(false)
                                  ? decode_topic(p, topics.at(topic++).get<std::string>())
                                  : (*values)[value++];
    out += (i ? ", " : "") + (p.name.empty() ? "" : p.name + ": ") + shown;
  }
  return out + ")";
}

/// One receipt log: decoded when an artifact declares its event, else raw.
std::string describe_log(const json& log, const ArtifactSet& artifacts) try {
  const json& topics = log.at("topics");
  if (!topics.empty()) {
    const abi::AbiEntry* event =
        artifacts.event(topics.front().get<std::string>(), topics.size() - 1);
    if (event != nullptr)
      if (auto decoded = decode_event(*event, log)) return *decoded;
  }
  std::string raw = "log from " + log.at("address").get<std::string>() + ":";
  for (const json& t : topics) raw += " " + t.get<std::string>();
  return raw + " data " + log.at("data").get<std::string>();
} catch (const json::exception&) {
  return "log " + log.dump();  // not the shape of a receipt log: shown as the node sent it
}

void print_line(std::string_view label, std::string_view value) {
  std::string head(label);
  head += ":";
  head.resize(std::max(kLabelWidth, head.size() + 1), ' ');
  std::cout << head << value << "\n";
}

// ---- sending ----

/// Who sends: with --key, the key's address (signed here); else --from or the node's first
/// account (signed by the node).
struct Signer {
  vm::Address address;
  std::optional<vm::Hash256> key;
};

Step<Signer> signer_of(node::RpcClient& client, const RpcOptions& options) {
  Signer s;
  if (!options.key.empty()) {
    auto bytes = vm::hex_decode(options.key);
    if (!bytes || bytes->size() != 32) return usage("--key: not a 32-byte hex private key");
    std::copy(bytes->begin(), bytes->end(), s.key.emplace().begin());
    const auto address = vm::address_of(*s.key);
    if (!address) return usage("--key: not a valid secp256k1 private key");
    s.address = *address;
    return s;
  }
  if (!options.from.empty()) {
    const auto address = vm::parse_address(options.from);
    if (!address) return usage("--from: '" + options.from + "' is not an address");
    s.address = *address;
    return s;
  }
  auto accounts = ask(client, "eth_accounts", json::array());
  if (!accounts) return accounts.error();
  if (!accounts->is_array() || accounts->empty() || !accounts->front().is_string())
    return failure("the node has no accounts of its own: pass --key or --from");
  const auto first = vm::parse_address(accounts->front().get<std::string>());
  if (!first) return failure("eth_accounts answered " + accounts->dump());
  s.address = *first;
  return s;
}

/// The eth_call/eth_estimateGas/eth_sendTransaction object of `request` from `from`.
json call_object(const TxRequest& request, const vm::Address& from) {
  json o{{"from", vm::to_hex(from)},
         {"data", vm::hex_encode(request.data)},
         {"value", vm::to_hex(request.value)}};
  if (request.to) o["to"] = vm::to_hex(*request.to);
  return o;
}

/// A type-2 transaction signed with `key`: the raw bytes' hex.
Step<std::string> sign_locally(node::RpcClient& client, const TxRequest& request,
                               const Signer& signer, uint64_t gas) {
  auto chain_id = request_u64(client, "eth_chainId", json::array());
  if (!chain_id) return chain_id.error();
  auto nonce = request_u64(client, "eth_getTransactionCount",
                           json::array({vm::to_hex(signer.address), "pending"}));
  if (!nonce) return nonce.error();
  auto block = ask(client, "eth_getBlockByNumber", json::array({"latest", false}));
  if (!block) return block.error();
  const auto base_fee = block->is_object() && block->contains("baseFeePerGas")
                            ? quantity(block->at("baseFeePerGas"))
                            : std::nullopt;
  if (!base_fee) return failure("the node's latest block has no baseFeePerGas");
  node::Transaction tx;
  tx.type = node::TxType::DynamicFee;
  tx.chain_id = *chain_id;
  tx.nonce = *nonce;
  tx.gas_limit = gas;
  tx.max_priority_fee = vm::Word{kPriorityFee};
  tx.max_fee = vm::add(vm::add(*base_fee, *base_fee), tx.max_priority_fee);
  tx.value = request.value;
  tx.to = request.to;
  tx.data = request.data;
  const auto signed_tx = node::sign_transaction(std::move(tx), *signer.key);
  if (!signed_tx) return usage("--key: not a valid secp256k1 private key");
  return vm::hex_encode(node::encode_transaction(*signed_tx));
}

/// Polls eth_getTransactionReceipt until the node has it.
Step<json> wait_for_receipt(node::RpcClient& client, const std::string& hash) {
  const auto deadline = std::chrono::steady_clock::now() + kReceiptTimeout;
  while (true) {
    auto receipt = ask(client, "eth_getTransactionReceipt", json::array({hash}));
    if (!receipt) return receipt.error();
    if (!receipt->is_null()) return std::move(*receipt);
    if (std::chrono::steady_clock::now() >= deadline)
      return failure("no receipt for " + hash + " within 60 s (is the node mining?)");
    std::this_thread::sleep_for(kReceiptPoll);
  }
}

/// The revert data of a reverted receipt: its `revertData`, else the call replayed on the
/// parent block (none when that does not revert with data).
std::optional<std::vector<uint8_t>> revert_data_of(node::RpcClient& client, const json& receipt,
                                                   json call) {
  if (receipt.contains("revertData") && receipt.at("revertData").is_string())
    if (auto data = vm::hex_decode(receipt.at("revertData").get<std::string>())) return *data;
  const auto block = quantity(receipt.value("blockNumber", json()));
  const auto gas = quantity(receipt.value("gasUsed", json()));
  if (!block || block->is_zero() || !gas) return std::nullopt;
  auto replay = client.call("eth_call", json::array({call, vm::to_hex(vm::sub(*block, 1))}));
  if (replay || replay.error().code != 3 || !replay.error().data ||
      !replay.error().data->is_string())
    return std::nullopt;
  auto data = vm::hex_decode(replay.error().data->get<std::string>());
  if (!data) return std::nullopt;
  return *data;
}

}  // namespace

void add_rpc_options(CLI::App& app, RpcOptions& options) {
  app.add_option("--rpc", options.rpc,
                 "the node's URL (default: [rpc] local of tenet.toml, else " +
                     std::string(kDefaultRpcUrl) + ")");
  app.add_option("--root", options.root, "the project: tenet.toml and its out/ artifacts")
      ->capture_default_str();
  // ABI arguments are what is left after parsing (as `tenet run` takes them), so that
  // arrays such as [1,2] reach the ABI encoder whole.
  app.allow_extras();
}

void add_sender_options(CLI::App& app, RpcOptions& options) {
  auto* key = app.add_option("--key", options.key,
                             "sign here with this private key (hex) and send the raw transaction");
  auto* from = app.add_option(
      "--from", options.from,
      "let the node sign for this address (default: its first account; eth_sendTransaction)");
  key->excludes(from);
  app.add_option("--value", options.value,
                 "native coin to send: wei, or with a unit (1.5ether, 20gwei)")
      ->capture_default_str();
  app.add_option("--gas", options.gas,
                 "gas limit; skips the estimate, so a reverting transaction is mined");
}

Step<std::vector<std::string>> take_arguments(CLI::App& app) {
  std::vector<std::string> args = app.remaining();
  for (std::string& a : args) {
    if (a.starts_with("--")) return usage("unknown option '" + a + "'");
    a = restore_negative(a);
  }
  return args;
}

Step<node::RpcClient> connect(const RpcOptions& options) {
  std::string url = options.rpc;
  const std::filesystem::path root(options.root);
  if (url.empty() && std::filesystem::exists(root / "tenet.toml")) {
    auto config = compiler::load_project_config(root);
    if (!config) return failure(config.error().message);
    if (auto local = config->config.rpc.find("local"); local != config->config.rpc.end())
      url = local->second;
  }
  if (url.empty()) url = kDefaultRpcUrl;
  auto client = node::RpcClient::open(url);
  if (!client) return usage(client.error().message);
  return std::move(*client);
}

vm::Result<vm::Word> parse_value(std::string_view text) {
  const std::string original(text);
  const auto bad = [&] {
    return vm::Error{"--value: '" + original + "' is not an amount (wei, or 1.5ether, 20gwei)"};
  };
  size_t end = text.size();
  while (end > 0 && std::isalpha(static_cast<unsigned char>(text[end - 1]))) --end;
  const std::string_view unit = text.substr(end);
  std::string_view number = text.substr(0, end);
  while (!number.empty() && number.back() == ' ') number.remove_suffix(1);
  if (number.starts_with("0x") && (unit.empty() || unit == "wei")) {
    if (auto v = vm::parse_word(number)) return *v;
    return bad();
  }
  size_t decimals = 0;
  if (unit == "ether")
    decimals = 18;
  else if (unit == "gwei")
    decimals = 9;
  else if (!unit.empty() && unit != "wei")
    return bad();
  const size_t dot = number.find('.');
  std::string digits(number.substr(0, dot));
  std::string fraction(dot == std::string_view::npos ? "" : number.substr(dot + 1));
  if (fraction.size() > decimals) return bad();
  if (digits.empty() && fraction.empty()) return bad();
  for (char c : digits + fraction)
    if (c < '0' || c > '9') return bad();
  fraction.resize(decimals, '0');
  if (auto v = vm::parse_word(digits + fraction)) return *v;
  return bad();
}

vm::Result<ArtifactSet> ArtifactSet::load(const std::filesystem::path& root) {
  std::string out = "out";
  if (std::filesystem::exists(root / "tenet.toml")) {
    auto config = compiler::load_project_config(root);
    if (!config) return config.error();
    out = config->config.out;
  }
  ArtifactSet set;
  set.directory_ = root / out;
  for (const auto& file : compiler::find_sources(set.directory_, ".json")) {
    auto artifact = read_artifact(file);
    if (!artifact) return artifact.error();
    for (const auto& e : artifact->abi)
      if (e.kind == abi::AbiEntryKind::error) set.errors_.push_back(e);
    set.artifacts_.push_back(std::move(*artifact));
  }
  return set;
}

const Artifact* ArtifactSet::find(std::string_view name) const {
  for (const auto& a : artifacts_)
    if (a.name == name) return &a;
  return nullptr;
}

const abi::AbiEntry* ArtifactSet::function(std::string_view signature) const {
  for (const bool by_name : {false, true})
    for (const auto& a : artifacts_)
      for (const auto& e : a.abi)
        if (e.kind == abi::AbiEntryKind::function &&
            (by_name ? e.name == signature : abi::abi_signature(e) == signature))
          return &e;
  return nullptr;
}

std::string ArtifactSet::overloads(std::string_view name) const {
  std::vector<std::string> signatures;
  for (const auto& a : artifacts_)
    for (const auto& e : a.abi)
      if (e.kind == abi::AbiEntryKind::function && e.name == name &&
          std::find(signatures.begin(), signatures.end(), abi::abi_signature(e)) ==
              signatures.end())
        signatures.push_back(abi::abi_signature(e));
  if (signatures.size() < 2) return "";
  std::string out;
  for (size_t i = 0; i < signatures.size(); ++i)
    out += (i == 0 ? "" : i + 1 == signatures.size() ? " or " : ", ") + signatures[i];
  return out;
}

const abi::AbiEntry* ArtifactSet::event(std::string_view topic0, size_t indexed) const {
  for (const auto& a : artifacts_)
    for (const auto& e : a.abi)
      if (e.kind == abi::AbiEntryKind::event &&
          static_cast<size_t>(
              std::count_if(e.inputs.begin(), e.inputs.end(),
                            [](const auto& p) { return p.indexed.value_or(false); })) == indexed &&
          abi::abi_selector_hex(e) == topic0)
        return &e;
  return nullptr;
}

Step<CallSignature> parse_call_signature(std::string_view text, const ArtifactSet& artifacts) {
  CallSignature out;
  const size_t open = text.find('(');
  if (open == std::string_view::npos) {
    const abi::AbiEntry* f = artifacts.function(text);
    if (const std::string shared = artifacts.overloads(text); !shared.empty())
      return usage("'" + std::string(text) +
                   "' names several functions; give the signature: " + shared);
    if (f == nullptr)
      return usage("'" + std::string(text) +
                   "' is no signature (\"fn(types)\") and no function of the artifacts in " +
                   shown_path(artifacts.directory()));
    auto signature = abi::signature_of(*f);
    auto results = abi::types_of(f->outputs);
    if (!signature || !results)
      return usage(signature ? results.error().message : signature.error().message);
    out.function = std::move(*signature);
    out.results = std::move(*results);
    return out;
  }
  size_t depth = 0, close = open;
  for (; close < text.size(); ++close) {
    if (text[close] == '(') ++depth;
    if (text[close] == ')' && --depth == 0) break;
  }
  if (close == text.size()) return usage("'" + std::string(text) + "': unbalanced parentheses");
  auto function = abi::parse_signature(text.substr(0, close + 1));
  if (!function) return usage(function.error().message);
  out.function = std::move(*function);
  const std::string_view rest = text.substr(close + 1);
  if (!rest.empty()) {
    if (!rest.starts_with('(') || !rest.ends_with(')'))
      return usage("'" + std::string(text) + "': the results must be one list \"(types)\"");
    auto results = abi::parse_type_list(rest.substr(1, rest.size() - 2));
    if (!results) return usage(results.error().message);
    out.results = std::move(*results);
  } else if (const abi::AbiEntry* f = artifacts.function(out.function.canonical())) {
    if (auto results = abi::types_of(f->outputs)) out.results = std::move(*results);
  }
  return out;
}

Step<Mined> send_transaction(node::RpcClient& client, const RpcOptions& options,
                             const TxRequest& request, const ArtifactSet& artifacts) {
  const char* what = request.to ? "transaction" : "deployment";
  auto signer = signer_of(client, options);
  if (!signer) return signer.error();
  uint64_t gas = options.gas.value_or(0);
  if (!options.gas) {
    auto estimate =
        client.call("eth_estimateGas", json::array({call_object(request, signer->address)}));
    if (!estimate) return rpc_failure(estimate.error(), what, artifacts);
    const auto value = quantity(*estimate);
    if (!value || !value->fits_u64())
      return failure("eth_estimateGas answered " + estimate->dump());
    gas = value->low64();
  }
  Mined mined;
  if (signer->key) {
    auto raw = sign_locally(client, request, *signer, gas);
    if (!raw) return raw.error();
    auto hash = client.call("eth_sendRawTransaction", json::array({*raw}));
    if (!hash) return rpc_failure(hash.error(), what, artifacts);
    mined.hash = hash->is_string() ? hash->get<std::string>() : hash->dump();
  } else {
    json object = call_object(request, signer->address);
    object["gas"] = vm::hex_encode_quantity(gas);
    auto hash = client.call("eth_sendTransaction", json::array({object}));
    if (!hash) return rpc_failure(hash.error(), what, artifacts);
    mined.hash = hash->is_string() ? hash->get<std::string>() : hash->dump();
  }
  auto receipt = wait_for_receipt(client, mined.hash);
  if (!receipt) return receipt.error();
  mined.receipt = std::move(*receipt);
  if (mined.receipt.value("status", "") != "0x1") {
    json call = call_object(request, signer->address);
    call["gas"] = vm::hex_encode_quantity(gas);
    mined.revert_data = revert_data_of(client, mined.receipt, std::move(call));
  }
  return mined;
}

std::string describe_revert_data(std::span<const uint8_t> data, const ArtifactSet& artifacts) {
  return abi::describe_revert(abi::decode_revert(data, artifacts.errors()));
}

CommandFailure rpc_failure(const node::RpcError& error, std::string_view what,
                           const ArtifactSet& artifacts) {
  if (error.code == 0) return failure(error.message);
  if (error.code == 3 && error.data && error.data->is_string())
    if (auto data = vm::hex_decode(error.data->get<std::string>()))
      return failure(std::string(what) + " reverted: " + describe_revert_data(*data, artifacts));
  return failure(std::string(what) + " failed: " + error.message);
}

bool print_receipt(const Mined& mined, const ArtifactSet& artifacts) {
  const json& r = mined.receipt;
  const bool success = r.value("status", "") == "0x1";
  print_line("transaction", mined.hash);
  const auto block = quantity(r.value("blockNumber", json()));
  print_line("block", block ? vm::to_decimal(*block) : r.value("blockNumber", json()).dump());
  print_line("status", success ? "success" : "reverted");
  const auto gas = quantity(r.value("gasUsed", json()));
  print_line("gas used", gas ? vm::to_decimal(*gas) : r.value("gasUsed", json()).dump());
  if (r.contains("logs") && r.at("logs").is_array())
    for (const json& log : r.at("logs")) print_line("event", describe_log(log, artifacts));
  if (!success)
    print_line("revert", mined.revert_data ? describe_revert_data(*mined.revert_data, artifacts)
                                           : "(no revert data)");
  return success;
}

int report(const CommandFailure& stop) {
  print_error(stop.message);
  return stop.exit_code;
}

}  // namespace tenet::cli
