#pragma once
/// \file
/// The method table: every JSON-RPC method the node answers, one row each — its name, its
/// alias (the hardhat_ name of an anvil_ method, or ""), the least and most parameters, whether
/// it is privileged (refused from remote hosts unless --allow-remote-signing: toolchain §4
/// "Dev accounts") and its handler (methods.hpp). Nothing else lists the methods.

#include <cstdint>
#include <span>
#include <string_view>

#include "methods.hpp"

namespace tenet::node::rpc {

/// X(name, alias, least params, most params, privileged, handler).
#define TENET_RPC_METHODS(X)                                                                   \
  X("web3_clientVersion", "", 0, 0, false, client_version)                                     \
  X("net_version", "", 0, 0, false, net_version)                                               \
  X("eth_chainId", "", 0, 0, false, chain_id)                                                  \
  X("eth_blockNumber", "", 0, 0, false, block_number)                                          \
  X("eth_accounts", "", 0, 0, false, accounts)                                                 \
  X("eth_getBalance", "", 1, 2, false, get_balance)                                            \
  X("eth_getTransactionCount", "", 1, 2, false, get_transaction_count)                         \
  X("eth_getCode", "", 1, 2, false, get_code)                                                  \
  X("eth_getStorageAt", "", 2, 3, false, get_storage_at)                                       \
  X("eth_gasPrice", "", 0, 0, false, gas_price)                                                \
  X("eth_maxPriorityFeePerGas", "", 0, 0, false, max_priority_fee)                             \
  X("eth_feeHistory", "", 2, 3, false, fee_history)                                            \
  X("eth_estimateGas", "", 1, 2, false, estimate_gas)                                          \
  X("eth_call", "", 1, 2, false, call_contract)                                                \
  X("eth_sendRawTransaction", "", 1, 1, false, send_raw_transaction)                           \
  X("eth_sendRawTransactionSync", "", 1, 2, false, send_raw_transaction_sync)                  \
  X("eth_sendTransaction", "", 1, 1, true, send_transaction)                                   \
  X("eth_getTransactionByHash", "", 1, 1, false, get_transaction_by_hash)                      \
  X("eth_getTransactionReceipt", "", 1, 1, false, get_transaction_receipt)                     \
  X("eth_getBlockByNumber", "", 1, 2, false, get_block_by_number)                              \
  X("eth_getBlockByHash", "", 1, 2, false, get_block_by_hash)                                  \
  X("eth_getBlockTransactionCountByNumber", "", 1, 1, false, get_block_transaction_count)      \
  X("eth_getLogs", "", 1, 1, false, get_logs)                                                  \
  X("eth_newFilter", "", 1, 1, false, new_filter)                                              \
  X("eth_newBlockFilter", "", 0, 0, false, new_block_filter)                                   \
  X("eth_getFilterChanges", "", 1, 1, false, get_filter_changes)                               \
  X("eth_getFilterLogs", "", 1, 1, false, get_filter_logs)                                     \
  X("eth_uninstallFilter", "", 1, 1, false, uninstall_filter)                                  \
  X("eth_getProof", "", 2, 3, false, get_proof)                                                \
  X("eth_syncing", "", 0, 0, false, syncing)                                                   \
  X("eth_mining", "", 0, 0, false, mining)                                                     \
  X("eth_subscribe", "", 1, 2, false, subscribe)                                               \
  X("eth_unsubscribe", "", 1, 1, false, unsubscribe)                                           \
  X("tenet_traceTransaction", "", 1, 1, false, trace_transaction)                              \
  X("tenet_traceCall", "", 1, 2, false, trace_call)                                            \
  X("evm_mine", "", 0, 1, true, evm_mine)                                                      \
  X("evm_snapshot", "", 0, 0, true, evm_snapshot)                                              \
  X("evm_revert", "", 1, 1, true, evm_revert)                                                  \
  X("evm_increaseTime", "", 1, 1, true, evm_increase_time)                                     \
  X("evm_setNextBlockTimestamp", "", 1, 1, true, evm_set_next_block_timestamp)                 \
  X("evm_setAutomine", "", 1, 1, true, evm_set_automine)                                       \
  X("anvil_setBalance", "hardhat_setBalance", 2, 2, true, set_balance)                         \
  X("anvil_setCode", "hardhat_setCode", 2, 2, true, set_code)                                  \
  X("anvil_setStorageAt", "hardhat_setStorageAt", 3, 3, true, set_storage_at)                  \
  X("anvil_impersonateAccount", "hardhat_impersonateAccount", 1, 1, true, impersonate_account) \
  X("anvil_stopImpersonatingAccount", "hardhat_stopImpersonatingAccount", 1, 1, true,          \
    stop_impersonating_account)

/// The handlers, one per row (defined in methods_*.cpp).
namespace handlers {
#define TENET_RPC_DECLARE_HANDLER(name, alias, least, most, privileged, handler) \
  MethodResult handler(const MethodCall& call);
TENET_RPC_METHODS(TENET_RPC_DECLARE_HANDLER)
#undef TENET_RPC_DECLARE_HANDLER
}  // namespace handlers

/// One row of the table.
struct MethodSpec {
  std::string_view name;
  /// Another name answering the same ("" when none).
  std::string_view alias;
  uint8_t min_params = 0;
  uint8_t max_params = 0;
  bool privileged = false;
  MethodHandler handler = nullptr;
};

/// The table's rows, in its order.
std::span<const MethodSpec> method_table();
/// The row whose name or alias is `name`, or null.
const MethodSpec* find_method(std::string_view name);

}  // namespace tenet::node::rpc
