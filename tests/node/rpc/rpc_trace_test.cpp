// tenet_traceTransaction and tenet_traceCall over an in-memory node: a transfer (a root frame
// only), a deployment, a call with a nested call and a revert deeper down (the tree, gasUsed
// equal to the receipt's, the revert decoded), a nested creation, out of gas, a block with
// overrides and several transactions replayed, contract names and source lines from the
// committed artifacts of tests/node/rpc/trace (and none without them), an unknown hash, and a
// remote question (tracing is not privileged).

#include <fstream>

#include "rpc_support.hpp"

namespace tenet::node::test {
namespace {

using nlohmann::json;

/// The committed artifacts of tests/node/rpc/trace.
std::filesystem::path trace_test_artifacts() {
  return std::filesystem::path(TENET_SOURCE_DIR) / "tests/node/rpc/trace/artifacts";
}

/// The `bytecode` of artifact `name`.
Bytes trace_test_bytecode(const std::string& name) {
  std::ifstream in(trace_test_artifacts() / (name + ".json"));
  const json artifact = json::parse(in);
  return from_hex(artifact["bytecode"].get<std::string>());
}

/// A word of call data: `v` as 32 big-endian bytes, hex without 0x.
std::string trace_test_word(uint64_t v) {
  return vm::hex_encode(vm::word_to_be(Word{v})).substr(2);
}

/// Call data of Outer.forward(inner, amount).
std::string trace_test_forward(const Address& inner, uint64_t amount) {
  return rpc_selector("forward(address,uint256)") + std::string(24, '0') +
         vm::to_hex(inner).substr(2) + trace_test_word(amount);
}

class RpcTrace : public RpcNodeTest {
 protected:
  void SetUp() override {
    auto loaded = ArtifactIndex::load(trace_test_artifacts());
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    artifacts_ = std::move(*loaded);
    RpcNodeTest::SetUp();
  }

  /// Deploys artifact `name` from dev account 0 with `nonce`; its address.
  Address deploy(const std::string& name, uint64_t nonce) {
    const std::string raw =
        signed_raw(dynamic_tx(nonce, std::nullopt, Word{}, 1'000'000, trace_test_bytecode(name)));
    result("eth_sendRawTransaction", {raw});
    return vm::create_address(dev(0).address, nonce);
  }

