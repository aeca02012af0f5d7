// render_trace and render_logs: exact lines for a hand-made trace (decoded calls, labels,
// creations with constructor arguments, results, reverts, expected reverts, out of gas,
// unknown code, dropped nodes, colours) and for log payloads.

#include "tenet/runner/render.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tenet/abi/type.hpp"
#include "tenet/abi/values.hpp"
#include "tenet/vm/crypto.hpp"

namespace tenet::runner {
namespace {

abi::AbiParam param(const std::string& name, const std::string& type) {
  abi::AbiParam p;
  p.name = name;
  p.type = type;
  p.internal_type = type;
  return p;
}

abi::AbiEntry entry(abi::AbiEntryKind kind, const std::string& name,
                    std::vector<abi::AbiParam> inputs, std::vector<abi::AbiParam> outputs = {}) {
  abi::AbiEntry e;
  e.kind = kind;
  e.name = name;
  e.inputs = std::move(inputs);
  e.outputs = std::move(outputs);
  return e;
}

/// ABI encoding of `args` as `types` (a type list like "(address,uint256)").
std::vector<uint8_t> encode(const std::string& types, const std::vector<std::string>& args) {
  auto parsed = abi::parse_type_list(types);
  EXPECT_TRUE(parsed);
  auto data = abi::encode_values(*parsed, args);
  EXPECT_TRUE(data);
  return *data;
}

std::vector<uint8_t> with_selector(const std::string& signature, std::vector<uint8_t> args) {
  const auto s = vm::selector_of(signature);
  args.insert(args.begin(), s.begin(), s.end());
  return args;
}

vm::Address address(uint8_t last) {
  vm::Address a;
  a.bytes[19] = last;
  return a;
}

vm::Hash256 hash(uint8_t first) {
  vm::Hash256 h{};
  h[0] = first;
  return h;
}

class RenderTrace : public ::testing::Test {
 protected:
  RenderTrace() {
    KnownCode token;
    token.name = "Token";
    token.size = 1234;
    token.abi = {
        entry(abi::AbiEntryKind::constructor, "",
              {param("name", "string"), param("symbol", "string"), param("supply", "uint256")}),
        entry(abi::AbiEntryKind::error, "InsufficientBalance",
              {param("have", "uint256"), param("need", "uint256")}),
        entry(abi::AbiEntryKind::function, "transfer",
              {param("to", "address"), param("amount", "uint256")}, {param("", "bool")}),
    };
    registry.add(kToken, token);
    KnownCode test;
    test.name = "TokenTest";
    test.is_test = true;
    test.abi = {entry(abi::AbiEntryKind::function, "transfer_too_much", {})};
    registry.add(kTest, test);
  }

  CallNode node(int parent, vm::CallKind kind, const vm::Address& to, const vm::Hash256& code,
                std::vector<uint8_t> input, int64_t gas_used) {
    CallNode n;
    n.kind = kind;
    n.depth = parent < 0 ? 0 : trace.nodes[static_cast<size_t>(parent)].depth + 1;
    n.recipient = to;
    n.code_hash = code;
    n.input_size = input.size();
    n.input = std::move(input);
    n.gas_used = gas_used;
    n.parent = parent;
    return n;
  }

  void finish(CallNode& n, vm::Status status, std::vector<uint8_t> output) {
    n.status = status;
    n.output_size = output.size();
    n.output = std::move(output);
  }

