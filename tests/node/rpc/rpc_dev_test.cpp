// Development methods and filters through RpcHandler over an in-memory node: evm_mine,
// snapshots and revert (ids used up), time, automine, anvil_set* with their hardhat_ names
// (visible at once at "latest"), impersonation, and block and log filters.

#include <gtest/gtest.h>

#include "node/rpc/rpc_support.hpp"

namespace tenet::node {
namespace {

using nlohmann::json;
using test::rpc_selector;

class RpcDev : public test::RpcNodeTest {};

TEST_F(RpcDev, MineSnapshotRevert) {
  EXPECT_EQ(result("evm_snapshot"), "0x1");
  EXPECT_EQ(result("evm_mine"), "0x0");
  EXPECT_EQ(result("eth_blockNumber"), "0x1");
  EXPECT_EQ(result("evm_mine", {{{"blocks", "0x3"}}}), "0x0");
  EXPECT_EQ(result("eth_blockNumber"), "0x4");
  const uint64_t head_time = service_->head()->header.timestamp;
  EXPECT_EQ(result("evm_mine", {head_time + 100}), "0x0");
  EXPECT_EQ(result("eth_getBlockByNumber", {"latest", false})["timestamp"],
            vm::hex_encode_quantity(head_time + 100));
  EXPECT_EQ(result("evm_snapshot"), "0x2");
  EXPECT_EQ(result("evm_revert", {"0x1"}), true);
  EXPECT_EQ(result("eth_blockNumber"), "0x0");
  EXPECT_EQ(result("evm_revert", {"0x1"}), false);  // used up
  EXPECT_EQ(result("evm_revert", {"0x2"}), false);  // later ones too
  EXPECT_EQ(error("evm_mine", {{{"blocks", "0x0"}}})["message"],
            "invalid params: parameter 1: blocks must be from 1 to 10000");
}

TEST_F(RpcDev, TimeAndAutomine) {
  const uint64_t t = service_->head()->header.timestamp;
  EXPECT_EQ(result("evm_setNextBlockTimestamp", {vm::hex_encode_quantity(t + 1000)}), nullptr);
  result("evm_mine");
  EXPECT_EQ(result("eth_getBlockByNumber", {"latest", false})["timestamp"],
            vm::hex_encode_quantity(t + 1000));
  EXPECT_EQ(result("evm_increaseTime", {3600}).get<std::string>().rfind("0x", 0), 0u);
  EXPECT_EQ(result("evm_setAutomine", {false}), nullptr);
  const std::string hash =
      result("eth_sendRawTransaction", {signed_raw(dynamic_tx(0, dev(1).address, Word{7}))});
  EXPECT_EQ(result("eth_getTransactionReceipt", {hash}), nullptr);
  EXPECT_EQ(result("eth_getTransactionByHash", {hash})["blockNumber"], nullptr);
  EXPECT_EQ(result("eth_getTransactionCount", {dev_hex(0), "pending"}), "0x1");
  EXPECT_EQ(result("eth_getTransactionCount", {dev_hex(0), "latest"}), "0x0");
  result("evm_mine");
  EXPECT_EQ(result("eth_getTransactionReceipt", {hash})["status"], "0x1");
}

TEST_F(RpcDev, SendRawTransactionSync) {
  const json receipt =
      result("eth_sendRawTransactionSync", {signed_raw(dynamic_tx(0, dev(1).address, Word{1}))});
  EXPECT_EQ(receipt["status"], "0x1");
  EXPECT_EQ(receipt["blockNumber"], "0x1");
  result("evm_setAutomine", {false});
  const Transaction queued = dynamic_tx(1, dev(1).address, Word{1});
  EXPECT_EQ(error("eth_sendRawTransactionSync", {signed_raw(queued), "0x32"}),
            (json{{"code", 4},
                  {"message", "timeout: transaction not mined within 50 ms"},
                  {"data", vm::hex_encode(signed_hash(queued))}}));
  EXPECT_EQ(result("eth_getTransactionByHash", {vm::hex_encode(signed_hash(queued))})["nonce"],
            "0x1");
}

TEST_F(RpcDev, StateOverridesAreVisibleAtOnce) {
  const std::string who = "0x" + std::string(40, 'a');
  EXPECT_EQ(result("anvil_setBalance", {who, "0x64"}), true);
  EXPECT_EQ(result("eth_getBalance", {who, "latest"}), "0x64");
  EXPECT_EQ(result("hardhat_setBalance", {who, "0x65"}), true);
  EXPECT_EQ(result("eth_getBalance", {who, "latest"}), "0x65");
  EXPECT_EQ(result("anvil_setStorageAt", {who, "0x2", "0x" + std::string(63, '0') + "9"}), true);
  EXPECT_EQ(result("eth_getStorageAt", {who, "0x2", "latest"}), "0x" + std::string(63, '0') + "9");
  const std::string code = vm::hex_encode(test::rpc_counter_code());
  EXPECT_EQ(result("anvil_setCode", {who, code}), true);
  EXPECT_EQ(result("eth_getCode", {who, "latest"}), code);
  EXPECT_TRUE(error("anvil_setCode", {who, "0x0102"})["message"].get<std::string>().starts_with(
      "invalid container"));
  result("evm_mine");  // the overrides go into the block
  EXPECT_EQ(result("eth_getBalance", {who, "latest"}), "0x65");
  EXPECT_EQ(result("eth_getBalance", {who, "0x0"}), "0x0");
  EXPECT_EQ(result("eth_call", {{{"to", who}, {"data", rpc_selector("get()")}}}),
            "0x" + std::string(64, '0'));
}

TEST_F(RpcDev, Impersonation) {
  const std::string who = "0x" + std::string(40, 'b');
  result("anvil_setBalance", {who, "0xde0b6b3a7640000"});
  const json send = {{{"from", who}, {"to", dev_hex(1)}, {"value", "0x1"}}};
  EXPECT_EQ(error("eth_sendTransaction", send)["message"], "unknown account: " + who);
  EXPECT_EQ(result("anvil_impersonateAccount", {who}), true);
  const std::string hash = result("eth_sendTransaction", send);
  const json receipt = result("eth_getTransactionReceipt", {hash});
  EXPECT_EQ(receipt["status"], "0x1");
  EXPECT_EQ(receipt["from"], who);
  EXPECT_EQ(result("hardhat_stopImpersonatingAccount", {who}), true);
  EXPECT_EQ(error("eth_sendTransaction", send)["message"], "unknown account: " + who);
}

TEST_F(RpcDev, Filters) {
  const std::string blocks = result("eth_newBlockFilter");
  const Address counter = deploy_counter(0);
  const json logs_filter = result("eth_newFilter", {{{"address", vm::to_hex(counter)}}});
  EXPECT_EQ(result("eth_getFilterChanges", {blocks}).size(), 1u);
  EXPECT_EQ(result("eth_getFilterChanges", {blocks}), json::array());
  result("eth_sendTransaction",
         {{{"from", dev_hex(0)}, {"to", vm::to_hex(counter)}, {"data", rpc_selector("bump()")}}});
  const json changes = result("eth_getFilterChanges", json::array({logs_filter}));
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0]["address"], vm::to_hex(counter));
  EXPECT_EQ(result("eth_getFilterChanges", json::array({logs_filter})), json::array());
  EXPECT_EQ(result("eth_getFilterLogs", json::array({logs_filter})).size(), 1u);
  EXPECT_EQ(result("eth_getFilterChanges", {blocks}).size(), 1u);
  EXPECT_EQ(result("eth_uninstallFilter", {blocks}), true);
  EXPECT_EQ(result("eth_uninstallFilter", {blocks}), false);
  EXPECT_EQ(error("eth_getFilterChanges", {blocks})["code"], -32602);
}

}  // namespace
}  // namespace tenet::node
