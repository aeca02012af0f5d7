/// \file
/// Methods about transactions: eth_sendRawTransaction, eth_sendRawTransactionSync (EIP-7966),
/// eth_sendTransaction (dev accounts and impersonated ones), eth_getTransactionByHash,
/// eth_getTransactionReceipt.

#include <chrono>
#include <thread>

#include "json_codec.hpp"
#include "method_table.hpp"
#include "tenet/node/chain/base_fee.hpp"
#include "tenet/node/tx/signing.hpp"

namespace tenet::node::rpc {
namespace {

using nlohmann::json;

/// The largest raw transaction accepted (docs/rpc.md, "Limits").
constexpr std::size_t kMaxRawTransactionBytes = 128 * 1024;
/// eth_sendRawTransactionSync's default and largest timeouts, in milliseconds.
constexpr uint64_t kSyncDefaultTimeoutMs = 2'000;
constexpr uint64_t kSyncMaxTimeoutMs = 60'000;
/// The tip eth_sendTransaction offers by default (1 gwei).
constexpr uint64_t kDefaultTip = 1'000'000'000;

/// The chain id check done before the signature's (the service checks the rest).
Result<bool, MethodError> tx_check(const MethodCall& call, const Transaction& tx) {
  const uint64_t chain_id = call.service.config().chain_id;
  if (tx.chain_id && *tx.chain_id != chain_id)
    return refused(RefusalKind::InvalidChainId,
                   "have " + std::to_string(*tx.chain_id) + ", want " + std::to_string(chain_id));
  return true;
}

/// Decodes, checks and submits a raw transaction (parameter 0).
Result<Submitted, MethodError> tx_submit_raw(const MethodCall& call) {
  auto raw = parse_data(call.param(0), param_name(0));
  if (!raw) return error_of(raw.error());
  if (raw->size() > kMaxRawTransactionBytes)
    return refused(RefusalKind::InvalidTransaction,
                   "transaction of " + std::to_string(raw->size()) + " bytes (at most " +
                       std::to_string(kMaxRawTransactionBytes) + ")");
  auto tx = decode_transaction(*raw);
  if (!tx) return error_of(tx.error());
  auto checked = tx_check(call, *tx);
  if (!checked) return checked.error();
  auto sender = recover_sender(*tx);
  if (!sender) return error_of(sender.error());
  auto submitted = call.service.submit(std::move(*tx), *sender).get();
  if (!submitted) return error_of(submitted.error());
  return *submitted;
}

/// The receipt JSON of the canonical transaction `hash`, or null.
json tx_receipt(const NodeService& service, const Hash256& hash) {
  const auto mined = find_mined(service, hash);
  if (!mined) return nullptr;
  const auto receipts = service.chain().receipts(mined->block_hash);
  if (!receipts || mined->index >= receipts->size()) return nullptr;
  uint32_t first_log = 0;
  for (uint32_t i = 0; i < mined->index; ++i)
    first_log += static_cast<uint32_t>((*receipts)[i].logs.size());
  const Block& b = mined->block;
  const TxPlace place{mined->block_hash, b.header.number, mined->index, b.header.base_fee};
  return receipt_json((*receipts)[mined->index], b.transactions[mined->index],
                      b.senders[mined->index], place, first_log);
}

/// The type eth_sendTransaction builds: the given one, else legacy with gasPrice (type 1
/// with an access list too), else type 2.
Result<TxType, MethodError> tx_type_of(const TxRequest& r) {
  if (r.type) {
    if (*r.type > 2)
      return refused(RefusalKind::TxTypeNotSupported, "type " + std::to_string(*r.type));
    return static_cast<TxType>(*r.type);
  }
  if (r.gas_price) return r.access_list ? TxType::AccessList : TxType::Legacy;
  return TxType::DynamicFee;
}

/// The fees of a transaction eth_sendTransaction builds, defaulted as wallets do: tip 1
/// gwei, fee cap 2 × next base fee + tip, gas price next base fee + 1 gwei.
void tx_default_fees(const MethodCall& call, const TxRequest& r, Transaction& tx) {
  const Word base = next_base_fee(call.service.head()->header);
  if (tx.type == TxType::DynamicFee) {
    tx.max_priority_fee = r.max_priority_fee.value_or(Word{kDefaultTip});
    tx.max_fee = r.max_fee.value_or(vm::add(vm::add(base, base), tx.max_priority_fee));
    if (r.max_fee && !r.max_priority_fee && vm::lt(*r.max_fee, tx.max_priority_fee))
      tx.max_priority_fee = *r.max_fee;
  } else {
    tx.gas_price =
        r.gas_price ? *r.gas_price : r.max_fee.value_or(vm::add(base, Word{kDefaultTip}));
  }
}

/// The transaction eth_sendTransaction sends for `r` (not signed yet).
Result<Transaction, MethodError> tx_build(const MethodCall& call, const TxRequest& r,
                                          const Address& from) {
  auto type = tx_type_of(r);
  if (!type) return type.error();
  Transaction tx;
  tx.type = *type;
  const uint64_t chain_id = call.service.config().chain_id;
  if (r.chain_id && *r.chain_id != chain_id)
    return refused(RefusalKind::InvalidChainId,
                   "have " + std::to_string(*r.chain_id) + ", want " + std::to_string(chain_id));
  tx.chain_id = chain_id;
  tx.nonce = r.nonce ? *r.nonce : call.service.pending_nonce(from);
  tx.to = r.to;
  tx.value = r.value.value_or(Word{});
  tx.data = r.data;
  if (r.access_list && tx.type != TxType::Legacy) tx.access_list = *r.access_list;
  tx_default_fees(call, r, tx);
  if (r.gas) {
    tx.gas_limit = *r.gas;
  } else {
    CallRequest request = to_call_request(r);
    request.from = from;
    const std::shared_ptr<const ChainHead> head = call.service.head();
    if (auto funds = check_call_funds(call, head->header, request); !funds) return funds.error();
    auto gas = call.service.estimate(request, head->header);
    if (!gas) return revert_error(call.artifacts, gas.error());
    tx.gas_limit = *gas;
  }
  return tx;
}

}  // namespace

namespace handlers {

MethodResult send_raw_transaction(const MethodCall& call) {
  auto submitted = tx_submit_raw(call);
  if (!submitted) return submitted.error();
  return hash_json(submitted->hash);
}

MethodResult send_raw_transaction_sync(const MethodCall& call) {
  uint64_t timeout_ms = kSyncDefaultTimeoutMs;
  if (!call.param(1).is_null()) {
    auto t = parse_u64(call.param(1), param_name(1));
    if (!t) return error_of(t.error());
    timeout_ms = std::min(*t, kSyncMaxTimeoutMs);
  }
  auto submitted = tx_submit_raw(call);
  if (!submitted) return submitted.error();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    json receipt = tx_receipt(call.service, submitted->hash);
    if (!receipt.is_null()) return receipt;
    if (std::chrono::steady_clock::now() >= deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  MethodError e = refused(RefusalKind::SyncTimeout,
                          "transaction not mined within " + std::to_string(timeout_ms) + " ms");
  e.data = hash_json(submitted->hash);
  return e;
}

MethodResult send_transaction(const MethodCall& call) {
  auto request = parse_tx_request(call.param(0), param_name(0));
  if (!request) return error_of(request.error());
  if (!request->from) return refused(RefusalKind::InvalidParams, param_name(0) + ": no from");
  const Address from = *request->from;
  const DevAccount* signer = nullptr;
  for (const DevAccount& a : call.service.accounts())
    if (a.address == from) signer = &a;
  const bool impersonated = call.service.impersonated(from);
  if (signer == nullptr && !impersonated)
    return refused(RefusalKind::UnknownAccount, vm::to_hex(from));
  auto tx = tx_build(call, *request, from);
  if (!tx) return tx.error();
  auto checked = tx_check(call, *tx);
  if (!checked) return checked.error();
  Transaction ready = std::move(*tx);
  if (signer != nullptr) {
    auto signed_tx = sign_transaction(ready, signer->private_key);
    if (!signed_tx) return internal_error("dev account key does not sign");
    ready = std::move(*signed_tx);
  } else {
    ready.y_parity = 0;  // the placeholder signature of an impersonated sender
    ready.r = vm::to_word(from);
    ready.s = Word{1};
  }
  auto submitted = call.service.submit(std::move(ready), from, signer == nullptr).get();
  if (!submitted) return error_of(submitted.error());
  return hash_json(submitted->hash);
}

MethodResult get_transaction_by_hash(const MethodCall& call) {
  auto hash = parse_hash(call.param(0), param_name(0));
  if (!hash) return error_of(hash.error());
  if (const auto mined = find_mined(call.service, *hash)) {
    const Block& b = mined->block;
    const TxPlace place{mined->block_hash, b.header.number, mined->index, b.header.base_fee};
    return transaction_json(b.transactions[mined->index], b.senders[mined->index], place);
  }
  if (const auto pooled = call.service.pooled(*hash))
    return transaction_json(pooled->first, pooled->second, std::nullopt);
  return json(nullptr);
}

MethodResult get_transaction_receipt(const MethodCall& call) {
  auto hash = parse_hash(call.param(0), param_name(0));
  if (!hash) return error_of(hash.error());
  return tx_receipt(call.service, *hash);
}

}  // namespace handlers
}  // namespace tenet::node::rpc