  const vm::Hash256 kToken = hash(1);
  const vm::Hash256 kTest = hash(2);
  const vm::Address kTokenAt = address(0xaa);
  const vm::Address kAlice = address(0xa1);
  ArtifactRegistry registry;
  CallTrace trace;
};

TEST_F(RenderTrace, DecodesCallsCreationsResultsAndReverts) {
  const auto revert = with_selector("InsufficientBalance(uint256,uint256)",
                                    encode("uint256,uint256", {"1000", "1001"}));
  CallNode root = node(-1, vm::CallKind::Call, address(0x77), kTest,
                       with_selector("transfer_too_much()", {}), 5000);
  finish(root, vm::Status::Revert, revert);
  trace.nodes.push_back(root);
  CallNode create = node(0, vm::CallKind::Create, kTokenAt, kToken,
                         encode("string,string,uint256", {"Tenet", "TNT", "1000"}), 300000);
  finish(create, vm::Status::Success, {});
  trace.nodes.push_back(create);
  CallNode ok = node(0, vm::CallKind::Call, kTokenAt, kToken,
                     with_selector("transfer(address,uint256)",
                                   encode("address,uint256", {vm::to_hex(kAlice), "10"})),
                     2345);
  finish(ok, vm::Status::Success, encode("bool", {"true"}));
  trace.nodes.push_back(ok);
  CallNode bad = node(0, vm::CallKind::Call, kTokenAt, kToken,
                      with_selector("transfer(address,uint256)",
                                    encode("address,uint256", {vm::to_hex(kAlice), "1001"})),
                      1234);
  finish(bad, vm::Status::Revert, revert);
  trace.nodes.push_back(bad);

  const std::map<vm::Address, std::string> labels{{kAlice, "alice"}};
  const std::vector<std::string> expected{
      "[5000] TokenTest::transfer_too_much()",
      "├─ [300000] → new Token@0x00000000000000000000000000000000000000aa(\"Tenet\", \"TNT\", "
      "1000)",
      "│  └─ ← 1234 bytes of code",
      "├─ [2345] Token::transfer(alice, 10)",
      "│  └─ ← true",
      "├─ [1234] Token::transfer(alice, 1001)",
      "│  └─ ← revert: InsufficientBalance(1000, 1001)",
      "└─ ← revert: InsufficientBalance(1000, 1001)",
  };
  EXPECT_EQ(render_trace(trace, registry, labels), expected);
}

TEST_F(RenderTrace, LabelsNameTheCalleeAndNestedCallsIndent) {
  CallNode root = node(-1, vm::CallKind::Call, address(0x77), kTest,
                       with_selector("transfer_too_much()", {}), 900);
  finish(root, vm::Status::Success, {});
  trace.nodes.push_back(root);
  CallNode outer = node(0, vm::CallKind::Call, kTokenAt, kToken,
                        with_selector("transfer(address,uint256)",
                                      encode("address,uint256", {vm::to_hex(address(0x05)), "1"})),
                        700);
  outer.value = vm::Word{3};
  finish(outer, vm::Status::Success, encode("bool", {"false"}));
  trace.nodes.push_back(outer);
  CallNode inner =
      node(1, vm::CallKind::Call, address(0x05), hash(9), {0xde, 0xad, 0xbe, 0xef, 1}, 100);
  finish(inner, vm::Status::OutOfGas, {});
  trace.nodes.push_back(inner);

  const std::map<vm::Address, std::string> labels{{kTokenAt, "usdc"}};
  const std::vector<std::string> expected{
      "[900] TokenTest::transfer_too_much()",
      "├─ [700] usdc::transfer{value: 3}(0x0000000000000000000000000000000000000005, 1)",
      "│  ├─ [100] 0x0000000000000000000000000000000000000005::0xdeadbeef(5 bytes)",
      "│  │  └─ ← out of gas",
      "│  └─ ← false",
      "└─ ← ()",
  };
  EXPECT_EQ(render_trace(trace, registry, labels), expected);
}

TEST_F(RenderTrace, ExpectedRevertsDroppedNodesAndColours) {
  const auto error = with_selector("Error(string)", encode("string", {"no"}));
  CallNode root = node(-1, vm::CallKind::Call, address(0x77), kTest,
                       with_selector("transfer_too_much()", {}), 50);
  finish(root, vm::Status::Success, {});
  trace.nodes.push_back(root);
  CallNode expected_call = node(0, vm::CallKind::Call, kTokenAt, kToken, {0x01, 0x02}, 20);
  finish(expected_call, vm::Status::Revert, error);
  expected_call.expected_revert = true;
  trace.nodes.push_back(expected_call);
  trace.dropped = 3;

  EXPECT_EQ(render_trace(trace, registry, {}), (std::vector<std::string>{
                                                   "[50] TokenTest::transfer_too_much()",
                                                   "├─ [20] Token::0x0102(2 bytes)",
                                                   "│  └─ ← [expected revert] Error(\"no\")",
                                                   "└─ ← ()",
                                                   "… 3 more calls",
                                               }));
  EXPECT_EQ(render_trace(trace, registry, {}, /*color=*/true),
            (std::vector<std::string>{
                "\033[2m[50]\033[0m \033[32mTokenTest::transfer_too_much()\033[0m",
                "├─ \033[2m[20]\033[0m \033[33mToken::0x0102(2 bytes)\033[0m",
                "│  └─ \033[33m← [expected revert] Error(\"no\")\033[0m",
                "└─ ← ()",
                "… 3 more calls",
            }));
}

/// A `log(…)` payload: ABI of (string types, args…).
std::vector<uint8_t> log_payload(const std::string& types, std::vector<std::string> args) {
  args.insert(args.begin(), "(" + types + ")");
  return encode(types.empty() ? "string" : "string," + types, args);
}

TEST(RenderLogs, DecodedValuesJoinedBySpacesUndecodablePayloadsAsHexOperandRecordsSkipped) {
  std::vector<uint8_t> operand_record{'t', 'c', 'm', 'p'};
  const auto record =
      encode("string,uint32,uint32,string,string,string", {"test.tn", "4", "9", ">", "1", "3"});
  operand_record.insert(operand_record.end(), record.begin(), record.end());
  const std::vector<std::vector<uint8_t>> payloads{
      log_payload("string,uint256", {"hello", "42"}),
      log_payload("address,bool,int8",
                  {"0x00000000000000000000000000000000000000aa", "true", "-5"}),
      log_payload("", {}),
      {0x01, 0x02, 0xff},
      operand_record,
  };
  EXPECT_EQ(render_logs(payloads), (std::vector<std::string>{
                                       "hello 42",
                                       "0x00000000000000000000000000000000000000aa true -5",
                                       "",
                                       "0x0102ff",
                                   }));
}

}  // namespace
}  // namespace tenet::runner
