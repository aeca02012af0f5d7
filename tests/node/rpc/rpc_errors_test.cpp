// Every row of toolchain.md §4's error table through RpcHandler over an in-memory node: the
// code, the phrase the message starts with, and the state left unchanged (balance and nonce of
// the sender, block number); the remote refusal of privileged methods.

#include <gtest/gtest.h>

#include "node/rpc/rpc_support.hpp"

namespace tenet::node {
namespace {

using nlohmann::json;
using test::rpc_ether;

class RpcErrors : public test::RpcNodeTest {
 protected:
  /// The error of sending `raw`, checking that nothing changed.
  json send_error(const std::string& raw) {
    const json balance = result("eth_getBalance", {dev_hex(0), "latest"});
    const json nonce = result("eth_getTransactionCount", {dev_hex(0), "latest"});
    const json number = result("eth_blockNumber");
    const json e = error("eth_sendRawTransaction", {raw});
    EXPECT_EQ(result("eth_getBalance", {dev_hex(0), "latest"}), balance);
    EXPECT_EQ(result("eth_getTransactionCount", {dev_hex(0), "latest"}), nonce);
    EXPECT_EQ(result("eth_blockNumber"), number);
    return e;
  }
};

/// Whether `e` has `code` and a message starting with `phrase`.
::testing::AssertionResult errors_test_is(const json& e, int code, const std::string& phrase) {
  if (!e.is_object() || e.value("code", 0) != code ||
      e.value("message", std::string()).rfind(phrase, 0) != 0)
    return ::testing::AssertionFailure()
           << "want " << code << " \"" << phrase << "…\", got " << e.dump();
  return ::testing::AssertionSuccess();
}

TEST_F(RpcErrors, EnvelopeRows) {
  EXPECT_EQ(answer("{\"id\":1,")["error"], (json{{"code", -32700}, {"message", "parse error"}}));
  EXPECT_EQ(answer("[]")["error"],
            (json{{"code", -32600}, {"message", "invalid request: empty batch"}}));
  EXPECT_EQ(answer("42")["error"]["code"], -32600);
  EXPECT_EQ(error("eth_nope"), (json{{"code", -32601}, {"message", "method not found: eth_nope"}}));
  EXPECT_EQ(error("eth_blockNumber", {1}),
            (json{{"code", -32602}, {"message", "invalid params: expected 0 parameters, got 1"}}));
  EXPECT_EQ(
      error("eth_getBalance"),
      (json{{"code", -32602}, {"message", "invalid params: expected 1 to 2 parameters, got 0"}}));
  EXPECT_EQ(error("eth_getTransactionByHash", {"0x1", 2})["message"],
            "invalid params: expected 1 parameter, got 2");
  EXPECT_EQ(error("eth_getBalance", {dev_hex(0), "0x9"})["message"],
            "invalid params: parameter 2: block 0x9 not found (head is 0x0)");
  EXPECT_EQ(
      error("eth_getBalance",
            {dev_hex(0), {{"blockHash", "0x" + std::string(64, '7')}}})["message"],
      "invalid params: parameter 2: block 0x" + std::string(64, '7') + " not found (head is 0x0)");
  EXPECT_EQ(error("eth_getFilterChanges", {"0x63"})["message"],
            "invalid params: parameter 1: filter 0x63 not found");
  EXPECT_EQ(answer(R"({"id":1,"method":"eth_chainId","params":{"a":1}})")["error"]["code"], -32602);
}

TEST_F(RpcErrors, TransactionRows) {
  EXPECT_TRUE(errors_test_is(send_error("0xc0"), -32000, "invalid transaction"));
  EXPECT_TRUE(errors_test_is(send_error("0x03c0"), -32000, "transaction type not supported"));
  // High s: the same signature with s' = n − s and the other parity.
  auto tx = sign_transaction(dynamic_tx(0, dev(1).address, Word{1}), dev(0).private_key);
  ASSERT_TRUE(tx.has_value());
  const Word n =
      *vm::parse_word("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");
  Transaction high = *tx;
  high.s = vm::sub(n, tx->s);
  high.y_parity ^= 1;
  EXPECT_TRUE(errors_test_is(send_error(vm::hex_encode(encode_transaction(high))), -32000,
                             "invalid signature"));
  Transaction bad_r = *tx;
  bad_r.r = Word{};
  EXPECT_TRUE(errors_test_is(send_error(vm::hex_encode(encode_transaction(bad_r))), -32000,
                             "invalid signature"));
  Transaction other_chain = dynamic_tx(0, dev(1).address, Word{1});
  other_chain.chain_id = 1;
  EXPECT_EQ(send_error(signed_raw(other_chain)),
            (json{{"code", -32000}, {"message", "invalid chain id: have 1, want 31337"}}));
  EXPECT_TRUE(errors_test_is(send_error(signed_raw(dynamic_tx(2'000, dev(1).address, Word{1}))),
                             -32000, "nonce too high"));
  Transaction cheap = dynamic_tx(0, dev(1).address, Word{1});
  cheap.max_fee = Word{1};
  cheap.max_priority_fee = Word{1};
  EXPECT_TRUE(errors_test_is(send_error(signed_raw(cheap)), -32000,
                             "max fee per gas less than block base fee"));
  EXPECT_TRUE(
      errors_test_is(send_error(signed_raw(dynamic_tx(0, dev(1).address, rpc_ether(1'000'000)))),
                     -32000, "insufficient funds for gas * price + value"));
  EXPECT_TRUE(
      errors_test_is(send_error(signed_raw(dynamic_tx(0, dev(1).address, Word{1}, 30'000'001))),
                     -32000, "exceeds block gas limit"));
  EXPECT_TRUE(errors_test_is(send_error(signed_raw(dynamic_tx(0, dev(1).address, Word{1}, 20'000))),
                             -32000, "intrinsic gas too low"));
  EXPECT_TRUE(errors_test_is(
      send_error(signed_raw(dynamic_tx(0, std::nullopt, Word{}, 200'000, Bytes{0x01, 0x02}))),
      -32000, "invalid container"));

  // Mined once: the same bytes are already known, another transaction with its nonce too low.
  const std::string raw = signed_raw(dynamic_tx(0, dev(1).address, Word{1}));
  result("eth_sendRawTransaction", {raw});
  EXPECT_TRUE(errors_test_is(send_error(raw), -32000, "already known"));
  EXPECT_TRUE(errors_test_is(send_error(signed_raw(dynamic_tx(0, dev(1).address, Word{2}))), -32000,
                             "nonce too low"));
  // A queued transaction (nonce gap) is replaced only for a 10% higher fee.
  const std::string queued = signed_raw(dynamic_tx(5, dev(1).address, Word{1}));
  EXPECT_EQ(result("eth_sendRawTransaction", {queued}),
            vm::hex_encode(signed_hash(dynamic_tx(5, dev(1).address, Word{1}))));
  EXPECT_TRUE(errors_test_is(send_error(signed_raw(dynamic_tx(5, dev(1).address, Word{2}))), -32000,
                             "replacement transaction underpriced"));
  EXPECT_EQ(
      result("eth_getTransactionByHash",
             {vm::hex_encode(signed_hash(dynamic_tx(5, dev(1).address, Word{1})))})["blockHash"],
      nullptr);
}

TEST_F(RpcErrors, SendTransactionRows) {
  EXPECT_EQ(
      error("eth_sendTransaction", {{{"from", "0x" + std::string(40, '9')}, {"to", dev_hex(1)}}}),
      (json{{"code", -32000}, {"message", "unknown account: 0x" + std::string(40, '9')}}));
  EXPECT_EQ(error("eth_sendTransaction", {{{"to", dev_hex(1)}}})["message"],
            "invalid params: parameter 1: no from");
  EXPECT_EQ(error("eth_sendTransaction", {{{"from", dev_hex(0)}, {"type", "0x3"}}}),
            (json{{"code", -32000}, {"message", "transaction type not supported: type 3"}}));
  EXPECT_EQ(error("eth_sendTransaction",
                  {{{"from", dev_hex(0)}, {"to", dev_hex(1)}, {"chainId", "0x1"}}}),
            (json{{"code", -32000}, {"message", "invalid chain id: have 1, want 31337"}}));
  // Defaults: type 2, nonce from the pool, gas estimated, fees from the base fee.
  const std::string hash =
      result("eth_sendTransaction", {{{"from", dev_hex(0)}, {"to", dev_hex(1)}, {"value", "0x5"}}});
  const json tx = result("eth_getTransactionByHash", {hash});
  EXPECT_EQ(tx["type"], "0x2");
  EXPECT_EQ(tx["gas"], "0x5208");
  EXPECT_EQ(tx["maxPriorityFeePerGas"], "0x3b9aca00");
  EXPECT_EQ(tx["maxFeePerGas"], "0xa3e9ab80");  // 2 × 0.875 gwei + 1 gwei
  const json legacy =
      result("eth_getTransactionByHash",
             {result("eth_sendTransaction",
                     {{{"from", dev_hex(0)}, {"to", dev_hex(1)}, {"gasPrice", "0x77359400"}}})});
  EXPECT_EQ(legacy["type"], "0x0");
  EXPECT_EQ(legacy["nonce"], "0x1");
  EXPECT_EQ(legacy["chainId"], "0x7a69");
}

TEST_F(RpcErrors, UnaffordableCallsAreInsufficientFundsNotReverts) {
  // ethers maps /insufficient funds/ on an estimate to INSUFFICIENT_FUNDS; "execution
  // reverted" would read as a contract's revert (found by the CLI: `tenet send --value`).
  const std::string poor = "0x" + std::string(39, '0') + "1";
  const json transfer = {{"from", poor}, {"to", dev_hex(0)}, {"value", "0x1"}};
  const json want = {{"code", -32000},
                     {"message", "insufficient funds for gas * price + value: address " + poor +
                                     " have 0 want 1"}};
  EXPECT_EQ(error("eth_estimateGas", {transfer}), want);
  EXPECT_EQ(error("eth_call", {transfer, "latest"}), want);
  // A gas price counts too: 21,000 × 1 wei.
  EXPECT_EQ(error("eth_estimateGas",
                  {{{"from", poor}, {"to", dev_hex(0)}, {"gas", "0x5208"}, {"gasPrice", "0x1"}}}),
            (json{{"code", -32000},
                  {"message", "insufficient funds for gas * price + value: address " + poor +
                                  " have 0 want 21000"}}));
  // eth_sendTransaction estimates first: the same refusal, nothing sent.
  const json nonce = result("eth_getTransactionCount", {dev_hex(2), "latest"});
  EXPECT_TRUE(errors_test_is(
      error("eth_sendTransaction",
            {{{"from", dev_hex(2)}, {"to", dev_hex(1)}, {"value", "0x43c33c1937564800000"}}}),
      -32000,
      "insufficient funds for gas * price + value: address " + dev_hex(2) +
          " have 10000000000000000000000 want 20000000000000000000000"));
  EXPECT_EQ(result("eth_getTransactionCount", {dev_hex(2), "latest"}), nonce);
  // What the sender can pay still estimates.
  EXPECT_EQ(
      result("eth_estimateGas", {{{"from", dev_hex(2)}, {"to", dev_hex(1)}, {"value", "0x1"}}}),
      "0x5208");
}

TEST_F(RpcErrors, RemotePeersMayNotSignOrUseDevMethods) {
  const std::string phrase =
      "method not allowed from a remote host (start with --allow-remote-signing)";
  for (const char* method : {"eth_sendTransaction", "evm_mine", "evm_snapshot", "anvil_setBalance",
                             "hardhat_setBalance", "anvil_impersonateAccount"}) {
    const json a = request(method, json::array(), true);
    EXPECT_EQ(a["error"], (json{{"code", -32000}, {"message", phrase}})) << method;
  }
  EXPECT_EQ(request("eth_chainId", json::array(), true)["result"], "0x7a69");
  RpcHandler allowing(*service_, artifacts_, true);
  RequestContext remote;
  remote.remote_peer = true;
  const json a = json::parse(allowing.handle(R"({"id":1,"method":"evm_snapshot"})", remote));
  EXPECT_EQ(a["result"], "0x1");
}

}  // namespace
}  // namespace tenet::node
