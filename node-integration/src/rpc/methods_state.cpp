/// \file
/// Methods reading state at a block (archive: any number, tag or EIP-1898 object):
/// eth_getBalance, eth_getTransactionCount, eth_getCode, eth_getStorageAt, eth_getProof,
/// eth_call, eth_estimateGas.

#include "json_codec.hpp"
#include "method_table.hpp"
#include "tenet/node/tx/fees.hpp"

namespace tenet::node::rpc {
namespace {

using nlohmann::json;

/// The most storage keys one eth_getProof proves.
constexpr std::size_t kMaxProofKeys = 1'024;

/// Parameter 0 as an address.
Result<Address, MethodError> state_address(const MethodCall& call) {
  auto address = parse_address(call.param(0), param_name(0));
  if (!address) return error_of(address.error());
  return *address;
}

json state_proof_list(const std::vector<Bytes>& nodes) {
  json out = json::array();
  for (const Bytes& n : nodes) out.push_back(data_json(n));
  return out;
}

}  // namespace

Result<CallRequest, MethodError> state_call_request(const MethodCall& call, const Header& at) {
  auto tx = parse_tx_request(call.param(0), param_name(0));
  if (!tx) return error_of(tx.error());
  CallRequest request = to_call_request(*tx);
  if (request.gas && *request.gas > at.gas_limit) request.gas = at.gas_limit;
  return request;
}

Result<bool, MethodError> check_call_funds(const MethodCall& call, const Header& at,
                                           const CallRequest& request) {
  if (request.value.is_zero() && request.gas_price.is_zero()) return true;
  Transaction shape;
  shape.type = TxType::Legacy;
  shape.gas_limit = request.gas.value_or(at.gas_limit);
  shape.gas_price = request.gas_price;
  shape.value = request.value;
  const std::optional<Word> cost = max_cost(shape);
  const Address from = request.from.value_or(Address{});
  StateAt state(call, at);
  auto account = state.account(from);
  if (!account) return account.error();
  const Word balance = *account ? (*account)->balance : Word{};
  if (cost && !vm::lt(balance, *cost)) return true;
  return refused(RefusalKind::InsufficientFunds,
                 "address " + vm::to_hex(from) + " have " + vm::to_decimal(balance) + " want " +
                     (cost ? vm::to_decimal(*cost) : std::string("more than 2^256 - 1")));
}

namespace handlers {

MethodResult get_balance(const MethodCall& call) {
  auto address = state_address(call);
  if (!address) return address.error();
  auto header = block_param(call, 1);
  if (!header) return header.error();
  StateAt state(call, *header);
  auto account = state.account(*address);
  if (!account) return account.error();
  return quantity_json(*account ? (*account)->balance : Word{});
}

MethodResult get_transaction_count(const MethodCall& call) {
  auto address = state_address(call);
  if (!address) return address.error();
  if (!call.param(1).is_null()) {
    auto ref = parse_block_ref(call.param(1), param_name(1));
    if (!ref) return error_of(ref.error());
    if (ref->pending) return quantity_json(call.service.pending_nonce(*address));
  }
  auto header = block_param(call, 1);
  if (!header) return header.error();
  StateAt state(call, *header);
  auto account = state.account(*address);
  if (!account) return account.error();
  return quantity_json(*account ? (*account)->nonce : uint64_t{0});
}

MethodResult get_code(const MethodCall& call) {
  auto address = state_address(call);
  if (!address) return address.error();
  auto header = block_param(call, 1);
  if (!header) return header.error();
  StateAt state(call, *header);
  auto code = state.code(*address);
  if (!code) return code.error();
  return data_json(*code);
}

MethodResult get_storage_at(const MethodCall& call) {
  auto address = state_address(call);
  if (!address) return address.error();
  auto key = parse_storage_key(call.param(1), param_name(1));
  if (!key) return error_of(key.error());
  auto header = block_param(call, 2);
  if (!header) return header.error();
  StateAt state(call, *header);
  auto value = state.storage(*address, *key);
  if (!value) return value.error();
  return data_json(vm::word_to_be(*value));
}

MethodResult get_proof(const MethodCall& call) {
  auto address = state_address(call);
  if (!address) return address.error();
  const json& keys_param = call.param(1);
  if (!keys_param.is_array())
    return refused(RefusalKind::InvalidParams, param_name(1) + ": expected an array of keys");
  if (keys_param.size() > kMaxProofKeys)
    return refused(RefusalKind::InvalidParams,
                   param_name(1) + ": at most " + std::to_string(kMaxProofKeys) + " keys");
  std::vector<Word> keys;
  for (const json& k : keys_param) {
    auto key = parse_storage_key(k, param_name(1));
    if (!key) return error_of(key.error());
    keys.push_back(*key);
  }
  auto header = block_param(call, 2);
  if (!header) return header.error();
  StateAt state(call, *header);
  auto proof = state.view().prove(*address, keys);
  if (!proof) return internal_error(proof.error().message);
  json storage = json::array();
  for (std::size_t i = 0; i < proof->storage.size(); ++i) {
    const auto& s = proof->storage[i];
    storage.push_back({{"key", keys_param[i]},
                       {"value", quantity_json(s.value)},
                       {"proof", state_proof_list(s.proof)}});
  }
  const AccountState& a = proof->account;
  return json{{"address", address_json(*address)},
              {"accountProof", state_proof_list(proof->account_proof)},
              {"balance", quantity_json(a.balance)},
              {"codeHash", hash_json(a.code_hash)},
              {"nonce", quantity_json(a.nonce)},
              {"storageHash", hash_json(a.storage_root)},
              {"storageProof", std::move(storage)}};
}

MethodResult call_contract(const MethodCall& call) {
  auto header = block_param(call, 1);
  if (!header) return header.error();
  auto request = state_call_request(call, *header);
  if (!request) return request.error();
  if (auto funds = check_call_funds(call, *header, *request); !funds) return funds.error();
  const TxOutcome outcome = call.service.call(*request, *header);
  if (outcome.status != vm::Status::Success) return revert_error(call.artifacts, outcome);
  return data_json(outcome.output);
}

MethodResult estimate_gas(const MethodCall& call) {
  auto header = block_param(call, 1);
  if (!header) return header.error();
  auto request = state_call_request(call, *header);
  if (!request) return request.error();
  if (auto funds = check_call_funds(call, *header, *request); !funds) return funds.error();
  auto gas = call.service.estimate(*request, *header);
  if (!gas) return revert_error(call.artifacts, gas.error());
  return quantity_json(*gas);
}

}  // namespace handlers
}  // namespace tenet::node::rpc