  /// Sends Outer.forward(inner, amount) from dev account 0 with 300,000 gas; the tx hash.
  std::string forward(const Address& outer, const Address& inner, uint64_t amount) {
    const json tx = {{"from", dev_hex(0)},
                     {"to", vm::to_hex(outer)},
                     {"gas", "0x493e0"},
                     {"data", trace_test_forward(inner, amount)}};
    return result("eth_sendTransaction", {tx});
  }
};

/// The JSON of a frame without calls, as a trace writes it.
json trace_test_frame(const std::string& type, const std::string& from, const std::string& to,
                      const std::string& gas, const std::string& gas_used, const std::string& input,
                      const std::string& output) {
  return json{{"type", type},   {"from", from},     {"to", to},
              {"value", "0x0"}, {"gas", gas},       {"gasUsed", gas_used},
              {"input", input}, {"output", output}, {"calls", json::array()}};
}

TEST_F(RpcTrace, TransferIsARootFrameOnly) {
  const json tx = {{"from", dev_hex(0)}, {"to", dev_hex(1)}, {"value", "0xde0b6b3a7640000"}};
  const std::string hash = result("eth_sendTransaction", {tx});
  json expected = trace_test_frame("CALL", dev_hex(0), dev_hex(1), "0x5208", "0x5208", "0x", "0x");
  expected["value"] = "0xde0b6b3a7640000";
  EXPECT_EQ(result("tenet_traceTransaction", {hash}), expected);
}

TEST_F(RpcTrace, NestedCallsWithContractsAndSourceLines) {
  const Address inner = deploy("Inner", 0);
  const Address outer = deploy("Outer", 1);
  const std::string inner_hex = vm::to_hex(inner), outer_hex = vm::to_hex(outer);
  const std::string ok = forward(outer, inner, 5);
  const std::string six = "0x" + trace_test_word(6);
  json put = trace_test_frame("CALL", outer_hex, inner_hex, "0x3b76b", "0x56f4",
                              rpc_selector("put(uint256)") + trace_test_word(5), six);
  put["contract"] = "Inner";
  put["function"] = "put(uint256)";
  put["source"] = "src/pair.tn:7";  // the RETURN of put: its signature's line
  json root = trace_test_frame("CALL", dev_hex(0), outer_hex, "0x493e0", "0x124f5",
                               trace_test_forward(inner, 5), six);
  root["contract"] = "Outer";
  root["function"] = "forward(address,uint256)";
  root["source"] = "src/pair.tn:20";
  root["calls"] = json::array({put});
  EXPECT_EQ(result("tenet_traceTransaction", {ok}), root);
  EXPECT_EQ(result("eth_getTransactionReceipt", {ok})["gasUsed"], "0x124f5");

  // Reverted two frames deep: Inner's revert (line 9) propagated by Outer at its call (22).
  const std::string bad = forward(outer, inner, 500);
  const std::string too_big = "0xe0a89a3a" + trace_test_word(500);
  put = trace_test_frame("CALL", outer_hex, inner_hex, "0x3f920", "0xb8",
                         rpc_selector("put(uint256)") + trace_test_word(500), too_big);
  put["contract"] = "Inner";
  put["function"] = "put(uint256)";
  put["source"] = "src/pair.tn:9";
  put["error"] = "execution reverted";
  put["revertReason"] = "TooBig(500)";
  root = trace_test_frame("CALL", dev_hex(0), outer_hex, "0x493e0", "0x8b9c",
                          trace_test_forward(inner, 500), too_big);
  root["contract"] = "Outer";
  root["function"] = "forward(address,uint256)";
  root["source"] = "src/pair.tn:22";
  root["error"] = "execution reverted";
  root["revertReason"] = "TooBig(500)";
  root["calls"] = json::array({put});
  EXPECT_EQ(result("tenet_traceTransaction", {bad}), root);
  const json receipt = result("eth_getTransactionReceipt", {bad});
  EXPECT_EQ(receipt["status"], "0x0");
  EXPECT_EQ(receipt["gasUsed"], "0x8b9c");

  // The same question as an eth_call at the latest block: gas is the request's.
  const json call = {{"from", dev_hex(0)},
                     {"to", outer_hex},
                     {"gas", "0x493e0"},
                     {"data", trace_test_forward(inner, 500)}};
  const json traced_call = result("tenet_traceCall", {call, "latest"});
  EXPECT_EQ(traced_call["calls"], root["calls"]);
  EXPECT_EQ(traced_call["gas"], "0x493e0");
  EXPECT_EQ(traced_call["gasUsed"], "0x8b9c");
  EXPECT_EQ(traced_call["revertReason"], "TooBig(500)");
  EXPECT_EQ(traced_call["source"], "src/pair.tn:22");
}

TEST_F(RpcTrace, DeploymentIsACreateFrame) {
  deploy("Inner", 0);
  const json block1 = result("eth_getBlockByNumber", {"0x1", false});
  const json trace = result("tenet_traceTransaction", {block1["transactions"][0]});
  EXPECT_EQ(trace["type"], "CREATE");
  EXPECT_EQ(trace["to"], vm::to_hex(vm::create_address(dev(0).address, 0)));
  EXPECT_EQ(trace["input"], vm::hex_encode(trace_test_bytecode("Inner")));
  EXPECT_EQ(trace["contract"], "Inner");
  EXPECT_EQ(trace["gas"], "0xf4240");
  EXPECT_EQ(trace["gasUsed"],
            result("eth_getTransactionReceipt", {block1["transactions"][0]})["gasUsed"]);
  EXPECT_EQ(trace["calls"], json::array());
}

TEST_F(RpcTrace, ReplaysTheBlockOverridesAndEarlierTransactions) {
  const Address inner = deploy("Inner", 0);
  const Address outer = deploy("Outer", 1);
  result("evm_setAutomine", {false});
  // calls = 7 before the block: its SSTOREs write over a non-zero value.
  result("anvil_setStorageAt", {vm::to_hex(outer), "0x0", "0x" + trace_test_word(7)});
  const std::string first = forward(outer, inner, 5);
  const std::string second = forward(outer, inner, 6);
  result("evm_mine");
  const json r1 = result("eth_getTransactionReceipt", {first});
  const json r2 = result("eth_getTransactionReceipt", {second});
  ASSERT_EQ(r1["blockNumber"], r2["blockNumber"]);
  EXPECT_EQ(r2["transactionIndex"], "0x1");
  EXPECT_EQ(result("tenet_traceTransaction", {first})["gasUsed"], r1["gasUsed"]);
  EXPECT_EQ(result("tenet_traceTransaction", {second})["gasUsed"], r2["gasUsed"]);
  EXPECT_EQ(result("eth_getStorageAt", {vm::to_hex(outer), "0x0", "latest"}),
            "0x" + trace_test_word(9));
}

TEST_F(RpcTrace, NestedCreateAndOutOfGas) {
  const Address inner = deploy("Inner", 0);
  const Address outer = deploy("Outer", 1);
  const Address factory = deploy("Factory", 2);
  const std::string spawned = result(
      "eth_sendTransaction",
      {{{"from", dev_hex(0)}, {"to", vm::to_hex(factory)}, {"data", rpc_selector("spawn()")}}});
  const std::string factory_hex = vm::to_hex(factory);
  const std::string created_hex = vm::to_hex(vm::create_address(factory, 1));
  json create = trace_test_frame("CREATE", factory_hex, created_hex, "0x5b", "0x0",
                                 vm::hex_encode(trace_test_bytecode("Inner")), "0x");
  create["contract"] = "Inner";  // no constructor: no instruction ran, no source line
  json root = trace_test_frame("CALL", dev_hex(0), factory_hex, "0x22344", "0x22344",
                               rpc_selector("spawn()"),
                               "0x" + std::string(24, '0') + created_hex.substr(2));
  root["contract"] = "Factory";
  root["function"] = "spawn()";
  root["source"] = "src/factory.tn:5";
  root["calls"] = json::array({create});
  EXPECT_EQ(result("tenet_traceTransaction", {spawned}), root);

  // Out of gas at `self.calls += 1` (line 21): all the gas is used, nothing returned.
  const std::string starved =
      result("eth_sendTransaction", {{{"from", dev_hex(0)},
                                      {"to", vm::to_hex(outer)},
                                      {"gas", "0x7530"},
                                      {"data", trace_test_forward(inner, 5)}}});
  root = trace_test_frame("CALL", dev_hex(0), vm::to_hex(outer), "0x7530", "0x7530",
                          trace_test_forward(inner, 5), "0x");
  root["contract"] = "Outer";
  root["function"] = "forward(address,uint256)";
  root["source"] = "src/pair.tn:21";
  root["error"] = "out of gas";
  EXPECT_EQ(result("tenet_traceTransaction", {starved}), root);
  EXPECT_EQ(result("eth_getTransactionReceipt", {starved})["gasUsed"], "0x7530");
}

/// Calls the code-less account 0xaa nine times with the same MiB of memory as input.
const std::string kTraceTestNineMiB = R"T(
.fn go export="go()"
  PUSH 0
  PUSH 0xaa
  PUSH 0
  PUSH 0
  PUSH 0x100000
  CALL
  POP
  PUSH 0
  PUSH 0xaa
  PUSH 0
  PUSH 0
  PUSH 0x100000
  CALL
  POP
  PUSH 0
  PUSH 0xaa
  PUSH 0
  PUSH 0
  PUSH 0x100000
  CALL
  POP
  PUSH 0
  PUSH 0xaa
  PUSH 0
  PUSH 0
  PUSH 0x100000
  CALL
  POP
  PUSH 0
  PUSH 0xaa
  PUSH 0
  PUSH 0
  PUSH 0x100000
  CALL
  POP
  PUSH 0
  PUSH 0xaa
  PUSH 0
  PUSH 0
  PUSH 0x100000
  CALL
  POP
  PUSH 0
  PUSH 0xaa
  PUSH 0
  PUSH 0
  PUSH 0x100000
  CALL
  POP
  PUSH 0
  PUSH 0xaa
  PUSH 0
  PUSH 0
  PUSH 0x100000
  CALL
  POP
  PUSH 0
  PUSH 0xaa
  PUSH 0
  PUSH 0
  PUSH 0x100000
  CALL
  POP
  STOP
.end
)T";

TEST_F(RpcTrace, TraceOverTheDataLimitIsRefused) {
  auto assembled = vm::assemble(kTraceTestNineMiB, "nine.tasm", {}, vm::ValidationOptions{false});
  ASSERT_TRUE(assembled.ok()) << assembled.error().message;
  const std::string raw = signed_raw(
      dynamic_tx(0, std::nullopt, Word{}, 1'000'000, vm::serialize_container(*assembled)));
  result("eth_sendRawTransaction", {raw});
  const std::string caller = vm::to_hex(vm::create_address(dev(0).address, 0));
  const json go = {{"from", dev_hex(0)}, {"to", caller}, {"data", rpc_selector("go()")}};
  const std::string hash = result("eth_sendTransaction", {go});
  EXPECT_EQ(result("eth_getTransactionReceipt", {hash})["status"], "0x1");
  const json refused = error("tenet_traceTransaction", {hash});
  EXPECT_EQ(refused["code"], -32005);
  EXPECT_EQ(refused["message"],
            "limit exceeded: the trace holds more than 8 MiB of input and output");
  EXPECT_EQ(error("tenet_traceCall", {go})["message"], refused["message"]);
}

TEST_F(RpcTrace, WithoutArtifactsNoContractsOrLines) {
  const Address inner = deploy("Inner", 0);
  const Address outer = deploy("Outer", 1);
  const std::string bad = forward(outer, inner, 500);
  const ArtifactIndex none;
  RpcHandler plain(*service_, none, false);
  const json body = {
      {"jsonrpc", "2.0"}, {"id", 1}, {"method", "tenet_traceTransaction"}, {"params", {bad}}};
  const json trace = json::parse(plain.handle(body.dump(), RequestContext{}))["result"];
  for (const json& frame : {trace, trace["calls"][0]}) {
    EXPECT_FALSE(frame.contains("contract")) << frame.dump();
    EXPECT_FALSE(frame.contains("function")) << frame.dump();
    EXPECT_FALSE(frame.contains("source")) << frame.dump();
    EXPECT_EQ(frame["error"], "execution reverted");
    EXPECT_EQ(frame["revertReason"], "custom error 0xe0a89a3a");
  }
  EXPECT_EQ(trace["gasUsed"], result("eth_getTransactionReceipt", {bad})["gasUsed"]);
}

TEST_F(RpcTrace, UnknownHashIsNullAndTracingIsNotPrivileged) {
  EXPECT_EQ(result("tenet_traceTransaction", {"0x" + std::string(64, 'a')}), nullptr);
  const json malformed = error("tenet_traceTransaction", {"0x12"});
  EXPECT_EQ(malformed["code"], -32602);
  const json tx = {{"from", dev_hex(0)}, {"to", dev_hex(1)}, {"value", "0x1"}};
  const std::string hash = result("eth_sendTransaction", {tx});
  const json remote = request("tenet_traceTransaction", {hash}, true);
  ASSERT_TRUE(remote.contains("result")) << remote.dump();
  EXPECT_EQ(remote["result"]["gasUsed"], "0x5208");
  const json remote_call =
      request("tenet_traceCall", {{{"to", dev_hex(1)}, {"value", "0x0"}}}, true);
  ASSERT_TRUE(remote_call.contains("result")) << remote_call.dump();
  EXPECT_EQ(remote_call["result"]["calls"], json::array());
}

}  // namespace
}  // namespace tenet::node::test
