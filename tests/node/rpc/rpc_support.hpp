#pragma once
// The RPC tests' node: an in-memory NodeService (automine, chain 31337, the default dev
// accounts) behind an RpcHandler, with helpers to call methods and to sign transactions of
// the dev accounts.

#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "node/support/programs.hpp"
#include "node/support/vectors.hpp"
#include "tenet/node/rpc/rpc_handler.hpp"
#include "tenet/node/tx/signing.hpp"
#include "tenet/vm/assembler.hpp"
#include "tenet/vm/container.hpp"

namespace tenet::node::test {

/// 1 gwei.
inline constexpr uint64_t kRpcGwei = 1'000'000'000;

/// `n` ether in wei.
inline Word rpc_ether(uint64_t n) {
  return vm::mul(Word{n}, Word{1'000'000'000'000'000'000ull});
}

/// A contract: get() returns slot 1; bump() adds one to slot 1 and logs the new value as
/// LOG1's topic; fail() reverts with the two bytes 0xbeef; short() reverts with
/// InsufficientBalance(1000, 1001).
inline const std::string kRpcCounter = R"T(
.constructor init
.fn init
  STOP
.end
.fn get export="get()" view
  PUSH 0
  PUSH 1
  SLOAD
  MSTORE
  PUSH 0
  PUSH 32
  RETURN
.end
)T" + test::kBumpFunction + test::kFailBeefFunction +
                                       R"T(
.fn short export="short()"
  PUSH 0
  PUSH 0xcf47918100000000000000000000000000000000000000000000000000000000
  MSTORE
  PUSH 4
  PUSH 1000
  MSTORE
  PUSH 36
  PUSH 1001
  MSTORE
  PUSH 0
  PUSH 68
  REVERT
.end
)T";

/// The container of kRpcCounter.
inline Bytes rpc_counter_code() {
  auto c = vm::assemble(kRpcCounter, "rpc_test.tasm", {}, vm::ValidationOptions{false});
  EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().message);
  return c.ok() ? vm::serialize_container(*c) : Bytes{};
}

/// Call data of a function without arguments.
inline std::string rpc_selector(std::string_view signature) {
  return vm::hex_encode(vm::selector_of(signature));
}

/// A fixture with a fresh in-memory node and its handler.
class RpcNodeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    NodeConfig config;
    config.in_memory = true;
    config.port = 0;
    auto service = NodeService::start(config);
    ASSERT_TRUE(service.ok()) << service.error().message;
    service_ = std::move(*service);
    handler_ = std::make_unique<RpcHandler>(*service_, artifacts_, false);
  }
  void TearDown() override {
    handler_.reset();
    if (service_) service_->stop();
  }

  /// The answer object (or array) to `body`.
  nlohmann::json answer(const std::string& body, bool remote = false) {
    RequestContext context;
    context.remote_peer = remote;
    const std::string text = handler_->handle(body, context);
    if (text.empty()) return nullptr;
    return nlohmann::json::parse(text);
  }
  /// The answer to one call of `method`; `params` not an array is the only parameter (a
  /// one-element brace list of a json value is that value, not an array).
  nlohmann::json request(const std::string& method, const nlohmann::json& params,
                         bool remote = false) {
    const nlohmann::json list = params.is_array() ? params : nlohmann::json::array({params});
    return answer(
        nlohmann::json{{"jsonrpc", "2.0"}, {"id", 1}, {"method", method}, {"params", list}}.dump(),
        remote);
  }
  /// The result of a call that must succeed.
  nlohmann::json result(const std::string& method, const nlohmann::json& params = {}) {
    const nlohmann::json a = request(method, params.is_null() ? nlohmann::json::array() : params);
    EXPECT_TRUE(a.contains("result")) << method << ": " << a.dump();
    return a.contains("result") ? a["result"] : nlohmann::json();
  }
  /// The error of a call that must fail.
  nlohmann::json error(const std::string& method, const nlohmann::json& params = {}) {
    const nlohmann::json a = request(method, params.is_null() ? nlohmann::json::array() : params);
    EXPECT_TRUE(a.contains("error")) << method << ": " << a.dump();
    return a.contains("error") ? a["error"] : nlohmann::json();
  }

  const DevAccount& dev(std::size_t i) const { return service_->accounts().at(i); }
  std::string dev_hex(std::size_t i) const { return vm::to_hex(dev(i).address); }

  /// A type 2 transaction of chain 31337 (tip 1 gwei, fee cap 2 gwei).
  static Transaction dynamic_tx(uint64_t nonce, std::optional<Address> to, Word value,
                                uint64_t gas = 21'000, Bytes data = {}) {
    Transaction tx;
    tx.type = TxType::DynamicFee;
    tx.chain_id = 31337;
    tx.nonce = nonce;
    tx.gas_limit = gas;
    tx.max_priority_fee = Word{kRpcGwei};
    tx.max_fee = Word{2 * kRpcGwei};
    tx.to = to;
    tx.value = value;
    tx.data = std::move(data);
    return tx;
  }
  /// `tx` signed by dev account `i`, as raw hex.
  std::string signed_raw(const Transaction& tx, std::size_t i = 0) const {
    auto signed_tx = sign_transaction(tx, dev(i).private_key);
    EXPECT_TRUE(signed_tx.has_value());
    return vm::hex_encode(encode_transaction(*signed_tx));
  }
  /// The hash of `tx` signed by dev account `i`.
  Hash256 signed_hash(const Transaction& tx, std::size_t i = 0) const {
    return transaction_hash(*sign_transaction(tx, dev(i).private_key));
  }
  /// Deploys kRpcCounter from dev account 0 with `nonce`; its address.
  Address deploy_counter(uint64_t nonce) {
    const std::string raw =
        signed_raw(dynamic_tx(nonce, std::nullopt, Word{}, 1'000'000, rpc_counter_code()));
    result("eth_sendRawTransaction", {raw});
    return vm::create_address(dev(0).address, nonce);
  }

  ArtifactIndex artifacts_;
  std::unique_ptr<NodeService> service_;
  std::unique_ptr<RpcHandler> handler_;
};

}  // namespace tenet::node::test
