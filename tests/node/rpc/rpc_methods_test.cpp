// RpcHandler over an in-memory NodeService: each method's answer for a fresh chain, a signed
// transfer and a deployment (values checked exactly: balances, fees, gas, block fields),
// eth_call / eth_estimateGas reverts with their message forms and data, eth_getProof verified
// against the block's state root, and batches.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "node/rpc/rpc_support.hpp"
#include "tenet/node/chain/base_fee.hpp"
#include "tenet/node/trie/proof.hpp"

namespace tenet::node {
namespace {

using nlohmann::json;
using test::rpc_ether;
using test::rpc_selector;

class RpcMethods : public test::RpcNodeTest {};

TEST_F(RpcMethods, NodeAndFees) {
  EXPECT_EQ(result("web3_clientVersion"), "tenet-node/1");
  EXPECT_EQ(result("net_version"), "31337");
  EXPECT_EQ(result("eth_chainId"), "0x7a69");
  EXPECT_EQ(result("eth_blockNumber"), "0x0");
  const json accounts = result("eth_accounts");
  ASSERT_EQ(accounts.size(), 10u);
  EXPECT_EQ(accounts[0], "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
  EXPECT_EQ(accounts[1], "0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
  EXPECT_EQ(result("eth_syncing"), false);
  EXPECT_EQ(result("eth_mining"), true);
  EXPECT_EQ(result("eth_maxPriorityFeePerGas"), "0x3b9aca00");
  EXPECT_EQ(result("eth_gasPrice"), "0x6fc23ac0");  // next base fee 0.875 gwei + 1 gwei
  EXPECT_EQ(result("eth_getBalance", {dev_hex(0), "latest"}), "0x21e19e0c9bab2400000");
  EXPECT_EQ(result("eth_getBalance", {dev_hex(0)}), "0x21e19e0c9bab2400000");
  EXPECT_EQ(result("eth_getTransactionCount", {dev_hex(0), "pending"}), "0x0");
  EXPECT_EQ(result("eth_getCode", {dev_hex(0), "latest"}), "0x");
  EXPECT_EQ(result("eth_getStorageAt", {dev_hex(0), "0x0", "latest"}), "0x" + std::string(64, '0'));
  const json genesis = result("eth_getBlockByNumber", {"earliest", false});
  EXPECT_EQ(genesis["number"], "0x0");
  EXPECT_EQ(genesis["baseFeePerGas"], "0x3b9aca00");
  EXPECT_EQ(genesis["transactions"], json::array());
  EXPECT_EQ(result("eth_getBlockByNumber", {"0x5", false}), nullptr);
  EXPECT_EQ(result("eth_getBlockByHash", {"0x" + std::string(64, '1'), false}), nullptr);
  EXPECT_EQ(result("eth_getTransactionByHash", {"0x" + std::string(64, '1')}), nullptr);
  EXPECT_EQ(result("eth_getTransactionReceipt", {"0x" + std::string(64, '1')}), nullptr);
}

TEST_F(RpcMethods, SignedTransfer) {
  const Transaction tx = dynamic_tx(0, dev(1).address, rpc_ether(1));
  const std::string hash = vm::hex_encode(signed_hash(tx));
  EXPECT_EQ(result("eth_sendRawTransaction", {signed_raw(tx)}), hash);
  EXPECT_EQ(result("eth_blockNumber"), "0x1");
  EXPECT_EQ(result("eth_getBalance", {dev_hex(1), "latest"}), "0x21e27c1806e59a40000");
  // 10,000 ether − 1 ether − 21,000 × 1.875 gwei
  EXPECT_EQ(result("eth_getBalance", {dev_hex(0), "latest"}), "0x21e0bffef3755f8aa00");
  EXPECT_EQ(result("eth_getBalance", {dev_hex(0), "0x0"}), "0x21e19e0c9bab2400000");  // archive
  EXPECT_EQ(result("eth_getTransactionCount", {dev_hex(0), "latest"}), "0x1");
  EXPECT_EQ(result("eth_getTransactionCount", {dev_hex(0), "pending"}), "0x1");
  EXPECT_EQ(result("eth_getTransactionCount", {dev_hex(0), "earliest"}), "0x0");

  const json receipt = result("eth_getTransactionReceipt", {hash});
  EXPECT_EQ(receipt["status"], "0x1");
  EXPECT_EQ(receipt["gasUsed"], "0x5208");
  EXPECT_EQ(receipt["cumulativeGasUsed"], "0x5208");
  EXPECT_EQ(receipt["effectiveGasPrice"], "0x6fc23ac0");
  EXPECT_EQ(receipt["from"], dev_hex(0));
  EXPECT_EQ(receipt["to"], dev_hex(1));
  EXPECT_EQ(receipt["contractAddress"], nullptr);
  EXPECT_EQ(receipt["blockNumber"], "0x1");
  EXPECT_EQ(receipt["transactionIndex"], "0x0");
  EXPECT_EQ(receipt["type"], "0x2");
  EXPECT_EQ(receipt["logs"], json::array());
  EXPECT_FALSE(receipt.contains("revertData"));

  const json by_hash = result("eth_getTransactionByHash", {hash});
  EXPECT_EQ(by_hash["blockHash"], receipt["blockHash"]);
  EXPECT_EQ(by_hash["blockNumber"], "0x1");
  EXPECT_EQ(by_hash["from"], dev_hex(0));
  EXPECT_EQ(by_hash["gasPrice"], "0x6fc23ac0");
  EXPECT_EQ(by_hash["value"], "0xde0b6b3a7640000");

  const json block = result("eth_getBlockByNumber", {"latest", false});
  EXPECT_EQ(block["hash"], receipt["blockHash"]);
  EXPECT_EQ(block["transactions"], json::array({hash}));
  EXPECT_EQ(block["gasUsed"], "0x5208");
  EXPECT_EQ(block["baseFeePerGas"], "0x342770c0");
  EXPECT_EQ(block["totalDifficulty"], "0x2");
  EXPECT_EQ(block["parentHash"], result("eth_getBlockByNumber", {"0x0", false})["hash"]);
  const json full = result("eth_getBlockByHash", {block["hash"], true});
  EXPECT_EQ(full["transactions"][0], by_hash);
  EXPECT_EQ(full["size"], block["size"]);
  EXPECT_EQ(result("eth_getBlockTransactionCountByNumber", {"0x1"}), "0x1");
  EXPECT_EQ(result("eth_getBlockTransactionCountByNumber", {"0x0"}), "0x0");

  const Header head = service_->head()->header;
  const json history = result("eth_feeHistory", {"0x4", "latest", {25, 75}});
  EXPECT_EQ(history["oldestBlock"], "0x0");
  EXPECT_EQ(history["baseFeePerGas"],
            json::array({"0x3b9aca00", "0x342770c0", vm::to_hex(next_base_fee(head))}));
  EXPECT_EQ(history["gasUsedRatio"], json::array({0.0, 21000.0 / 30'000'000.0}));
  EXPECT_EQ(history["reward"], json::array({{"0x0", "0x0"}, {"0x3b9aca00", "0x3b9aca00"}}));
  EXPECT_FALSE(result("eth_feeHistory", {"0x1", "latest"}).contains("reward"));
}

TEST_F(RpcMethods, DeploymentCallsLogsAndProofs) {
  const Address counter = deploy_counter(0);
  const std::string counter_hex = vm::to_hex(counter);
  const json block1 = result("eth_getBlockByNumber", {"0x1", true});
  const json deploy_receipt =
      result("eth_getTransactionReceipt", json::array({block1["transactions"][0]["hash"]}));
  EXPECT_EQ(deploy_receipt["contractAddress"], counter_hex);
  EXPECT_EQ(deploy_receipt["to"], nullptr);
  EXPECT_EQ(block1["transactions"][0]["to"], nullptr);
  EXPECT_EQ(result("eth_getCode", {counter_hex, "latest"}),
            vm::hex_encode(test::rpc_counter_code()));
  EXPECT_EQ(result("eth_getCode", {counter_hex, "0x0"}), "0x");

  const json bump = {{"from", dev_hex(0)}, {"to", counter_hex}, {"data", rpc_selector("bump()")}};
  const std::string estimate = result("eth_estimateGas", {bump});
  EXPECT_EQ(estimate.rfind("0x", 0), 0u);
  const std::string sent = result("eth_sendTransaction", {bump});
  const json receipt = result("eth_getTransactionReceipt", {sent});
  EXPECT_EQ(receipt["status"], "0x1");
  EXPECT_EQ(receipt["gasUsed"], estimate);
  ASSERT_EQ(receipt["logs"].size(), 1u);
  const std::string one = "0x" + std::string(63, '0') + "1";
  EXPECT_EQ(receipt["logs"][0]["address"], counter_hex);
  EXPECT_EQ(receipt["logs"][0]["topics"], json::array({one}));
  EXPECT_EQ(receipt["logs"][0]["logIndex"], "0x0");
  EXPECT_EQ(receipt["logs"][0]["transactionHash"], sent);
  const json logs = result("eth_getLogs", {{{"fromBlock", "0x0"}, {"address", counter_hex}}});
  ASSERT_EQ(logs.size(), 1u);
  EXPECT_EQ(logs[0], receipt["logs"][0]);
  EXPECT_EQ(
      result("eth_getLogs", {{{"fromBlock", "0x0"}, {"topics", {"0x" + std::string(64, 'f')}}}}),
      json::array());
  EXPECT_EQ(result("eth_getLogs", {{{"blockHash", receipt["blockHash"]}}}).size(), 1u);

  EXPECT_EQ(result("eth_getStorageAt", {counter_hex, "0x1", "latest"}), one);
  EXPECT_EQ(result("eth_getStorageAt", {counter_hex, one, "latest"}), one);
  EXPECT_EQ(result("eth_getStorageAt", {counter_hex, "0x1", {{"blockNumber", "0x1"}}}),
            "0x" + std::string(64, '0'));
  EXPECT_EQ(result("eth_getStorageAt", {counter_hex, "0x1", {{"blockHash", receipt["blockHash"]}}}),
            one);
  const json get = {{"to", counter_hex}, {"data", rpc_selector("get()")}};
  EXPECT_EQ(result("eth_call", {get, "latest"}), one);
  EXPECT_EQ(result("eth_call", {get, "0x1"}), "0x" + std::string(64, '0'));

  const json proof = result("eth_getProof", {counter_hex, {"0x1"}, "latest"});
  EXPECT_EQ(proof["address"], counter_hex);
  EXPECT_EQ(proof["nonce"], "0x1");  // EIP-161: a contract starts at nonce 1
  EXPECT_EQ(proof["storageProof"][0]["key"], "0x1");
  EXPECT_EQ(proof["storageProof"][0]["value"], "0x1");
  std::vector<Bytes> nodes;
  for (const json& n : proof["accountProof"]) nodes.push_back(test::from_hex(n.get<std::string>()));
  const Hash256 root = service_->head()->header.state_root;
  const Hash256 key = vm::keccak256(counter.bytes);
  auto account = verify_proof(root, key, nodes);
  ASSERT_TRUE(account.ok()) << account.error().message;
  ASSERT_TRUE(account->has_value());
  auto decoded = decode_account(**account);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(vm::hex_encode(decoded->storage_root), proof["storageHash"]);
  std::vector<Bytes> slot_nodes;
  for (const json& n : proof["storageProof"][0]["proof"])
    slot_nodes.push_back(test::from_hex(n.get<std::string>()));
  auto slot =
      verify_proof(decoded->storage_root, vm::keccak256(vm::word_to_be(Word{1})), slot_nodes);
  ASSERT_TRUE(slot.ok()) << slot.error().message;
  EXPECT_EQ(*slot, std::optional<Bytes>(Bytes{0x01}));
}

TEST_F(RpcMethods, RevertsAnswerCode3WithMessageAndData) {
  const std::string counter = vm::to_hex(deploy_counter(0));
  const json fail = request("eth_call", {{{"to", counter}, {"data", rpc_selector("fail()")}}});
  EXPECT_EQ(fail["error"], (json{{"code", 3},
                                 {"message", "execution reverted: custom error 0xbeef"},
                                 {"data", "0xbeef"}}));
  const json estimate =
      request("eth_estimateGas", {{{"to", counter}, {"data", rpc_selector("fail()")}}});
  EXPECT_EQ(estimate["error"], fail["error"]);
  const std::string short_data =
      "0xcf479181" + std::string(61, '0') + "3e8" + std::string(61, '0') + "3e9";
  const json by_selector =
      request("eth_call", {{{"to", counter}, {"data", rpc_selector("short()")}}});
  EXPECT_EQ(by_selector["error"], (json{{"code", 3},
                                        {"message", "execution reverted: custom error 0xcf479181"},
                                        {"data", short_data}}));
  // With an artifact declaring the error, the message names it.
  const auto dir =
      std::filesystem::temp_directory_path() / ("tenet_rpc_methods_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "Counter.json")
      << R"({"abi":[{"type":"error","name":"InsufficientBalance","inputs":[)"
         R"({"name":"have","type":"uint256"},{"name":"want","type":"uint256"}]}]})";
  auto index = ArtifactIndex::load(dir);
  std::filesystem::remove_all(dir);
  ASSERT_TRUE(index.ok()) << index.error().message;
  RpcHandler named(*service_, *index, false);
  const json answer = json::parse(
      named.handle(json{{"id", 1},
                        {"method", "eth_call"},
                        {"params", {{{"to", counter}, {"data", rpc_selector("short()")}}}}}
                       .dump(),
                   RequestContext{}));
  EXPECT_EQ(answer["error"]["message"], "execution reverted: InsufficientBalance(1000, 1001)");
  EXPECT_EQ(answer["error"]["data"], short_data);
  // A transaction that reverts is mined with status 0 and its revert data.
  const std::string hash = result("eth_sendTransaction", {{{"from", dev_hex(0)},
                                                           {"to", counter},
                                                           {"data", rpc_selector("fail()")},
                                                           {"gas", "0x30000"}}});
  const json receipt = result("eth_getTransactionReceipt", {hash});
  EXPECT_EQ(receipt["status"], "0x0");
  EXPECT_EQ(receipt["revertData"], "0xbeef");
}

TEST_F(RpcMethods, Batches) {
  const json answers =
      answer(R"([{"jsonrpc":"2.0","id":1,"method":"eth_chainId"},)"
             R"({"jsonrpc":"2.0","method":"eth_blockNumber"},)"
             R"({"jsonrpc":"2.0","id":"b","method":"eth_nope"},)"
             R"({"jsonrpc":"2.0","id":3,"method":"eth_getBalance","params":["0x01"]}])");
  ASSERT_TRUE(answers.is_array());
  ASSERT_EQ(answers.size(), 3u);
  EXPECT_EQ(answers[0], (json{{"jsonrpc", "2.0"}, {"id", 1}, {"result", "0x7a69"}}));
  EXPECT_EQ(answers[1]["id"], "b");
  EXPECT_EQ(answers[1]["error"]["code"], -32601);
  EXPECT_EQ(answers[2]["error"],
            (json{{"code", -32602},
                  {"message",
                   "invalid params: parameter 1: an address must be 20 bytes (40 hex digits)"}}));
  std::string big = "[";
  for (int i = 0; i < 1001; ++i)
    big += std::string(i ? "," : "") + R"({"id":1,"method":"eth_chainId"})";
  big += "]";
  EXPECT_EQ(answer(big)["error"]["code"], -32600);
  EXPECT_EQ(answer(R"({"method":"eth_chainId"})"), nullptr);  // a notification
}

}  // namespace
}  // namespace tenet::node
