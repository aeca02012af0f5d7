// The method table (src/rpc/method_table.hpp) lists exactly toolchain.md §4's methods (with
// the hardhat_ names of the anvil_ ones and anvil_stopImpersonatingAccount), each privileged
// exactly when §4 refuses it from remote hosts (eth_sendTransaction, evm_*, anvil_*). Expands
// the table's X-macro only: no handler is linked.

#include "../../../node-integration/src/rpc/method_table.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace tenet::node::rpc {
namespace {

struct MethodTableTestRow {
  std::string name, alias;
  int least, most;
  bool privileged;
};

std::vector<MethodTableTestRow> method_table_test_rows() {
  return {
#define TENET_RPC_TEST_ROW(name, alias, least, most, privileged, handler) \
  MethodTableTestRow{name, alias, least, most, privileged},
      TENET_RPC_METHODS(TENET_RPC_TEST_ROW)
#undef TENET_RPC_TEST_ROW
  };
}

/// toolchain.md §4, "JSON-RPC 2.0", in its order, with the project's own tenet_ methods after
/// the eth_ ones (§4: "at least tenet_traceTransaction"; tenet_traceCall is its eth_call form).
const std::vector<std::string> kToolchainMethods = {
    "web3_clientVersion", "net_version", "eth_chainId", "eth_blockNumber", "eth_accounts",
    "eth_getBalance", "eth_getTransactionCount", "eth_getCode", "eth_getStorageAt", "eth_gasPrice",
    "eth_maxPriorityFeePerGas", "eth_feeHistory", "eth_estimateGas", "eth_call",
    "eth_sendRawTransaction", "eth_sendRawTransactionSync", "eth_sendTransaction",
    "eth_getTransactionByHash", "eth_getTransactionReceipt", "eth_getBlockByNumber",
    "eth_getBlockByHash", "eth_getBlockTransactionCountByNumber", "eth_getLogs", "eth_newFilter",
    "eth_newBlockFilter", "eth_getFilterChanges", "eth_getFilterLogs", "eth_uninstallFilter",
    "eth_getProof", "eth_syncing", "eth_mining",
    // §4 "JSON-RPC 2.0": WebSocket subscriptions
    "eth_subscribe", "eth_unsubscribe",
    // §4: "plus tenet_ methods of the project's own"
    "tenet_traceTransaction", "tenet_traceCall", "evm_mine", "evm_snapshot", "evm_revert",
    "evm_increaseTime", "evm_setNextBlockTimestamp", "evm_setAutomine", "anvil_setBalance",
    "anvil_setCode", "anvil_setStorageAt", "anvil_impersonateAccount",
    // plan item 25: the counterpart of impersonation
    "anvil_stopImpersonatingAccount"};

TEST(RpcMethodTable, ListsExactlyTheToolchainMethods) {
  std::vector<std::string> names;
  for (const auto& row : method_table_test_rows()) names.push_back(row.name);
  EXPECT_EQ(names, kToolchainMethods);
}

TEST(RpcMethodTable, AliasesArePrivilegeAndBounds) {
  std::set<std::string> seen;
  for (const auto& row : method_table_test_rows()) {
    const bool dev = row.name.starts_with("evm_") || row.name.starts_with("anvil_");
    EXPECT_EQ(row.privileged, dev || row.name == "eth_sendTransaction") << row.name;
    const std::string alias = row.name.starts_with("anvil_") ? "hardhat_" + row.name.substr(6) : "";
    EXPECT_EQ(row.alias, alias) << row.name;
    EXPECT_LE(row.least, row.most) << row.name;
    EXPECT_TRUE(seen.insert(row.name).second) << row.name;
    if (!row.alias.empty()) {
      EXPECT_TRUE(seen.insert(row.alias).second) << row.alias;
    }
  }
}

}  // namespace
}  // namespace tenet::node::rpc
